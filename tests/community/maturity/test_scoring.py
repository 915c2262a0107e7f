"""Scores by hand: each question worth value / 4 (scale) or the share ticked (checklist), a
dimension 100 × their average, the overall score the average of the six (unrounded), rounded
half up; the DMA's bands at their edges; answers that do not fit the version are refused."""

import pytest

from community.maturity.questionnaire import CURRENT, DIMENSIONS, VERSIONS
from community.maturity.scoring import Band, band_of, clean_answers, rounded, score, weakest
from coopportal.core.exceptions import DomainError

from .conftest import answers_at


def test_the_questionnaire_has_six_dimensions_of_three_to_five_questions():
    assert tuple(d.key for d in CURRENT.dimensions) == DIMENSIONS
    for dimension in CURRENT.dimensions:
        assert 3 <= len(dimension.questions) <= 5
    keys = [q.key for q in CURRENT.questions()]
    assert len(keys) == len(set(keys))
    assert VERSIONS[CURRENT.version] is CURRENT


def test_score_nothing_and_everything():
    nothing = score(CURRENT, clean_answers(CURRENT, answers_at(0, 0)))
    assert nothing.dimensions == dict.fromkeys(DIMENSIONS, 0)
    assert (nothing.overall, nothing.band) == (0, Band.BASIC)
    everything = score(CURRENT, clean_answers(CURRENT, answers_at(4, 99)))
    assert everything.dimensions == dict.fromkeys(DIMENSIONS, 100)
    assert (everything.overall, everything.band) == (100, Band.ADVANCED)


def test_score_by_hand_per_dimension_and_overall():
    answers = answers_at(
        0,
        0,
        # strategy: 3/6, 4/4, 0/5, 2/4 -> (0.5 + 1 + 0 + 0.5) / 4 = 50
        strategy_areas=["design", "delivery", "supply"],
        strategy_plan=4,
        strategy_governance=2,
        # readiness: 6/6, 3/6, 1/4 -> (1 + 0.5 + 0.25) / 3 = 58.33 -> 58
        readiness_basic=["connection", "website", "ecommerce", "payments", "software", "cloud"],
        readiness_advanced=["iot", "analytics", "ai"],
        readiness_integration=1,
        # human: 1/5, 3/4, 3/4 -> (0.2 + 0.75 + 0.75) / 3 = 56.67 -> 57
        human_skills=["plan"],
        human_involvement=3,
        human_wellbeing=3,
        # data: 0, 3/6, 1/4 -> 0.75 / 3 = 25
        data_security=["gdpr", "backup", "rights"],
        data_decisions=1,
        # automation: 3/6, 1/4, 0 -> 0.75 / 3 = 25
        automation_uses=["service", "documents", "planning"],
        automation_opportunities=1,
        # green: 5/5, 2/4, 4/4 -> 2.5 / 3 = 83.33 -> 83
        green_uses=["energy", "paperless", "travel", "logistics", "circular"],
        green_equipment=["repair", "disposal"],
        green_strategy=4,
    )
    result = score(CURRENT, clean_answers(CURRENT, answers))
    assert result.dimensions == {
        "strategy": 50,
        "readiness": 58,
        "human": 57,
        "data": 25,
        "automation": 25,
        "green": 83,
    }
    # (50 + 58.33 + 56.67 + 25 + 25 + 83.33) / 6 = 49.72 -> 50 (the unrounded scores)
    assert result.overall == 50
    assert result.band == Band.AVERAGE
    assert weakest(result.dimensions) == "data"  # a tie with automation: the DMA's order


def test_rounding_is_half_up():
    assert rounded(62.5) == 63
    assert rounded(25.49) == 25
    assert rounded(25.5) == 26


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0, Band.BASIC),
        (25, Band.BASIC),
        (25.4, Band.BASIC),
        (25.5, Band.AVERAGE),
        (26, Band.AVERAGE),
        (50, Band.AVERAGE),
        (51, Band.MODERATE),
        (75, Band.MODERATE),
        (76, Band.ADVANCED),
        (100, Band.ADVANCED),
    ],
)
def test_band_edges(value, band):
    assert band_of(value) == band


@pytest.mark.parametrize("value", [-1, 101])
def test_band_out_of_range(value):
    with pytest.raises(ValueError):
        band_of(value)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"strategy_plan": None}, "missing"),
        ({"strategy_plan": ""}, "missing"),
        ({"strategy_plan": 5}, "range"),
        ({"strategy_plan": -1}, "range"),
        ({"strategy_plan": "tre"}, "range"),
        ({"strategy_areas": ["design", "nuclear"]}, "range"),
        ({"strategy_areas": ["design", "design"]}, "range"),
        ({"strategy_invented": 3}, "tampered"),
    ],
)
def test_clean_answers_refuses(change, code):
    answers = answers_at(2, 2)
    answers.update(change)
    if change == {"strategy_plan": None}:
        del answers["strategy_plan"]
    with pytest.raises(DomainError) as refused:
        clean_answers(CURRENT, answers)
    assert refused.value.code == code
