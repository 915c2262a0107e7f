"""The EU Funding & Tenders portal (its SEDIA search API): `{"totalResults": N, "results": [...]}`,
each result with `reference`, `url`, `summary` and `metadata`, whose every field is a list of
strings (format notes in ../shared/data/README.md). Texts are in English, deadlines in UTC; a call
with several cut-offs lists several `deadlineDate`s. EU calls are open to applicants of every
member state: whole Italy and abroad."""

import html
import json
import re

import nh3
from django.utils.translation import gettext as _

from .records import CallRecord, ImportFileError, Refused, amount, moment, text

STATUS_CODES = {"31094501": "forthcoming", "31094502": "open", "31094503": "closed"}
TAGS = re.compile(r"<[^>]+>")


def _first(metadata, key) -> str:
    values = metadata.get(key) or []
    return text(values[0]) if isinstance(values, list) and values else text(values)


def _plain(html_text: str) -> str:
    """HTML of the portal as plain paragraphs (the tags dropped by nh3, then the entities)."""
    cleaned = nh3.clean(html_text or "", tags={"p", "br", "li"}, attributes={})
    cleaned = re.sub(r"</?(p|br|li)\s*/?>", "\n", cleaned)
    cleaned = html.unescape(TAGS.sub("", cleaned))
    lines = [" ".join(line.split()) for line in cleaned.splitlines()]
    return "\n\n".join(line for line in lines if line)


def read(handle):
    try:
        data = json.load(handle)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ImportFileError(_("The file is not valid JSON: %(error)s") % {"error": exc}) from None
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list):
        raise ImportFileError(
            _('This is not a result of the EU Funding & Tenders search: no "results" list.')
        )
    for result in results:
        try:
            yield _record(result)
        except Refused as refused:
            yield refused


def _budget(metadata, who):
    """(min, max, total) contribution from `budgetOverview` (a JSON document in a string)."""
    raw = _first(metadata, "budgetOverview")
    if not raw:
        return (None, ""), (None, ""), (None, "")
    try:
        overview = json.loads(raw)
        actions = [a for items in overview.get("budgetTopicActionMap", {}).values() for a in items]
    except (json.JSONDecodeError, AttributeError, TypeError):
        raise Refused(_("budgetOverview is not valid JSON."), **who) from None
    mins = [a.get("minContribution") for a in actions if a.get("minContribution") is not None]
    maxs = [a.get("maxContribution") for a in actions if a.get("maxContribution") is not None]
    budgets = [
        sum(v for v in a.get("budgetYearMap", {}).values() if isinstance(v, int | float))
        for a in actions
    ]
    low = amount(min(mins), field_label="minContribution", **who) if mins else (None, "")
    high = amount(max(maxs), field_label="maxContribution", **who) if maxs else (None, "")
    total = amount(sum(budgets), field_label="budgetYearMap", **who) if any(budgets) else (None, "")
    return low, high, total


def _record(result) -> CallRecord:
    if not isinstance(result, dict) or not isinstance(result.get("metadata"), dict):
        raise Refused(_("The record has no metadata."))
    metadata = result["metadata"]
    source_id = _first(metadata, "identifier") or text(result.get("reference"))
    title = (
        _first(metadata, "title") or _first(metadata, "callTitle") or text(result.get("summary"))
    )
    who = {"source_id": source_id, "title": title}
    deadlines = []
    for value in metadata.get("deadlineDate") or []:
        closes = moment(value, field_label="deadlineDate", **who)
        if closes and all(closes != d for d, _label in deadlines):
            deadlines.append((closes, ""))
    deadlines.sort()
    if len(deadlines) > 1:
        deadlines = [(d, _("cut-off %(n)d") % {"n": n}) for n, (d, _l) in enumerate(deadlines, 1)]
    (low, low_raw), (high, high_raw), (total, total_raw) = _budget(metadata, who)
    description = _plain(_first(metadata, "descriptionByte") or _first(metadata, "description"))
    programme = _first(metadata, "frameworkProgramme")
    keywords = "; ".join(text(k) for k in (metadata.get("keywords") or []))
    call_title = _first(metadata, "callTitle")
    return CallRecord(
        source_id=source_id,
        title=title,
        funder=(_first(metadata, "caName") or "European Commission")[:300],
        funder_type="eu",
        link=(text(result.get("url")) or "")[:1000],
        summary=(call_title if call_title and call_title != title else description)[:600],
        body=description[:50000],
        aid_form=_first(metadata, "typesOfAction")[:300],
        min_amount=low,
        min_amount_raw=low_raw,
        max_amount=high,
        max_amount_raw=high_raw,
        total_budget=total,
        total_budget_raw=total_raw,
        opens_at=moment(_first(metadata, "startDate"), field_label="startDate", **who),
        deadlines=deadlines,
        sectors_raw="; ".join(p for p in (programme, keywords) if p)[:5000],
        whole_italy=True,
        abroad=True,
        territory_raw=_("Member states of the EU and associated countries"),
        raw=result,
    ).check()
