"""WCAG 2.2 AA: axe-core (vendored in tests/browser/vendor) finds no violation on the shell's pages
on a phone (390 × 844). On a desktop, every page of every role is checked by
tests/browser/test_accessibility_every_page.py (which takes `violations` from here)."""

from pathlib import Path

import pytest

from tests.browser.conftest import log_in
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# axe-core with every rule of the WCAG 2.2 AA tags; only the violations are detailed and sent back
# (the passes of a long page are most of the time the full result takes to cross over).
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
  });
  return result.violations.map((v) =>
    `${v.id}: ${v.help} — ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
}"""


def violations(page):
    page.evaluate(AXE)  # by the browser tools: the page's CSP refuses inline scripts
    return page.evaluate(RUN_AXE, TAGS)


PUBLIC = [
    "/",
    "/accounts/signup/",
    "/accounts/login/",
    "/accounts/password/reset/",
    "/groups/",
    "/groups/emerged/",
    "/groups/formazione/",
]
PERSONAL = [
    "/dashboard/",
    "/me/profile/",
    "/me/membership/",
    "/accounts/password/change/",
    "/notifications/",
    "/notifications/preferences/",
    "/groups/formazione/",
    "/groups/formazione/proposals/new/",
    "/groups/formazione/discussion/new/",
    "/groups/formazione/meetings/propose/",
]


def group_pages():
    """A group with a proposal, a thread and a meeting, and their pages."""
    from tests.workgroups.factories import (
        MeetingFactory,
        MembershipFactory,
        PostFactory,
        ProposalFactory,
        ThreadFactory,
        WorkingGroupFactory,
    )

    group = WorkingGroupFactory(name="Formazione", slug="formazione")
    member = MembershipFactory(group=group, coordinator=True, user=UserFactory(member=True)).user
    proposal = ProposalFactory(group=group, created_by=member, published=True)
    thread = ThreadFactory(group=group, created_by=member)
    PostFactory(thread=thread, author=member)
    meeting = MeetingFactory(group=group)
    pages = [proposal.get_absolute_url(), thread.get_absolute_url(), meeting.get_absolute_url()]
    return member, pages


def board_pages():
    """The board area with a meeting whose agenda holds a forwarded recommendation."""
    from datetime import timedelta

    from django.utils import timezone

    from board.models import AgendaEntry, BoardMeeting, ReportRun
    from tests.factories import board_user
    from tests.workgroups.factories import ProposalFactory

    recommendation = ProposalFactory(forwarded=True)
    meeting = BoardMeeting.objects.create(
        title="CdA di dicembre", starts_at=timezone.now() - timedelta(hours=1)
    )
    AgendaEntry.objects.create(meeting=meeting, proposal=recommendation, staff_notes="Note")
    today = timezone.localdate()
    run = ReportRun.objects.create(
        kind=ReportRun.Kind.ASSEMBLY, period_start=today - timedelta(days=30), period_end=today
    )
    paths = [
        "/board/",
        f"/board/recommendations/{recommendation.pk}/",
        "/board/meetings/",
        "/board/meetings/new/",
        meeting.get_absolute_url(),
        "/board/figures/",
        "/board/reports/",
        f"/board/reports/{run.pk}/",
    ]
    return board_user(), paths


def matching_pages():
    """A member with a profile, one request waiting for her answer and one contact, and the
    pages of member matching."""
    from matching.services.contacts import contact_accept, contact_send
    from tests.matching.factories import profile_make

    me = profile_make(
        offers=["contabilità"],
        needs=["web design"],
        presentation="Teniamo la contabilità delle cooperative.",
        contact_email="contatti@example.org",
        contact_email_visibility="connections",
    )
    partner = profile_make(
        offers=["web design"],
        needs=["contabilità"],
        presentation="Progettiamo siti web per le cooperative.",
        contact_email="studio@example.org",
        contact_email_visibility="connections",
    )
    asking = profile_make(offers=["grafica"], presentation="Grafica per le cooperative.")
    contact = contact_send(sender=me.user, recipient_profile=partner, message="Ne parliamo?")
    contact_accept(contact=contact, by=partner.user)
    contact_send(sender=asking.user, recipient_profile=me, message="Possiamo sentirci?")
    paths = [
        "/matching/",
        "/matching/directory/",
        "/matching/directory/?q=cooperativa",
        "/matching/suggestions/",
        "/matching/profile/",
        "/matching/profile/edit/",
        "/matching/contacts/",
        "/matching/contacts/?tab=contacts",
        partner.get_absolute_url(),
        f"/matching/profiles/{partner.pk}/contact/",  # already in contact: the contact box
        asking.get_absolute_url(),
        f"/matching/profiles/{asking.pk}/report/",
    ]
    return me.user, paths


def test_pages_have_no_wcag_violations_on_a_phone(portal):
    page = portal
    page.set_viewport_size({"width": 390, "height": 844})
    member, pages = group_pages()
    found = {}
    for path in PUBLIC:
        page.goto(portal.portal.url(path))
        found[path] = violations(page)
    log_in(page, member.email)
    for path in PERSONAL + pages:
        page.goto(portal.portal.url(path))
        found[path] = violations(page)
    matcher, matching_paths = matching_pages()
    log_in(page, matcher.email)
    for path in matching_paths:
        page.goto(portal.portal.url(path))
        found[path] = violations(page)
    board, board_paths = board_pages()
    log_in(page, board.email)
    for path in board_paths:
        page.goto(portal.portal.url(path))
        found[path] = violations(page)
    assert {path: v for path, v in found.items() if v} == {}
