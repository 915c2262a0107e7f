"""PA digitale 2026's "avvisi" (the PNRR calls for public bodies): JSON (a list of objects) or the
CSV with the same columns — titolo, misura, data_inizio_bando, data_fine_bando, stato,
totale_importo_stanziato, totale_importo_misura, soggetti_destinatari (`;`-separated). The source
has no id: the title, made into a slug, is the key."""

import csv
import io
import json

from django.utils.text import slugify
from django.utils.translation import gettext as _

from .records import CallRecord, ImportFileError, Refused, amount, as_list, moment, text

FUNDER = "Dipartimento per la trasformazione digitale"
LINK = "https://padigitale2026.gov.it/"


def _rows(handle):
    content = handle.read()
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError(_("The file is not UTF-8 text.")) from None
    stripped = content.lstrip()
    if stripped.startswith("["):
        try:
            rows = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ImportFileError(
                _("The file is not valid JSON: %(error)s") % {"error": exc}
            ) from None
        return rows
    reader = csv.DictReader(io.StringIO(content))
    if not reader.fieldnames or "titolo" not in reader.fieldnames:
        raise ImportFileError(_('This is not a file of PA digitale 2026\'s calls: no "titolo".'))
    return list(reader)


def read(handle):
    for row in _rows(handle):
        try:
            yield _record(row)
        except Refused as refused:
            yield refused


def _record(row) -> CallRecord:
    if not isinstance(row, dict):
        raise Refused(_("The record is not an object."))
    title = text(row.get("titolo"))
    source_id = slugify(title)[:200]
    who = {"source_id": source_id, "title": title}
    budget, budget_raw = amount(
        row.get("totale_importo_stanziato"), field_label="totale_importo_stanziato", **who
    )
    closes = moment(
        row.get("data_fine_bando"), field_label="data_fine_bando", end_of_day=True, **who
    )
    measure = text(row.get("misura"))
    recipients = as_list(row.get("soggetti_destinatari"))
    return CallRecord(
        source_id=source_id,
        title=title,
        funder=FUNDER,
        funder_type="national",
        link=LINK,
        summary=_("PNRR measure %(measure)s, for: %(who)s.")
        % {"measure": measure, "who": ", ".join(recipients) or "-"},
        body=measure,
        aid_form=_("Lump sum (PNRR)"),
        total_budget=budget,
        total_budget_raw=budget_raw,
        opens_at=moment(row.get("data_inizio_bando"), field_label="data_inizio_bando", **who),
        deadlines=[(closes, "")] if closes else [],
        whole_italy=True,
        beneficiaries=["public-bodies"],
        beneficiaries_raw="; ".join(recipients)[:5000],
        raw=row,
    ).check()
