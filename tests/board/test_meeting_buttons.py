"""The board meeting page shows "Mark as held" and "Cancel this meeting" to exactly the people
BOARD_MEETING lets make those moves, for every role of the permission matrix and every status (the
board and superusers, on a planned meeting: as before the page asked the workflow)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from board.models import BoardMeeting
from board.workflows import BOARD_MEETING
from tests.factories import enrol_totp
from tests.helpers.buttons import assert_buttons_follow_workflow
from tests.helpers.permissions import people_for
from tests.workgroups.factories import WorkingGroupFactory

pytestmark = pytest.mark.django_db

Status = BoardMeeting.Status


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("days", [7, -1])  # upcoming, started
def test_board_meeting_page_buttons_are_the_workflow_moves(status, days):
    people = people_for(WorkingGroupFactory())
    for role in ("staff", "board", "superuser"):
        enrol_totp(people[role])  # the board area asks for an authenticator app
    meeting = BoardMeeting.objects.create(
        title="CdA", starts_at=timezone.now() + timedelta(days=days), status=status
    )
    seen = assert_buttons_follow_workflow(
        BOARD_MEETING,
        meeting,
        people,
        meeting.get_absolute_url(),
        {
            Status.HELD: reverse("board:meeting_held", args=[meeting.pk]),
            Status.CANCELLED: reverse("board:meeting_cancel", args=[meeting.pk]),
        },
    )
    shown = {role: moves for role, moves in seen.items() if moves}
    both = {Status.HELD, Status.CANCELLED}  # "held" is refused before the start, on submit
    assert shown == ({"board": both, "superuser": both} if status == Status.PLANNED else {})
