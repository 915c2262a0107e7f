"""The CSV of calls staff keep by hand (regional calls, foundations, private funders), documented
in docs/calls-import.md. UTF-8 (with or without BOM), `;` or `,` as separator (found from the
header), Italian or English column names, Italian numbers ("1.000.000,00 €") and dates
("31/12/2026"); several deadlines, sectors, regions, provinces, beneficiaries and sizes are
separated by `|`."""

import csv
import io

from django.utils.translation import gettext as _

from .records import (
    CallRecord,
    ImportFileError,
    Refused,
    amount,
    folded,
    moment,
    region_codes,
    regions_by_name,
    size_codes,
    text,
)

# column → the names it may have (Italian first)
COLUMNS = {
    "id": ("id", "codice"),
    "title": ("titolo", "title"),
    "funder": ("ente", "funder"),
    "funder_type": ("tipo_ente", "funder_type"),
    "link": ("link", "url"),
    "summary": ("sintesi", "summary"),
    "body": ("descrizione", "description", "body"),
    "aid_form": ("forma", "aid_form"),
    "min_amount": ("importo_min", "min_amount"),
    "max_amount": ("importo_max", "max_amount"),
    "total_budget": ("dotazione", "total_budget"),
    "cofinancing": ("cofinanziamento", "cofinancing"),
    "opens_at": ("apertura", "opens_at"),
    "deadlines": ("scadenze", "deadlines"),
    "sectors": ("settori", "sectors"),
    "regions": ("regioni", "regions"),
    "provinces": ("province", "provinces"),
    "whole_italy": ("tutta_italia", "whole_italy"),
    "abroad": ("estero", "abroad"),
    "beneficiaries": ("beneficiari", "beneficiaries"),
    "sizes": ("dimensioni", "sizes"),
}
FUNDER_TYPES = {
    "ue": "eu",
    "eu": "eu",
    "europeo": "eu",
    "nazionale": "national",
    "national": "national",
    "regionale": "regional",
    "regional": "regional",
    "locale": "regional",
    "fondazione": "foundation",
    "foundation": "foundation",
    "privato": "private",
    "private": "private",
}
YES = {"si", "sì", "s", "yes", "y", "1", "x", "true", "vero"}


def _parts(value) -> list[str]:
    return [part.strip() for part in text(value).split("|") if part.strip()]


def _reader(handle):
    content = handle.read()
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            message = _("The file is not UTF-8 text: save it as “CSV UTF-8”.")
            raise ImportFileError(message) from None
    content = content.lstrip("\ufeff")
    header = content.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(content), delimiter=delimiter)
    names = {folded(name).replace(" ", "_"): name for name in (reader.fieldnames or [])}
    columns = {}
    for key, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in names:
                columns[key] = names[alias]
                break
    missing = [COLUMNS[key][0] for key in ("id", "title") if key not in columns]
    if missing:
        raise ImportFileError(
            _("The CSV has no column %(columns)s (see docs/calls-import.md).")
            % {"columns": ", ".join(missing)}
        )
    return reader, columns


def read(handle):
    reader, columns = _reader(handle)
    regions = regions_by_name()
    try:
        for row in reader:
            values = {key: (row.get(name) or "").strip() for key, name in columns.items()}
            if not any(values.values()):
                continue  # an empty line
            try:
                yield _record(values, regions, row)
            except Refused as refused:
                yield refused
    except csv.Error as exc:
        raise ImportFileError(_("The CSV cannot be read: %(error)s") % {"error": exc}) from None


def _record(values, regions, row) -> CallRecord:
    source_id, title = values.get("id", ""), values.get("title", "")
    who = {"source_id": source_id, "title": title}
    kind = values.get("funder_type", "")
    funder_type = FUNDER_TYPES.get(folded(kind), "") if kind else ""
    if kind and not funder_type:
        raise Refused(
            _("tipo_ente must be one of UE, nazionale, regionale, fondazione, privato: %(v)s")
            % {"v": kind},
            **who,
        )
    deadlines = []
    for part in _parts(values.get("deadlines")):
        closes = moment(part, field_label="scadenze", end_of_day=True, **who)
        deadlines.append((closes, ""))
    low, low_raw = amount(values.get("min_amount"), field_label="importo_min", **who)
    high, high_raw = amount(values.get("max_amount"), field_label="importo_max", **who)
    budget, budget_raw = amount(values.get("total_budget"), field_label="dotazione", **who)
    share, share_raw = amount(values.get("cofinancing"), field_label="cofinanziamento", **who)
    if share is not None and share > 100:
        raise Refused(_("cofinanziamento is a percentage (0–100): %(v)s") % {"v": share_raw}, **who)
    region_names = _parts(values.get("regions"))
    codes, abroad, unknown = region_codes(region_names, regions)
    if unknown:
        raise Refused(_("Unknown region: %(names)s") % {"names": ", ".join(unknown)}, **who)
    sectors = [part.upper() for part in _parts(values.get("sectors"))]
    all_sectors = any(folded(part) in ("tutti", "all") for part in sectors)
    return CallRecord(
        source_id=source_id,
        title=title,
        funder=values.get("funder", "")[:300],
        funder_type=funder_type,
        link=values.get("link", "")[:1000],
        summary=values.get("summary", "")[:2000],
        body=values.get("body", "")[:50000],
        aid_form=values.get("aid_form", "")[:300],
        min_amount=low,
        min_amount_raw=low_raw,
        max_amount=high,
        max_amount_raw=high_raw,
        total_budget=budget,
        total_budget_raw=budget_raw,
        cofinancing_rate=share,
        cofinancing_raw=share_raw,
        opens_at=moment(values.get("opens_at"), field_label="apertura", **who),
        deadlines=sorted(deadlines),
        all_sectors=all_sectors,
        sectors=[] if all_sectors else sectors,
        sectors_raw=values.get("sectors", "")[:5000],
        whole_italy=folded(values.get("whole_italy", "")) in YES,
        abroad=abroad or folded(values.get("abroad", "")) in YES,
        regions=codes,
        provinces=[part.upper() for part in _parts(values.get("provinces"))],
        territory_raw="; ".join(p for p in (values.get("regions"), values.get("provinces")) if p),
        beneficiaries=[
            folded(part).replace(" ", "-") for part in _parts(values.get("beneficiaries"))
        ],
        beneficiaries_raw=values.get("beneficiaries", "")[:5000],
        sizes=size_codes(_parts(values.get("sizes"))),
        raw=dict(row),
    ).check()
