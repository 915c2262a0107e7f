"""Every irreversible action asks first: GET shows "Are you sure?", a POST without the
confirmation changes nothing, only the confirmed POST acts (coopportal.core.confirm)."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from board.models import AgendaEntry, BoardMeeting
from tests.factories import UserFactory, board_user
from tests.workgroups.factories import (
    MeetingFactory,
    MembershipFactory,
    ProposalFactory,
    WorkingGroupFactory,
)
from tests.workgroups.test_documents import add as add_document
from workgroups.models import Document, GroupMembership, Meeting, Proposal, ProposalAuthor

pytestmark = pytest.mark.django_db


@dataclass
class Case:
    user: object
    url: str
    state: object  # () -> the value the action changes
    data: dict | None = None


def withdraw_proposal():
    proposal = ProposalFactory(submitted=True)
    MembershipFactory(group=proposal.group, user=proposal.created_by)
    url = reverse("workgroups:proposal_withdraw", args=[proposal.group.slug, proposal.pk])
    return Case(proposal.created_by, url, lambda: Proposal.objects.get(pk=proposal.pk).status)


def decline_invitation():
    proposal = ProposalFactory()
    guest = MembershipFactory(group=proposal.group).user
    invitation = ProposalAuthor.objects.create(proposal=proposal, user=guest)
    url = reverse(
        "workgroups:invitation_respond", args=[proposal.group.slug, proposal.pk, "decline"]
    )
    return Case(guest, url, lambda: ProposalAuthor.objects.get(pk=invitation.pk).status)


def remove_document():
    group = WorkingGroupFactory()
    coordinator = MembershipFactory(group=group, coordinator=True).user
    document = add_document(group, coordinator)
    url = reverse("workgroups:document_delete", args=[group.slug, document.pk])
    return Case(coordinator, url, lambda: Document.objects.filter(pk=document.pk).exists())


def leave_group():
    membership = MembershipFactory()
    url = reverse("workgroups:group_leave", args=[membership.group.slug])
    return Case(membership.user, url, lambda: GroupMembership.objects.get(pk=membership.pk).status)


def decline_membership_request():
    group = WorkingGroupFactory(approval=True)
    coordinator = MembershipFactory(group=group, coordinator=True).user
    request = MembershipFactory(group=group, pending=True)
    url = reverse("workgroups:membership_decide", args=[group.slug, request.pk, "decline"])
    return Case(coordinator, url, lambda: GroupMembership.objects.get(pk=request.pk).status)


def cancel_group_meeting():
    meeting = MeetingFactory()
    coordinator = MembershipFactory(group=meeting.group, coordinator=True).user
    url = reverse("workgroups:meeting_cancel", args=[meeting.group.slug, meeting.pk])
    return Case(
        coordinator,
        url,
        lambda: Meeting.objects.get(pk=meeting.pk).status,
        data={"reason": "Maltempo"},
    )


def _board_meeting(**kwargs):
    return BoardMeeting.objects.create(
        title="CdA di dicembre", starts_at=timezone.now() + timedelta(days=7), **kwargs
    )


def cancel_board_meeting():
    meeting = _board_meeting()
    url = reverse("board:meeting_cancel", args=[meeting.pk])
    return Case(board_user(), url, lambda: BoardMeeting.objects.get(pk=meeting.pk).status)


def mark_board_meeting_held():
    meeting = BoardMeeting.objects.create(
        title="CdA di novembre", starts_at=timezone.now() - timedelta(hours=1)
    )
    url = reverse("board:meeting_held", args=[meeting.pk])
    return Case(board_user(), url, lambda: BoardMeeting.objects.get(pk=meeting.pk).status)


def remove_agenda_item():
    meeting = _board_meeting()
    entry = AgendaEntry.objects.create(meeting=meeting, proposal=ProposalFactory(forwarded=True))
    url = reverse("board:agenda_remove", args=[meeting.pk, entry.pk])
    return Case(board_user(), url, lambda: AgendaEntry.objects.filter(pk=entry.pk).exists())


ACTIONS = [
    withdraw_proposal,
    decline_invitation,
    remove_document,
    leave_group,
    decline_membership_request,
    cancel_group_meeting,
    cancel_board_meeting,
    mark_board_meeting_held,
    remove_agenda_item,
]


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("make", ACTIONS, ids=lambda make: make.__name__)
def test_a_post_without_the_confirmation_changes_nothing(make):
    case = make()
    before = case.state()
    response = client_for(case.user).post(case.url, case.data or {})
    assert response.status_code == 200
    assert response.templates[0].name == "core/confirm.html"
    assert case.state() == before


@pytest.mark.parametrize("make", ACTIONS, ids=lambda make: make.__name__)
def test_get_asks_first_with_a_confirm_button_and_a_way_back(make):
    case = make()
    before = case.state()
    client = client_for(case.user)
    response = client.get(case.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="confirm" value="yes"' in html
    assert f'action="{case.url}"' in html
    assert response.context["cancel_url"]
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert case.state() == before


@pytest.mark.parametrize("make", ACTIONS, ids=lambda make: make.__name__)
def test_the_confirmed_post_acts(make):
    case = make()
    before = case.state()
    response = client_for(case.user).post(case.url, {**(case.data or {}), "confirm": "yes"})
    assert response.status_code == 302
    assert case.state() != before


def test_someone_else_cannot_even_see_the_confirmation():
    case = withdraw_proposal()
    stranger = UserFactory(member=True)
    assert client_for(stranger).get(case.url).status_code == 404
    case = cancel_board_meeting()
    assert client_for(UserFactory(member=True)).get(case.url).status_code == 403


def test_the_group_meeting_cancel_reason_is_checked_on_the_confirmation_page():
    case = cancel_group_meeting()
    response = client_for(case.user).post(case.url, {"reason": "x" * 2001, "confirm": "yes"})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    assert case.state() == Meeting.Status.PUBLISHED


def test_no_template_relies_on_inline_script_or_event_handlers():
    """Confirmations (and everything else) work under a strict Content-Security-Policy."""
    import re
    from pathlib import Path

    from django.conf import settings

    offenders = []
    for directory in settings.TEMPLATES[0]["DIRS"]:
        for template in Path(directory).rglob("*.html"):
            text = template.read_text(encoding="utf-8")
            if re.search(r"\son(click|submit|change|load)=", text) or re.search(
                r"<script(?![^>]*\b(?:src|nonce)=)[^>]*>", text
            ):
                offenders.append(str(template))
    assert offenders == []


def test_destructive_buttons_are_links_to_their_confirmation_page():
    """No template POSTs straight to an irreversible action any more."""
    from pathlib import Path

    from django.conf import settings

    names = [
        "proposal_withdraw",
        "document_delete",
        "group_leave",
        "meeting_cancel",
        "agenda_remove",
        "meeting_held",
        "'decline'",
    ]
    for directory in settings.TEMPLATES[0]["DIRS"]:
        for template in Path(directory).rglob("*.html"):
            for line in template.read_text(encoding="utf-8").splitlines():
                if 'method="post"' in line:
                    assert not any(name in line for name in names), (template, line)
