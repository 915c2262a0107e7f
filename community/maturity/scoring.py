"""Scores and bands of the self-assessment: pure functions, no database.

Each question is worth 0 to 1 (a scale answer: value / 4; a checklist: the share of its options
ticked). A dimension's score is 100 × the average of its questions; the overall score is the
average of the six dimensions (as the DMA computes its overall digital maturity). Scores are kept
as whole numbers, rounded half up (62.5 → 63); the overall score is the average of the unrounded
dimension scores.

Bands (the DMA's interpretation of the scores for SMEs, European Digital Innovation Hubs):
0–25 basic, 26–50 average, 51–75 moderately advanced, 76–100 advanced.
"""

from dataclasses import dataclass
from fractions import Fraction
from math import floor

from django.db import models
from django.utils.translation import gettext_lazy as _

from coopportal.core.exceptions import DomainError

from .questionnaire import CHECKLIST, DIMENSIONS, SCALE, Questionnaire


class Band(models.TextChoices):
    BASIC = "basic", _("Basic")
    AVERAGE = "average", _("Average")
    MODERATE = "moderate", _("Moderately advanced")
    ADVANCED = "advanced", _("Advanced")


# the highest score of each band (the DMA's 0–25, 26–50, 51–75, 76–100)
BAND_TOPS = ((25, Band.BASIC), (50, Band.AVERAGE), (75, Band.MODERATE), (100, Band.ADVANCED))


def band_of(score) -> Band:
    """The band of a whole score 0–100 (a fractional average is rounded half up first)."""
    value = rounded(score)
    if not 0 <= value <= 100:
        raise ValueError(f"A score is between 0 and 100, not {score!r}")
    return next(band for top, band in BAND_TOPS if value <= top)


def rounded(value) -> int:
    """Half up: 62.5 → 63, 25.49 → 25."""
    return floor(Fraction(value) + Fraction(1, 2))


@dataclass(frozen=True)
class Result:
    dimensions: dict  # dimension key -> whole score 0–100
    overall: int

    @property
    def band(self) -> Band:
        return band_of(self.overall)


def clean_answers(questionnaire: Questionnaire, answers: dict) -> dict:
    """The answers checked against the version: every scale question answered with one of its
    values, every checklist a list of its own options (each once), no other key. A `DomainError`
    names the first problem; nothing is kept of answers that fail."""
    if not isinstance(answers, dict):
        raise DomainError(_("The answers could not be read."), code="answers")
    known = {q.key: q for q in questionnaire.questions()}
    unknown = sorted(set(answers) - set(known))
    if unknown:
        raise DomainError(
            _(
                "The form holds answers to questions it does not ask: reload the page and "
                "try again."
            ),
            code="tampered",
        )
    cleaned = {}
    for key, question in known.items():
        value = answers.get(key)
        if question.kind == SCALE:
            if value is None or value == "":
                raise DomainError(
                    _("Please answer every question: “%(question)s” has no answer.")
                    % {"question": question.text},
                    code="missing",
                )
            try:
                value = int(value)
            except (TypeError, ValueError):
                value = -1
            if value not in question.option_keys:
                raise DomainError(
                    _("“%(question)s”: choose one of the answers offered.")
                    % {"question": question.text},
                    code="range",
                )
            cleaned[key] = value
        else:
            ticked = [] if value in (None, "") else value
            if isinstance(ticked, str) or not isinstance(ticked, list | tuple):
                ticked = [ticked]
            ticked = [str(option) for option in ticked]
            if len(set(ticked)) != len(ticked) or not set(ticked) <= set(question.option_keys):
                raise DomainError(
                    _("“%(question)s”: tick only the options offered.")
                    % {"question": question.text},
                    code="range",
                )
            cleaned[key] = [key for key in question.option_keys if key in ticked]
    return cleaned


def question_score(question, value) -> Fraction:
    if question.kind == CHECKLIST:
        return Fraction(len(value or ()), len(question.options))
    return Fraction(int(value), len(question.options) - 1)


def score(questionnaire: Questionnaire, answers: dict) -> Result:
    """The scores of answers already cleaned by `clean_answers`."""
    exact = {}
    for dimension in questionnaire.dimensions:
        worth = [question_score(q, answers[q.key]) for q in dimension.questions]
        exact[dimension.key] = 100 * sum(worth, Fraction(0)) / len(worth)
    overall = sum(exact.values(), Fraction(0)) / len(exact)
    return Result({key: rounded(exact[key]) for key in DIMENSIONS}, rounded(overall))


def weakest(dimensions: dict) -> str:
    """The dimension with the lowest score (the first in the DMA's order on a tie)."""
    return min(DIMENSIONS, key=lambda key: (dimensions[key], DIMENSIONS.index(key)))
