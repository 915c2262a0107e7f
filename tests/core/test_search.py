"""Italian search in one place (coopportal/core/search.py), on real PostgreSQL: prefixes, any order,
accents, typos, ranking, hostile input; then through the proposal search, the board's filter and
the group list; and the SQLite fallback of `make run`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from coopportal.core import search as engine
from coopportal.core.search import prefix_query, search, vector_refresh, weighted_vector
from tests.workgroups.factories import MembershipFactory, ProposalFactory, WorkingGroupFactory
from workgroups.models import Proposal, WorkingGroup

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def proposal(title, summary="Una proposta", body="Testo.", **kwargs):
    made = ProposalFactory(title=title, summary=summary, body=body, published=True, **kwargs)
    vector_refresh(Proposal.objects.filter(pk=made.pk), Proposal.SEARCH_VECTOR)
    return made


def titles(queryset):
    return [p.title for p in queryset]


def found(text, **kwargs):
    kwargs.setdefault("trigram_fields", ("title",))
    return titles(search(Proposal.objects.all(), text, **kwargs))


def test_the_configuration_and_the_extensions_exist():
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm')")
        assert {row[0] for row in cursor.fetchall()} == {"unaccent", "pg_trgm"}
        cursor.execute("SELECT to_tsvector('italian_unaccent', 'La città e le attività')::text")
        vector = cursor.fetchone()[0]
    assert "à" not in vector and "citt" in vector


def test_vector_refresh_stores_the_weighted_vector_in_one_update():
    made = ProposalFactory(title="Orti condivisi")
    assert Proposal.objects.get(pk=made.pk).search_vector is None
    assert vector_refresh(Proposal.objects.filter(pk=made.pk), Proposal.SEARCH_VECTOR) == 1
    stored = Proposal.objects.get(pk=made.pk).search_vector
    assert "'orti':1A" in stored


def test_a_prefix_finds_the_longer_forms_of_a_word():
    wanted = proposal("Promozione delle attività culturali")
    proposal("Riduzione dei costi energetici")
    assert Proposal.objects.get(pk=wanted.pk).search_vector is not None
    assert found("cultura") == [wanted.title]


def test_two_words_in_another_order_find_the_title_that_holds_both_first():
    both = proposal("Assemblee dei soci: il calendario del 2027")
    proposal("Il calendario delle ferie")
    proposal("Nessuna relazione", summary="Altro", body="Altro ancora")
    result = found("calendario assemblee")
    assert result[0] == both.title
    assert len(result) == 2  # any of the words


def test_accents_do_not_matter():
    wanted = proposal("Una città più verde")
    assert found("citta", trigram_fields=()) == [wanted.title]
    plain = proposal("Citta senza accento")
    assert set(found("città", trigram_fields=())) == {wanted.title, plain.title}


def test_a_typo_in_the_title_is_forgiven_by_trigram_similarity():
    wanted = proposal("Preparare la prossima assemblea")
    proposal("Riduzione dei costi energetici")
    assert found("asemblea", trigram_fields=()) == []  # the stemmer alone misses it
    assert found("asemblea") == [wanted.title]


def test_the_title_match_ranks_first():
    in_body = proposal("Una proposta", summary="Varie", body="Parliamo di biblioteche di quartiere")
    in_title = proposal("Biblioteche di quartiere", summary="Varie", body="Testo.")
    assert found("biblioteca") == [in_title.title, in_body.title]
    ranked = search(Proposal.objects.all(), "biblioteca")
    assert ranked[0].search_rank > ranked[1].search_rank


@pytest.mark.parametrize(
    "text",
    ["'&|!:*()", "a:* | !b & (c", "\\'; DROP TABLE x; --", "parola " * 500, "x" * 5000, "ß∂ƒ©"],
)
def test_hostile_input_never_errors(text):
    proposal("Una proposta qualsiasi")
    list(search(Proposal.objects.all(), text, trigram_fields=("title",)))
    list(search(Proposal.objects.all(), text, fallback=(), rank=False))
    assert len(engine.search_words(text)) <= 30


def test_empty_text_leaves_the_queryset_as_it_is_and_short_text_is_looked_for_as_it_is():
    proposal("Una proposta per il CdA")
    proposal("Un'altra")
    assert len(found("")) == 2 and len(found("   ")) == 2
    assert found("CdA") == ["Una proposta per il CdA"]
    assert found("CdA", fallback=()) == []
    assert prefix_query("") is None and prefix_query("a b c") is None


def test_rows_without_a_stored_vector_are_still_found_through_the_fallback_fields():
    unindexed = ProposalFactory(title="Mercatino del baratto", published=True)
    assert found("baratto", trigram_fields=()) == [unindexed.title]
    assert found("baratto", trigram_fields=(), fallback=()) == []


def test_weighted_vector_needs_fields():
    with pytest.raises(ValueError):
        weighted_vector()


# --- through the features ---------------------------------------------------------------------


def test_the_proposal_search_page_finds_similar_proposals(client):
    membership = MembershipFactory()
    group = membership.group
    wanted = proposal("Attività culturali per i soci", group=group)
    proposal("Riduzione dei costi energetici", group=group)
    client.force_login(membership.user)
    url = reverse("workgroups:proposal_similar", args=[group.slug])
    for text in ("cultura", "Cultura e teatro", "attivita"):
        response = client.get(url, {"title": text})
        assert response.status_code == 200
        assert list(response.context["similar"]) == [wanted], text
    assert client.get(url, {"title": "'&|!:*()"}).status_code == 200


def test_the_board_recommendation_filter_uses_the_italian_search(board_client):
    wanted = ProposalFactory(forwarded=True, title="Il calendario dell'assemblea")
    other = ProposalFactory(forwarded=True, title="Riduzione dei costi", summary="x", body="y")
    vector_refresh(Proposal.objects.filter(pk__in=[wanted.pk, other.pk]), Proposal.SEARCH_VECTOR)

    def listed(q):
        response = board_client.get(reverse("board:index"), {"q": q})
        assert response.status_code == 200
        return [p.title for p in response.context["page"].object_list]

    assert listed("assemblea calendario") == [wanted.title]
    assert listed("asemblea") == [wanted.title]
    assert listed("'&|!:*()") == []


def test_the_group_list_search_uses_the_stored_vector(client):
    gardens = WorkingGroupFactory(
        name="Orti urbani", theme="Ambiente", summary="Coltiviamo insieme", description="Città"
    )
    WorkingGroupFactory(name="Formazione", summary="Corsi per i soci", description="Aule")
    vector_refresh(WorkingGroup.objects.all(), WorkingGroup.SEARCH_VECTOR)
    assert WorkingGroup.objects.get(pk=gardens.pk).search_vector is not None

    def listed(q):
        response = client.get(reverse("workgroups:index"), {"q": q})
        assert response.status_code == 200
        return [g.name for g in response.context["page"].object_list]

    assert listed("ambientali") == ["Orti urbani"]  # the theme, by prefix
    assert listed("citta") == ["Orti urbani"]  # the description, without accents
    assert listed("Ortu urbani") == ["Orti urbani"]  # a typo in the name
    assert listed("'&|!:*()") == []


def test_the_admin_refreshes_a_groups_vector(superuser_client):
    group = WorkingGroupFactory(name="Vecchio nome", slug="vecchio")
    url = reverse("admin:workgroups_workinggroup_change", args=[group.pk])
    form = superuser_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "phases"}
    data.update(name="Biblioteca sociale", slug="vecchio", audience="members", join_policy="open")
    data.update({"phases-TOTAL_FORMS": 0, "phases-INITIAL_FORMS": 0, "is_active": "on"})
    response = superuser_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "'bibliotec':1A" in WorkingGroup.objects.get(pk=group.pk).search_vector


# --- the SQLite path (`make run`) -------------------------------------------------------------


def test_off_postgresql_search_falls_back_to_icontains_and_refresh_does_nothing(monkeypatch):
    """The branch `make run` takes (tests/smoke runs the whole portal on SQLite), forced here."""
    wanted = ProposalFactory(title="Calendario delle assemblee")
    ProposalFactory(title="Riduzione dei costi")
    monkeypatch.setattr(engine, "_is_postgresql", lambda queryset: False)
    assert vector_refresh(Proposal.objects.all(), Proposal.SEARCH_VECTOR) == 0
    assert titles(search(Proposal.objects.all(), "assemblea calendari")) == [wanted.title]
    assert titles(search(Proposal.objects.all(), "'&|!:*()")) == []
    assert titles(search(Proposal.objects.all(), "assemblea", fallback=())) == []
    sql, _params = search(Proposal.objects.all(), "assemblea").query.sql_with_params()
    assert "LIKE" in sql and "@@" not in sql and "%>" not in sql


SQLITE_SCRIPT = """
import django
django.setup()
from django.core.management import call_command
from django.db import connection
call_command("migrate", verbosity=0)
from coopportal.core.search import search, vector_refresh
from workgroups.models import Proposal, WorkingGroup
assert connection.vendor == "sqlite"
WorkingGroup.objects.create(name="Orti urbani", slug="orti", theme="Ambiente", summary="Insieme")
WorkingGroup.objects.create(name="Formazione", slug="formazione", theme="Corsi", summary="Aule")
assert vector_refresh(WorkingGroup.objects.all(), WorkingGroup.SEARCH_VECTOR) == 0
groups = WorkingGroup.objects.all()
fallback = ("name", "theme", "summary")
assert [g.name for g in search(groups, "urbano orto", fallback=fallback)] == ["Orti urbani"]
assert [g.name for g in search(groups, "'&|!:*()", fallback=fallback)] == []
assert search(groups, "", fallback=fallback).count() == 2
assert list(search(Proposal.objects.all(), "cultura")) == []
print("OK")
"""


def test_search_works_on_the_sqlite_database_of_make_run(tmp_path, make_run_sqlite):
    """`make run` (coopportal.settings.local) on a real SQLite file, in its own process."""
    make_run_sqlite(tmp_path / "search.sqlite3")  # migrated from empty once; the script migrates
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "TEST_")) and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="coopportal.settings.local",
        DATABASE_URL=f"sqlite:///{tmp_path / 'search.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    result = subprocess.run(
        [sys.executable, "-c", SQLITE_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert result.stdout.strip().endswith("OK")
