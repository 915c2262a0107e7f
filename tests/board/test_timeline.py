"""One timeline: a proposal's moves, as the member page, the board page, the admin history and the
board's export show them, are the same audit events (core.audit), each written once."""

import re

import pytest
from django.urls import reverse

from board import exports, selectors
from coopportal.core.models import AuditEvent
from tests.factories import staff_user
from tests.workgroups.factories import MembershipFactory, WorkingGroupFactory
from workgroups.selectors.proposals import proposal_timeline
from workgroups.services import answers
from workgroups.services import proposals as services

pytestmark = pytest.mark.django_db

MOVES = ["draft", "submitted", "changes_requested", "submitted", "published", "forwarded"]


@pytest.fixture
def story(board):
    group = WorkingGroupFactory()
    author = MembershipFactory(group=group).user
    coordinator = MembershipFactory(group=group, coordinator=True).user
    staff = staff_user()
    proposal = services.proposal_create(
        group=group, by=author, title="Corsi sui bandi europei", summary="Corsi.", body="Testo."
    )
    services.proposal_submit(proposal=proposal, by=author)
    services.proposal_request_changes(proposal=proposal, by=staff, reason="Servono i costi")
    services.proposal_submit(proposal=proposal, by=author)
    services.proposal_publish(proposal=proposal, by=staff)
    services.proposal_forward(proposal=proposal, by=coordinator, reason="Urgente")
    answers.proposal_answer(proposal=proposal, by=board, answer="accepted", text="Sì, nel 2027.")
    answers.proposal_answer(proposal=proposal, by=board, answer="under_evaluation", text="Ancora")
    proposal.refresh_from_db()
    return {"proposal": proposal, "author": author, "staff": staff}


def test_every_move_is_one_audit_event_with_what_the_timeline_shows(story, board):
    proposal, author, staff = story["proposal"], story["author"], story["staff"]
    steps = [
        (e.data["from"], e.data["to"], e.actor, e.data["reason"])
        for e in proposal_timeline(proposal)
    ]
    assert steps == [
        ("", "draft", author, ""),
        ("draft", "submitted", author, ""),
        ("submitted", "changes_requested", staff, "Servono i costi"),
        ("changes_requested", "submitted", author, ""),
        ("submitted", "published", staff, ""),
        ("published", "forwarded", steps[5][2], "Urgente"),
        ("forwarded", "accepted", board, "Sì, nel 2027."),  # the first answer: from its status
        ("accepted", "under_evaluation", board, "Ancora"),  # a revision: from the last answer
    ]
    moves = AuditEvent.objects.filter(object_id=str(proposal.pk), data__has_key="to")
    assert moves.count() == len(steps)  # written once each


def test_member_page_board_page_admin_and_export_show_the_same_moves(
    story, client, board_client, staff_client
):
    proposal, author = story["proposal"], story["author"]
    timeline = proposal_timeline(proposal)
    tos = [e.data["to"] for e in timeline]
    assert tos == [*MOVES, "accepted", "under_evaluation"]

    client.force_login(author)
    member = client.get(proposal.get_absolute_url())
    assert member.status_code == 200
    assert [e.pk for e in member.context["events"]] == [e.pk for e in timeline]
    assert re.findall(r'data-to="([a-z_]+)"', member.content.decode()) == tos

    board_page = board_client.get(reverse("board:recommendation_detail", args=[proposal.pk]))
    assert board_page.status_code == 200
    assert [e.pk for e in board_page.context["proposal"].timeline] == [e.pk for e in timeline]
    assert "Servono i costi" in board_page.content.decode()

    dossier = selectors.recommendation_detail_queryset().get(pk=proposal.pk)
    assert [e.pk for e in dossier.timeline] == [e.pk for e in timeline]

    rows = list(exports.history_rows(selectors.recommendation_list().filter(pk=proposal.pk)))
    labels = {value: str(label) for value, label in exports.STATUS_LABELS.items()}
    assert [row[5] for row in rows] == [labels[to] for to in tos]
    assert [row[4] for row in rows] == [labels.get(e.data["from"], "") for e in timeline]
    assert [row[6] for row in rows] == [e.data["reason"] for e in timeline]
    assert {row[0] for row in rows} == {proposal.pk} and {row[1] for row in rows} == {
        proposal.title
    }

    admin = staff_client.get(reverse("admin:workgroups_proposal_change", args=[proposal.pk]))
    assert admin.status_code == 200
    html = admin.content.decode()
    for event in timeline:
        assert event.action in html
    assert "Servono i costi" in html and "Sì, nel 2027." in html


def test_the_board_pages_and_the_export_read_every_timeline_at_once(
    story, board_client, assert_flat_queries
):
    from tests.workgroups.factories import ProposalFactory, proposal_step

    def grow(n):
        for _ in range(n):
            other = ProposalFactory(forwarded=True)
            proposal_step(other, "forwarded", source="published")

    def fetch():
        assert len(list(exports.history_rows(selectors.recommendation_list()))) >= 8
        list(selectors.recommendation_detail_queryset())

    # the export: one query; the dossier: the recommendations and four prefetches
    assert assert_flat_queries.check(fetch, grow) == 6
