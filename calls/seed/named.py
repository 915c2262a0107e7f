"""The named demo calls: EU, national, regional and foundation calls, aid for the members
themselves, one forthcoming and one closed, written as the cooperative's staff would curate them.
Dates are relative to today so the demo always has open calls and near deadlines."""

from datetime import timedelta
from decimal import Decimal

CALLS = [
    {
        "title": "Europa Creativa – Progetti di cooperazione culturale europea",
        "funder": "Commissione europea – Agenzia EACEA",
        "funder_type": "eu",
        "link": "https://ec.europa.eu/info/funding-tenders/opportunities/portal/",
        "summary": "Progetti transnazionali di cooperazione tra organizzazioni culturali e "
        "creative di almeno tre Paesi: creazione, circolazione delle opere, pubblico.",
        "body": "## Cosa finanzia\n\nProgetti di **cooperazione culturale** tra almeno tre "
        "organizzazioni di tre Paesi del programma.\n\n## Come partecipa la cooperativa\n\n"
        "La cooperativa presenta la domanda come soggetto giuridico per i soci che propongono "
        "il progetto, con il proprio partenariato europeo.",
        "aid_form": "Sovvenzione (fondo perduto) fino all'80% dei costi",
        "max_amount": Decimal("200000"),
        "max_amount_raw": "EUR 200 000",
        "total_budget": Decimal("60000000"),
        "total_budget_raw": "EUR 60 000 000",
        "cofinancing_rate": Decimal("20"),
        "cofinancing_raw": "80% co-financing rate",
        "whole_italy": True,
        "abroad": True,
        "sectors": ["R", "J"],
        "beneficiaries": ["cooperatives", "third-sector", "enterprises"],
        "sizes": ["micro", "small", "medium"],
        "opens_in": -30,
        "deadlines": [(45, "Scadenza unica")],
        "internal_days": 15,
    },
    {
        "title": "Contributi per attività culturali di comunità",
        "funder": "Fondazione Cariplo",
        "funder_type": "foundation",
        "link": "https://www.fondazionecariplo.it/it/bandi/",
        "summary": "Sostegno a progetti culturali che coinvolgono le comunità locali: "
        "biblioteche, teatri, musei di comunità, festival.",
        "body": "Il bando sostiene progetti culturali di comunità in **Lombardia** e nelle "
        "province di Novara e del Verbano-Cusio-Ossola.\n\nSono ammessi enti senza scopo di "
        "lucro, comprese le cooperative sociali.",
        "aid_form": "Contributo a fondo perduto",
        "min_amount": Decimal("20000"),
        "min_amount_raw": "20.000 €",
        "max_amount": Decimal("100000"),
        "max_amount_raw": "100.000 €",
        "total_budget": Decimal("3000000"),
        "total_budget_raw": "3 milioni di euro",
        "cofinancing_rate": Decimal("30"),
        "cofinancing_raw": "cofinanziamento minimo del 30%",
        "regions": ["03"],
        "provinces": ["NO", "VB"],
        "sectors": ["R"],
        "beneficiaries": ["cooperatives", "third-sector"],
        "opens_in": -20,
        "deadlines": [(24, "Prima finestra"), (120, "Seconda finestra")],
        "internal_days": 10,
    },
    {
        "title": "Sviluppo e innovazione delle cooperative sociali del Lazio",
        "funder": "Regione Lazio – Direzione Inclusione sociale",
        "funder_type": "regional",
        "link": "https://www.regione.lazio.it/",
        "summary": "Contributi alle cooperative sociali per nuovi servizi, digitalizzazione e "
        "inserimento lavorativo di persone svantaggiate.",
        "body": "Contributi per **investimenti e innovazione** delle cooperative sociali di tipo "
        "A e B con sede operativa nel Lazio.",
        "aid_form": "Contributo a fondo perduto",
        "max_amount": Decimal("50000"),
        "max_amount_raw": "fino a 50.000 euro",
        "total_budget": Decimal("4500000"),
        "total_budget_raw": "4,5 milioni",
        "regions": ["12"],
        "sectors": ["Q"],
        "beneficiaries": ["cooperatives", "third-sector"],
        "sizes": ["micro", "small", "medium"],
        "opens_in": -10,
        "deadlines": [(12, "")],
        "internal_days": 7,
    },
    {
        "title": "Nuove imprese a tasso zero",
        "funder": "Invitalia – Ministero delle Imprese e del Made in Italy",
        "funder_type": "national",
        "link": "https://www.invitalia.it/",
        "summary": "Finanziamenti agevolati e contributi a fondo perduto per micro e piccole "
        "imprese costituite da giovani e donne, cooperative comprese.",
        "body": "Per imprese costituite da non più di 5 anni, con compagine a maggioranza di "
        "giovani tra 18 e 35 anni o di donne.",
        "aid_form": "Finanziamento agevolato e contributo a fondo perduto",
        "max_amount": Decimal("3000000"),
        "max_amount_raw": "fino a 3 milioni di euro di spese ammissibili",
        "whole_italy": True,
        "all_sectors": True,
        "sectors_raw": "Tutti i settori economici ammissibili a ricevere aiuti",
        "beneficiaries": ["startups", "cooperatives", "enterprises"],
        "sizes": ["micro", "small"],
        "opens_in": -200,
        "deadlines": [],
        "internal_days": 10,
    },
    {
        "title": "Fondo di mutualità: contributi ai soci per formazione e attrezzature",
        "funder": "Smart – Società cooperativa impresa sociale",
        "funder_type": "private",
        "link": "https://smart-it.org/",
        "summary": "Contributi ai soci lavoratori per corsi di formazione, attrezzature e "
        "periodi di inattività: l'aiuto mutualistico della cooperativa.",
        "body": "I soci con almeno sei mesi di anzianità possono chiedere un contributo fino a "
        "**1.500 euro** l'anno.",
        "aid_form": "Contributo mutualistico",
        "max_amount": Decimal("1500"),
        "max_amount_raw": "1.500 € all'anno",
        "whole_italy": True,
        "all_sectors": True,
        "beneficiaries": ["freelancers", "people"],
        "opens_in": -90,
        "deadlines": [(75, "Domande per l'anno in corso")],
        "internal_days": 0,
    },
    {
        "title": "Economia circolare nelle piccole e medie imprese",
        "funder": "Regione Emilia-Romagna",
        "funder_type": "regional",
        "link": "https://www.regione.emilia-romagna.it/",
        "summary": "Investimenti per ridurre rifiuti, materie prime e consumi di energia nelle "
        "PMI e nelle cooperative dell'Emilia-Romagna.",
        "aid_form": "Contributo a fondo perduto",
        "max_amount": Decimal("150000"),
        "max_amount_raw": "150.000 €",
        "cofinancing_rate": Decimal("50"),
        "cofinancing_raw": "contributo al 50% delle spese",
        "regions": ["08"],
        "sectors": ["C", "E", "F"],
        "beneficiaries": ["enterprises", "cooperatives"],
        "sizes": ["micro", "small", "medium"],
        "opens_in": 20,
        "deadlines": [(80, "")],
        "internal_days": 10,
    },
    {
        "title": "Voucher per la trasformazione digitale 2026",
        "funder": "Camera di commercio di Milano Monza Brianza Lodi",
        "funder_type": "regional",
        "link": "https://www.milomb.camcom.it/",
        "summary": "Voucher per consulenza e formazione sulle tecnologie digitali.",
        "aid_form": "Voucher",
        "max_amount": Decimal("10000"),
        "max_amount_raw": "10.000 €",
        "provinces": ["MI", "MB", "LO"],
        "all_sectors": True,
        "beneficiaries": ["enterprises", "cooperatives"],
        "sizes": ["micro", "small", "medium"],
        "opens_in": -120,
        "deadlines": [(-10, "")],
        "internal_days": 10,
    },
]


def when(now, days):
    return (now + timedelta(days=days)).replace(hour=12, minute=0, second=0, microsecond=0)
