"""A board member schedules a board meeting, puts a forwarded recommendation on its agenda from the
recommendation's page, writes the discussion summary, downloads the pack (opened and checked), and
after the meeting records the decision with a follow-up date; when that day comes the board is
reminded."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from board import tasks
from board.models import AgendaEntry, BoardMeeting
from tests.browser.conftest import log_in
from tests.factories import board_user
from tests.workgroups.factories import ProposalFactory, WorkingGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_board_meeting_agenda_pack_decision_and_follow_up(portal):
    page = portal
    group = WorkingGroupFactory(name="Formazione")
    ProposalFactory(group=group, forwarded=True, title="Webinar gratuiti per i soci")
    board_user(email="cda@example.org", first_name="Carla", last_name="Neri", language="en")
    log_in(page, "cda@example.org")

    page.goto(portal.portal.url("/board/"))
    page.get_by_role("link", name="Board meetings").click()
    page.get_by_role("link", name="Schedule a board meeting").click()
    page.get_by_label("Title").fill("CdA di dicembre")
    when = timezone.localtime() + timedelta(days=5)
    page.get_by_label("Date and time").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Place").fill("Sede di Bologna")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The board meeting is scheduled.")).to_be_visible()
    expect(page.get_by_role("heading", name="CdA di dicembre")).to_be_visible()

    page.locator("main").get_by_role("link", name="Board area", exact=True).click()
    page.get_by_role("link", name="Webinar gratuiti per i soci").click()
    page.get_by_role("combobox", name=re.compile("^Board meeting")).select_option(
        label="CdA di dicembre"
    )
    page.get_by_role("button", name="Put on the agenda").click()
    expect(page.get_by_text("The recommendation is on the agenda")).to_be_visible()
    page.get_by_role("link", name="CdA di dicembre").click()

    item = page.locator("section", has=page.get_by_role("heading", name=re.compile("Webinar")))
    item.get_by_label("Discussion summary").fill("Il gruppo propone quattro webinar l'anno.")
    item.get_by_role("button", name="Save the summary").click()
    expect(page.get_by_text("The discussion summary is saved.")).to_be_visible()

    with page.expect_download() as info:
        page.get_by_role("link", name="Download the pack (PDF)").click()
    pack = PdfReader(io.BytesIO(info.value.path().read_bytes()))
    text = "\n".join(p.extract_text() for p in pack.pages)
    assert "CdA di dicembre" in text
    assert "Webinar gratuiti per i soci" in text
    assert "Il gruppo propone quattro webinar l'anno." in text

    # the meeting takes place
    BoardMeeting.objects.update(starts_at=timezone.now() - timedelta(hours=2))
    page.reload()
    follow_up = timezone.localdate() + timedelta(days=30)
    item.get_by_label("Decision").fill("Approvati due webinar, budget dal 2027.")
    item.get_by_label("Follow up on").fill(follow_up.isoformat())
    item.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("The decision is recorded.")).to_be_visible()
    page.get_by_role("link", name="Mark as held").click()
    expect(page.get_by_text("Are you sure?")).to_be_visible()  # it cannot be undone
    page.get_by_role("button", name="Mark as held").click()
    expect(page.get_by_text("The meeting is marked as held.")).to_be_visible()
    expect(page.get_by_text("Held", exact=True)).to_be_visible()

    # thirty days later the beat job reminds the board
    AgendaEntry.objects.update(follow_up_on=timezone.localdate())
    assert tasks.send_follow_up_reminders() == 1
    page.goto(portal.portal.url("/notifications/"))
    expect(
        page.get_by_text(re.compile("Follow-up due on .*Webinar gratuiti per i soci"))
    ).to_be_visible()
