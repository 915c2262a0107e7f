"""Italian full-text search, in one place.

A model that people search keeps a stored, GIN-indexed `search_vector`, declared once on the model
(`SEARCH_VECTOR = weighted_vector(("title", "A"), ("summary", "B"), ("body", "C"))`) and refreshed
by the services that change its text with one call: `vector_refresh(queryset, Model.SEARCH_VECTOR)`.

`search(queryset, text, ...)` finds what people mean:

- any of the words, each as a prefix (`prefix_query`): *cultura* finds *culturali* (the Italian
  stemmer alone gives `cultur` and `cultural`), each also by its stem as a prefix: *cooperativa*
  finds *cooperative* (both `cooper`, where the cut word is `cooperat`); "calendario assemblee"
  finds a title holding both words in any order;
- accents do not matter: the text search configuration `italian_unaccent` (core migration 0004)
  takes them off before the Italian stemmer, so *citta* finds *città*;
- trigram word similarity (`pg_trgm`) on the `trigram_fields` (names, titles) forgives typos:
  *asemblea* finds *assemblea*;
- rows whose vector is not stored yet (written straight through the ORM) and the SQLite database
  of `make run` are searched with `icontains` on the `fallback` fields, word by word.

Input is never trusted: only runs of letters become search terms (at most `max_terms`), so
punctuation such as `'&|!:*()` or hundreds of words never make an error.
"""

import re

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connections
from django.db.models import F, FloatField, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Greatest

CONFIG = "italian_unaccent"
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _is_postgresql(queryset) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def weighted_vector(*fields: tuple[str, str], config: str = CONFIG) -> SearchVector:
    """`weighted_vector(("title", "A"), ("summary", "B"))`: one vector, each field with its weight
    (A counts most, D least)."""
    if not fields:
        raise ValueError("weighted_vector needs at least one (field, weight)")
    vectors = [SearchVector(name, weight=weight, config=config) for name, weight in fields]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def vector_refresh(queryset, vector: SearchVector, *, field: str = "search_vector") -> int:
    """Store `vector` on every row of `queryset` in one UPDATE; the number of rows. Nothing to do
    off PostgreSQL (SQLite has no text search: `search` falls back to `icontains` there)."""
    if not _is_postgresql(queryset):
        return 0
    return queryset.update(**{field: vector})


def search_words(text: str, *, min_len: int = 4, max_terms: int = 30) -> list[str]:
    """The distinct words (letters only, lower case, at least `min_len` long) of `text`, in order,
    at most `max_terms`."""
    words: list[str] = []
    for word in WORD.findall(text or ""):
        word = word.lower()
        if len(word) >= min_len and word not in words:
            words.append(word)
            if len(words) == max_terms:
                break
    return words


def _prefix(word: str, min_len: int) -> str:
    """What a word is searched by: it, less the last three letters (an Italian ending), but never
    shorter than `min_len` — *cultura* → *cult*, *culturali* → *cultur*."""
    return word[: max(min_len, len(word) - 3)]


def _word_terms(word: str, min_len: int) -> str:
    cut = _prefix(word, min_len)
    return f"{word}:*" if cut == word else f"({cut}:* | {word}:*)"


def prefix_query(
    text: str, *, config: str = CONFIG, min_len: int = 4, max_terms: int = 30, any_word=True
) -> SearchQuery | None:
    """A tsquery matching any (or, with `any_word=False`, all) of the words of `text`, each as a
    prefix; None when `text` has no word of `min_len` letters or more."""
    words = search_words(text, min_len=min_len, max_terms=max_terms)
    if not words:
        return None
    joiner = " | " if any_word else " & "
    # the word cut short, and the word itself, each stemmed and then a prefix: a cut that is longer
    # than the word's stem would miss the other forms (*cooperativa* → `cooperat`, while the
    # stemmer makes *cooperative* `cooper`; *progettazione* → `progettaz`, *progettiamo* `progett`)
    terms = joiner.join(_word_terms(word, min_len) for word in words)
    return SearchQuery(terms, search_type="raw", config=config)


def _contains(fields, terms, *, any_word=True) -> Q:
    """Each term in one of the fields (`icontains`), for any or all of the terms."""
    matches = Q()
    for term in terms:
        in_a_field = Q()
        for field in fields:
            in_a_field |= Q(**{f"{field}__icontains": term})
        matches = (matches | in_a_field) if any_word else (matches & in_a_field)
    return matches


def is_postgresql(queryset) -> bool:
    """Whether `queryset` reads PostgreSQL (full text and trigrams) or the SQLite of `make run`."""
    return _is_postgresql(queryset)


def contains_words(text: str, fields, *, min_len: int = 4, max_terms: int = 30) -> Q | None:
    """Any of the words of `text`, each as a prefix, in one of `fields` (`icontains`): where a
    query cannot use the stored vector (SQLite). None when `text` has no word to look for."""
    words = search_words(text, min_len=min_len, max_terms=max_terms)
    if not words:
        return None
    return _contains(fields, [_prefix(word, min_len) for word in words])


def _similar_q(field: str, words) -> Q:
    """A word of `words` close to a word of `field` (pg_trgm's `%>`, GIN `gin_trgm_ops`)."""
    similar = Q()
    for word in words:
        similar |= Q(**{f"{field}__trigram_word_similar": word})
    return similar


def _matching_pks(model, query, *, vector_field, trigram_q, unindexed):
    """The primary keys of the rows of `model` that match, as one UNION: the stored vector
    (its GIN index), each trigram field (its `gin_trgm_ops` index) and, when `unindexed` is given,
    the rows with no vector yet whose text holds the words. One OR over the same columns in a
    single WHERE made PostgreSQL scan the whole table (the directory took 1.3 s with 100,000
    profiles): each arm of the UNION reads its own index, and the page's other filters are
    applied to the few rows found."""
    rows = model._base_manager.order_by()
    arms = [rows.filter(**{vector_field: query})]
    arms += [rows.filter(similar) for similar in trigram_q]
    if unindexed is not None:
        arms.append(rows.filter(Q(**{f"{vector_field}__isnull": True}) & unindexed))
    first, *others = [arm.values("pk") for arm in arms]
    return first.union(*others) if others else first


def _union_search(queryset, query, vector_field, trigram_fields, words, fallback, prefixes,
                  any_word):  # fmt: skip
    """The rows that match, through the UNION of `_matching_pks`: the unindexed rows' `icontains`
    arm cannot use an index, and in one OR it would make PostgreSQL scan the whole table."""
    return queryset.filter(
        pk__in=_matching_pks(
            queryset.model,
            query,
            vector_field=vector_field,
            trigram_q=[_similar_q(field, words) for field in trigram_fields],
            unindexed=_contains(fallback, prefixes, any_word=any_word),
        )
    )


def search(
    queryset,
    text: str,
    *,
    vector_field: str = "search_vector",
    fallback=("title",),
    rank: bool = True,
    trigram_fields=(),
    config: str = CONFIG,
    min_len: int = 4,
    max_terms: int = 30,
    any_word: bool = True,
    unindexed_fallback: bool = True,
    typos_below: int | None = None,
) -> QuerySet:
    """The rows of `queryset` that match `text`, the best first when `rank` (annotated
    `search_rank`), otherwise in the queryset's own order.

    Empty text leaves the queryset as it is (callers that want nothing then say so). Text without a
    word of `min_len` letters (say "CdA" or "*&") is looked for as it is in the `fallback` fields.

    `unindexed_fallback=False` leaves out the rows whose vector is not stored: their `icontains`
    arm cannot use an index, so PostgreSQL reads the whole table instead of the GIN index (pass
    it where the services keep every row's vector).

    `typos_below=n` looks for near words (the trigram fields) only when the words themselves
    match fewer than n rows: a typo finds its row, and a broad search that matches thousands does
    not also compare every row's name with every word (that comparison cannot use an index
    cheaply when most rows are candidates, and it made the directory take a second with 60,000
    profiles). One extra query with LIMIT n decides.
    """
    text = (text or "").strip()
    if not text:
        return queryset
    words = search_words(text, min_len=min_len, max_terms=max_terms)
    if not words:
        if not fallback:
            return queryset.none()
        return queryset.filter(_contains(fallback, [text[:200]]))
    prefixes = [_prefix(word, min_len) for word in words]
    if not _is_postgresql(queryset):
        if not fallback:
            return queryset.none()
        found = queryset.filter(_contains(fallback, prefixes, any_word=any_word))
        return found.order_by("-pk") if rank else found
    query = prefix_query(text, config=config, min_len=min_len, max_terms=max_terms,
                         any_word=any_word)  # fmt: skip
    if trigram_fields and typos_below:
        exact = queryset.filter(**{vector_field: query}).order_by().values("pk")[:typos_below]
        if len(exact) >= typos_below:
            trigram_fields = ()
    if not (fallback and unindexed_fallback):
        # one OR over indexed columns: PostgreSQL ORs the bitmaps of the GIN indexes (faster
        # than the UNION below when a search matches a large share of the rows)
        matches = Q(**{vector_field: query})
        for similar in (_similar_q(field, words) for field in trigram_fields):
            matches |= similar
        found = queryset.filter(matches)
    else:
        found = _union_search(queryset, query, vector_field, trigram_fields, words, fallback,
                              prefixes, any_word)  # fmt: skip
    if not rank:
        return found
    score = Coalesce(SearchRank(F(vector_field), query), Value(0.0), output_field=FloatField())
    if trigram_fields:
        phrase = " ".join(words)
        similarities = [TrigramWordSimilarity(phrase, field) for field in trigram_fields]
        score = score + (Greatest(*similarities) if len(similarities) > 1 else similarities[0])
    return found.annotate(search_rank=score).order_by("-search_rank", "-pk")
