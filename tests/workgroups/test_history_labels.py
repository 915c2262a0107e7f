"""One list names the steps of a proposal's history: the timeline partial (proposal page, board
page, PDF dossier) and the board's answer-history export read workgroups' HISTORY_LABELS."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from board import exports
from workgroups.models import Proposal
from workgroups.models.proposals import HISTORY_LABELS, history_label

STEPS = [*Proposal.Status.values, *Proposal.Answer.values]


@translation.override("en")
def test_history_labels_cover_every_status_and_answer():
    assert set(STEPS) == set(HISTORY_LABELS)
    assert history_label("draft") == "Draft created"
    assert history_label("submitted") == "Submitted for moderation"  # the choice's label
    assert history_label("accepted") == "Accepted by the board"
    assert history_label("no_such_step") == "no_such_step"


@pytest.mark.parametrize("language", ["en", "it"])
@pytest.mark.parametrize("step", STEPS)
def test_the_timeline_partial_shows_the_history_label(step, language):
    with translation.override(language):
        html = render_to_string("workgroups/partials/_status_label.html", {"status": step})
        assert html.strip() == history_label(step)


def test_the_answer_history_export_uses_the_same_labels():
    assert exports.STATUS_LABELS is HISTORY_LABELS
