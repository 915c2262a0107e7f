"""The named demo of training: the five training areas of L.A.N.D. (Legacoop Lazio,
/work/shared/seeds/004_*), trainers (two with an account), and courses and webinars, past and
to come, whose enrolments show every state. Times are Rome's (`at(days, "09:30")`)."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

ROME = ZoneInfo("Europe/Rome")

# (slug, name, description): "Le 5 aree formative" of L.A.N.D.
AREAS = [
    (
        "co-progettazione",
        "La co-progettazione e la progettazione integrata",
        "Progettare con le comunità, gli enti locali e le altre imprese: reti, filiere, "
        "partenariati pubblico-privati.",
    ),
    (
        "rendicontazione-impatto",
        "Rendicontazione, comunicazione e valutazione di impatto dell'agire cooperativo",
        "Misurare e raccontare il valore sociale, ambientale ed economico della cooperativa.",
    ),
    (
        "finanza-impatto",
        "I fondi e la finanza di impatto per la gestione e valorizzazione delle iniziative",
        "Fondi pubblici, strumenti finanziari e finanza di impatto per le iniziative cooperative.",
    ),
    (
        "digitale",
        "Crescere con il digitale",
        "Strumenti, competenze e maturità digitale per le cooperative.",
    ),
    (
        "comunicazione-generativa",
        "La comunicazione generativa e le nuove strategie di comunicazione",
        "Comunicare la cooperazione con linguaggi e canali nuovi.",
    ),
]

SKILLS = [
    "Progettazione partecipata",
    "Bilancio sociale",
    "Valutazione di impatto",
    "Finanza agevolata",
    "Strumenti cloud",
    "Social media",
    "Storytelling",
    "Cooperative learning",
]

# (name, bio, account e-mail or None)
TRAINERS = [
    (
        "Lorenzo Galli",
        "Coordinatore di gruppi di lavoro, progettista di reti territoriali.",
        "coordinatore@demo.coop",
    ),
    (
        "Bruno Testa",
        "Consigliere di amministrazione, esperto di finanza cooperativa.",
        "cda@demo.coop",
    ),
    ("Marta Colombo", "Consulente di valutazione di impatto sociale.", None),
    ("Davide Russo", "Formatore sul digitale per le imprese sociali.", None),
]

# learners of the demo (no password: they fill the lists); the role accounts enrol too
LEARNERS = [
    ("corsista1@demo.coop", "Giulia", "Rossi"),
    ("corsista2@demo.coop", "Marco", "Bianchi"),
    ("corsista3@demo.coop", "Elena", "Ricci"),
    ("corsista4@demo.coop", "Andrea", "Conti"),
    ("corsista5@demo.coop", "Chiara", "Greco"),
]


def at(days: int, clock: str, *, now=None) -> datetime:
    """`days` from today at `clock` ("09:30") in Rome."""
    today = timezone.localtime(now or timezone.now(), ROME).date() + timedelta(days=days)
    hours, minutes = (int(part) for part in clock.split(":"))
    return datetime.combine(today, time(hours, minutes), tzinfo=ROME)


# Each course: its fields, its sessions as (day offset, start, end, place or ""), its trainer
# (by name), and the story of its enrolments (see seed_named in __init__).
COURSES = [
    {
        "title": "Co-progettare con la pubblica amministrazione",
        "area": "co-progettazione",
        "summary": "Il laboratorio per costruire proposte integrate con gli enti locali.",
        "description": "Quattro incontri in presenza, con il metodo del cooperative learning.",
        "format": "in_person",
        "capacity": 3,
        "skills": ["Progettazione partecipata", "Cooperative learning"],
        "trainer": "Lorenzo Galli",
        "sessions": [(12, "09:30", "13:00"), (19, "09:30", "13:00")],
        "place": "Legacoop Lazio, via Guattani 9, Roma",
        "story": "full",
    },
    {
        "title": "Webinar: rendicontare l'impatto sociale",
        "area": "rendicontazione-impatto",
        "summary": "Dal bilancio sociale alla valutazione di impatto, con esempi di cooperative.",
        "format": "online",
        "capacity": None,
        "skills": ["Bilancio sociale", "Valutazione di impatto"],
        "trainer": "Marta Colombo",
        "sessions": [(-20, "17:00", "18:30")],
        "story": "past",
    },
    {
        "title": "Finanza di impatto per le cooperative",
        "area": "finanza-impatto",
        "summary": "Fondi, garanzie e strumenti di finanza di impatto: solo per i soci.",
        "format": "in_person",
        "audience": "members",
        "capacity": 15,
        "skills": ["Finanza agevolata"],
        "trainer": "Bruno Testa",
        "sessions": [(25, "14:30", "18:00")],
        "place": "Sede della cooperativa, Milano",
        "story": "members",
    },
    {
        "title": "Crescere con il digitale: strumenti cloud per lavorare insieme",
        "area": "digitale",
        "summary": "Documenti condivisi, videoconferenze e sicurezza per le piccole cooperative.",
        "format": "blended",
        "capacity": 20,
        "member_price": Decimal("40.00"),
        "public_price": Decimal("90.00"),
        "skills": ["Strumenti cloud"],
        "trainer": "Davide Russo",
        "sessions": [(8, "10:00", "13:00"), (15, "10:00", "13:00"), (22, "10:00", "12:00")],
        "place": "Online e in aula a Bologna",
        "story": "paid",
    },
    {
        "title": "Webinar: i social media per la cooperazione",
        "area": "comunicazione-generativa",
        "summary": "Raccontare la cooperativa sui social, con poco tempo e molte idee.",
        "format": "online",
        "capacity": None,
        "skills": ["Social media", "Storytelling"],
        "trainer": "Davide Russo",
        "sessions": [(5, "18:00", "19:30")],
        "story": "open",
    },
    {
        "title": "Storytelling cooperativo (in preparazione)",
        "area": "comunicazione-generativa",
        "summary": "Il corso sulla comunicazione generativa, ancora in bozza.",
        "format": "in_person",
        "capacity": 12,
        "skills": ["Storytelling"],
        "trainer": "Marta Colombo",
        "sessions": [(40, "09:30", "12:30")],
        "story": "draft",
    },
    {
        "title": "Laboratorio di progettazione integrata nelle aree interne",
        "area": "co-progettazione",
        "summary": "Il laboratorio di Rieti, annullato.",
        "format": "in_person",
        "capacity": 10,
        "skills": ["Progettazione partecipata"],
        "trainer": "Lorenzo Galli",
        "sessions": [(30, "09:30", "17:00")],
        "place": "Rieti",
        "story": "cancelled",
    },
]
