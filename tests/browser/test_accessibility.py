"""WCAG 2.2 AA: axe-core (vendored in tests/browser/vendor) finds no violation on the shell's pages,
on a desktop and on a phone."""

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


def violations(page):
    page.add_script_tag(content=AXE)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


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


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_pages_have_no_wcag_violations(portal, viewport):
    page = portal
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    member, pages = group_pages()
    found = {}
    for path in PUBLIC:
        page.goto(portal.portal.url(path))
        found[path] = violations(page)
    log_in(page, member.email)
    for path in PERSONAL + pages:
        page.goto(portal.portal.url(path))
        found[path] = violations(page)
    assert {path: v for path, v in found.items() if v} == {}
