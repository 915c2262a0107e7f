"""Proposal pages on a phone and from the keyboard: the board's answer and implementation stay
within reach at 390×844, a nav link shows a clear focus outline, and people's Markdown headings
are smaller than the page's title."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import board_user
from tests.workgroups.factories import MembershipFactory, ProposalFactory, WorkingGroupFactory
from workgroups.models import Proposal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _within_viewport(page, locator):
    """In view after scrolling the page down only: nothing hidden in a sideways-scrolling box."""
    page.evaluate(
        "top => window.scrollTo(0, top)",
        locator.evaluate("el => el.getBoundingClientRect().top + window.scrollY - 100"),
    )
    box = locator.bounding_box()
    size = page.viewport_size
    return (
        box is not None
        and box["width"] > 0
        and 0 <= box["x"] <= box["x"] + box["width"] <= size["width"]
        and 0 <= box["y"] <= box["y"] + box["height"] <= size["height"]
    )


def test_board_list_on_a_phone_shows_answer_and_implementation(portal):
    page = portal
    group = WorkingGroupFactory(name="Formazione")
    ProposalFactory(
        group=group,
        forwarded=True,
        title="Webinar gratuiti per i soci delle province di montagna",
        answer=Proposal.Answer.ACCEPTED,
        answer_text="Sì.",
        implementation=Proposal.Implementation.IN_PROGRESS,
        implementation_percent=40,
    )
    board_user(email="cda@example.org", language="en")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "cda@example.org")
    page.goto(page.portal.url("/board/"))

    cells = page.locator("tbody td")
    answer = cells.filter(has_text=re.compile(r"^\s*Accepted\s*$"))
    implementation = cells.filter(has_text="In progress (40%)")
    expect(answer).to_have_count(1)
    expect(implementation).to_have_count(1)
    assert _within_viewport(page, answer)
    assert _within_viewport(page, implementation)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_keyboard_focus_on_a_nav_link_is_clearly_outlined(portal):
    page = portal
    board_user(email="cda@example.org", language="en")
    log_in(page, "cda@example.org")
    nav = page.get_by_role("navigation", name="Main navigation")
    link = nav.get_by_role("link", name="Working groups")
    page.locator("body").focus()
    for _ in range(15):
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the nav link")
    style = link.evaluate(
        "el => { const s = getComputedStyle(el);"
        " return {style: s.outlineStyle, width: parseFloat(s.outlineWidth),"
        " color: s.outlineColor}; }"
    )
    assert style["style"] == "solid"
    assert style["width"] >= 2
    assert style["color"] == "rgb(255, 255, 255)"  # white on the green bar: 6:1


def test_markdown_headings_in_a_proposal_are_smaller_than_its_title(portal):
    page = portal
    author = MembershipFactory(group=WorkingGroupFactory(name="Formazione")).user
    proposal = ProposalFactory(
        group=author.group_memberships.get().group,
        created_by=author,
        published=True,
        title="Più corsi",
        body="# Perché\n\nMotivi.\n\n## Come\n\nPassi.",
    )
    log_in(page, author.email)
    page.goto(page.portal.url(proposal.get_absolute_url()))
    title = page.get_by_role("heading", name="Più corsi", level=1)
    heading = page.get_by_role("heading", name="Perché")
    expect(heading).to_have_js_property("tagName", "H3")
    size = lambda loc: loc.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")  # noqa: E731
    assert size(heading) < size(title)
    assert re.match(
        r"H[4-6]", page.get_by_role("heading", name="Come").evaluate("el => el.tagName")
    )
