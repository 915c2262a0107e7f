"""incentivi.gov.it, the national catalogue of incentives: its JSON export, a Solr envelope
`{"response": {"numFound": N, "docs": [...]}}` with Italian field names (format notes in
../shared/data/README.md). There is no status: it follows from the dates; a call without
`Data_chiusura` is open until its funds run out."""

import json

from django.utils.translation import gettext as _

from .records import (
    CallRecord,
    ImportFileError,
    Refused,
    amount,
    as_list,
    folded,
    moment,
    region_codes,
    regions_by_name,
    size_codes,
    text,
)

# Settore_Attivita → ATECO 2007 sections (the words the catalogue uses; others are kept raw)
SECTORS = {
    "agricoltura": ["A"],
    "agricoltura silvicoltura pesca": ["A"],
    "pesca": ["A"],
    "industria": ["C"],
    "manifatturiero": ["C"],
    "artigianato": ["C"],
    "energia": ["D"],
    "ambiente": ["E"],
    "costruzioni": ["F"],
    "edilizia": ["F"],
    "commercio": ["G"],
    "trasporti": ["H"],
    "logistica": ["H"],
    "alberghiero": ["I"],
    "ristorazione": ["I"],
    "turismo": ["I"],
    "ict": ["J"],
    "editoria": ["J"],
    "servizi finanziari": ["K"],
    "servizi alle imprese": ["M", "N"],
    "ricerca": ["M"],
    "istruzione": ["P"],
    "formazione": ["P"],
    "sanita": ["Q"],
    "sociale": ["Q"],
    "cultura": ["R"],
    "sport": ["R"],
    "altri servizi": ["S"],
}
# Tipologia_Soggetto → kinds of beneficiary
BENEFICIARIES = {
    "cooperative associazioni non profit": ["cooperatives", "third-sector"],
    "consorzio": ["cooperatives"],
    "impresa": ["enterprises"],
    "impresa su pmi innovativa": ["startups", "enterprises"],
    "ente pubblico": ["public-bodies"],
    "universita ente di ricerca": ["research"],
    "persona fisica": ["people"],
    "lavoratore autonomo libero professionista": ["freelancers"],
    "professionista": ["freelancers"],
    "aspirante imprenditore": ["startups", "people"],
    "organismo di ricerca": ["research"],
}
NATIONAL_WORDS = (
    "ministero",
    "invitalia",
    "agenzia",
    "simest",
    "inps",
    "inail",
    "ismea",
    "dipartimento",
    "presidenza del consiglio",
    "mimit",
    "sace",
    "cassa depositi",
)
REGIONAL_WORDS = (
    "regione",
    "provincia",
    "comune",
    "camera di commercio",
    "citta metropolitana",
    "gal ",
)
EU_WORDS = ("commissione europea", "european commission", "unione europea")


def funder_type(funder: str) -> str:
    name = folded(funder)
    if any(word in name for word in (folded(w) for w in EU_WORDS)):
        return "eu"
    if any(name.startswith(folded(w)) or f" {folded(w)}" in f" {name}" for w in REGIONAL_WORDS):
        return "regional"
    if any(folded(w) in name for w in NATIONAL_WORDS):
        return "national"
    return ""


def _docs(data):
    try:
        docs = data["response"]["docs"]
    except (KeyError, TypeError):
        raise ImportFileError(
            _('This is not an export of incentivi.gov.it: no "response" → "docs".')
        ) from None
    if not isinstance(docs, list):
        raise ImportFileError(_('The "docs" of the file are not a list.'))
    return docs


def read(handle):
    """Yield a CallRecord, or a Refused, per document of the export."""
    try:
        data = json.load(handle)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ImportFileError(_("The file is not valid JSON: %(error)s") % {"error": exc}) from None
    regions = regions_by_name()
    for doc in _docs(data):
        try:
            yield _record(doc, regions)
        except Refused as refused:
            yield refused


def _record(doc, regions) -> CallRecord:
    if not isinstance(doc, dict):
        raise Refused(_("The record is not an object."))
    source_id = text(doc.get("ID_Incentivo"))
    title = text(doc.get("Titolo"))
    who = {"source_id": source_id, "title": title}
    funder = text(doc.get("Soggetto_Concedente"))
    regions_named = as_list(doc.get("Regioni"))
    codes, abroad, _unknown = region_codes(regions_named, regions)  # kept raw in territory_raw
    territory = text(doc.get("Ambito_territoriale"))
    whole_italy = len(codes) >= 20 or folded(territory) in ("nazionale", "italia", "tutta italia")
    sectors_named = as_list(doc.get("Settore_Attivita"))
    ateco = text(doc.get("Codici_ATECO"))
    sectors = []
    for name in sectors_named:
        for letter in SECTORS.get(folded(name), []):
            if letter not in sectors:
                sectors.append(letter)
    kinds_named = as_list(doc.get("Tipologia_Soggetto"))
    kinds = []
    for name in kinds_named:
        for code in BENEFICIARIES.get(folded(name), []):
            if code not in kinds:
                kinds.append(code)
    min_amount, min_raw = amount(
        doc.get("Agevolazione_Concedibile_min"), field_label="Agevolazione_Concedibile_min", **who
    )
    max_amount, max_raw = amount(
        doc.get("Agevolazione_Concedibile_max"), field_label="Agevolazione_Concedibile_max", **who
    )
    if min_amount == 0 and max_amount is None:
        min_amount = None  # "0" alone says nothing
    budget, budget_raw = amount(
        doc.get("Stanziamento_incentivo"), field_label="Stanziamento_incentivo", **who
    )
    closes = moment(doc.get("Data_chiusura"), field_label="Data_chiusura", end_of_day=True, **who)
    description = text(doc.get("Descrizione"))
    notes = [
        text(doc.get(key))
        for key in (
            "Note_di_apertura_chiusura",
            "Altre_caratteristiche",
            "Costi_Ammessi",
            "Base_normativa_primaria",
        )
    ]
    body = "\n\n".join(part for part in [description, *notes] if part)
    return CallRecord(
        source_id=source_id,
        title=title,
        funder=funder[:300],
        funder_type=funder_type(funder),
        link=text(doc.get("Link_istituzionale"))[:1000],
        summary=description[:600],
        body=body[:50000],
        aid_form=text(doc.get("Forma_agevolazione"))[:300],
        min_amount=min_amount,
        min_amount_raw=min_raw,
        max_amount=max_amount,
        max_amount_raw=max_raw,
        total_budget=budget,
        total_budget_raw=budget_raw,
        opens_at=moment(doc.get("Data_apertura"), field_label="Data_apertura", **who),
        deadlines=[(closes, "")] if closes else [],
        all_sectors="tutti i settori" in folded(ateco),
        sectors=sectors,
        sectors_raw="; ".join(part for part in (text(sectors_named), ateco) if part)[:5000],
        whole_italy=whole_italy,
        abroad=abroad,
        regions=[] if whole_italy else codes,
        territory_raw="; ".join(
            p for p in (text(regions_named), territory, text(doc.get("Comuni"))) if p
        )[:5000],
        beneficiaries=kinds,
        beneficiaries_raw=text(kinds_named)[:5000],
        sizes=size_codes(as_list(doc.get("Dimensioni"))),
        source_updated_at=moment(
            doc.get("Data_ultimo_aggiornamento"), field_label="Data_ultimo_aggiornamento", **who
        ),
        raw=doc,
    ).check()
