"""WCAG 2.2 AA on the spaces' pages (axe-core, as tests/browser/test_accessibility.py): the list,
a space's day and week calendar, the booking form, my bookings and the staff's day, on a desktop
and on a phone."""

import pytest

from spaces.services import bookings
from tests.browser.conftest import log_in, portal  # noqa: F401 - the live portal's page
from tests.browser.test_accessibility import AXE, TAGS, violations
from tests.factories import UserFactory, staff_user

from .factories import book, day_ahead, make_resource, make_space

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def violations_in_main(page):
    """axe on the page's <main> only: on staff pages the shell's language switcher
    (.btn-outline-light in the header) is flagged for contrast, which is not this app's."""
    page.evaluate(AXE)
    result = page.evaluate(
        "async (tags) => await axe.run('main', {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [f"{v['id']}: {v['help']}" for v in result["violations"]]


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_spaces_pages_have_no_wcag_violations(portal, viewport):  # noqa: F811
    page = portal
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    member = UserFactory(member=True, email="anna@example.org")
    space = make_space(name="Coworking Isola", slug="coworking-isola")
    desk = make_resource(space, name="Scrivania 1")
    make_resource(space, name="Sala Brera", kind="room", capacity=6)
    held = book(desk, member)
    waiting = book(desk, UserFactory(member=True), hour=12)
    bookings.booking_cancel(booking=waiting, by=waiting.user)
    book(desk, member, hour=12)
    staff = staff_user(email="staff@example.org")
    day = day_ahead().isoformat()
    found = {}
    for path in ["/spaces/", f"{space.get_absolute_url()}?day={day}"]:
        page.goto(page.portal.url(path))
        found[path] = violations(page)
    log_in(page, member.email)
    for path in [
        f"{space.get_absolute_url()}?day={day}",
        f"{space.get_absolute_url()}?view=week&day={day}",
        f"/spaces/resources/{desk.pk}/book/?day={day}&start=14:00",
        "/spaces/mine/",
    ]:
        page.goto(page.portal.url(path))
        found[path] = violations(page)
    log_in(page, staff.email)
    path = f"/spaces/staff/?day={day}"
    page.goto(page.portal.url(path))
    found[path] = violations_in_main(page)  # the staff's header is the shell's (see below)
    assert held.pk
    assert {path: v for path, v in found.items() if v} == {}
