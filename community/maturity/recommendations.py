"""What the portal recommends for a cooperative's weakest dimension: a piece of advice, and the
published courses (training) and open calls (funding calls) that match the dimension's Italian
keywords, found by those apps' own catalogue selectors (Italian full-text search)."""

from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from calls.selectors.catalogue import call_list
from training.selectors.catalogue import course_list

from .questionnaire import DIMENSION_NAMES
from .scoring import weakest

HOW_MANY = 3

# the words each dimension is looked for by (Italian: the catalogues are Italian)
KEYWORDS = {
    "strategy": "strategia digitale trasformazione digitale innovazione digitalizzazione",
    "readiness": "digitalizzazione tecnologie digitali cloud commercio elettronico gestionale",
    "human": "competenze digitali formazione digitale alfabetizzazione digitale",
    "data": "dati sicurezza informatica cybersecurity privacy protezione",
    "automation": "intelligenza artificiale automazione robotica",
    "green": "transizione ecologica sostenibilità efficienza energetica green",
}

ADVICE = {
    "strategy": _(
        "Write down where digital tools would help the cooperative most, with goals, a person in "
        "charge and a budget, and bring the plan to the board and the assembly."
    ),
    "readiness": _(
        "Start from the basics that pay back quickly: a reliable connection, management software "
        "in the cloud, electronic invoicing and online sales or booking."
    ),
    "human": _(
        "Map the digital skills the cooperative has and needs, plan training for workers and "
        "members, and involve them when new tools are chosen."
    ),
    "data": _(
        "Decide which data the cooperative keeps and who is in charge of them, make regular "
        "tested backups and train everyone to recognise phishing."
    ),
    "automation": _(
        "Pick one repetitive task (documents, planning, answers to users) and try automating it, "
        "with rules for the use of AI and a person checking the results."
    ),
    "green": _(
        "Measure the energy the cooperative uses, choose efficient or refurbished equipment and "
        "cut paper and travel with digital processes."
    ),
}


@dataclass
class Recommendation:
    dimension: str
    name: str
    advice: str
    courses: list = field(default_factory=list)
    calls: list = field(default_factory=list)


def recommendation_for(scores: dict, *, user) -> Recommendation:
    """The advice, courses and calls for the weakest of `scores` (at most HOW_MANY of each)."""
    key = weakest(scores)
    words = KEYWORDS[key]
    _filters, courses = course_list(params=_query(q=words), user=user)
    _filters, calls = call_list(params=_query(q=words, status="open"), user=user)
    return Recommendation(
        dimension=key,
        name=DIMENSION_NAMES[key],
        advice=ADVICE[key],
        courses=list(courses[:HOW_MANY]),
        calls=list(calls[:HOW_MANY]),
    )


def _query(**values) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in values.items():
        query[name] = value
    return query
