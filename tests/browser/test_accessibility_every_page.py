"""WCAG 2.2 AA on every page of every role (issue 18): axe-core finds no violation (every rule of
the tags wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa, not only the serious ones), and on a screen
320 CSS pixels wide nothing scrolls sideways (`scrollWidth <= innerWidth`; 200 % zoom of a 640 px
window is the same 320 CSS pixels, so this is the zoom check too — WCAG 1.4.10, reflow).

The pages are not listed by hand: every GET row of `tests/security/permission_matrix.py` (the
portal's and the admin's) where some role gets 200, requested with the objects of
`test_hostile_queries._make_data` and the people of `test_permission_matrix._role_users`, as ONE
role that gets 200 — the least privileged (the first in `permission_matrix.ROLES`; staff before
the superuser in the admin). So every page is checked, and so are the pages of every role.

Not checked, because they are not HTML pages: files, exports and feeds (`NOT_PAGES`: a zip, a
CSV, PDFs, calendar files, the health check, the admin's JavaScript catalogue) and the fragments
htmx asks for (a piece of a page, no document of its own). Each is still requested, to prove it is
not a page after all: a name that turns out to answer a whole HTML page fails the test.

The pages are split into a few chunks (pytest-xdist spreads them); each chunk makes the objects
once, logs each role in once (a test client's `force_login` session cookie put into the browser
context: staff, board and superuser have their authenticator app, as the factories make them) and
reports all the failures of its pages together.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from tests.browser.test_accessibility import violations
from tests.security import permission_matrix as matrix
from tests.security import test_hostile_queries as hostile
from tests.security import test_permission_matrix as pm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Files, exports and feeds, and the htmx fragments: answered with 200, but not HTML pages.
NOT_PAGES = {
    "accounts:archive_download",  # the person's data, a zip
    "board:export_download",  # the recommendations, a CSV
    "board:export_start",  # the same, made there and then (a small one)
    "calls:attachment_download",
    "board:meeting_pack",  # the meeting's documents, a PDF
    "community:event_agenda_ics",
    "community:event_agenda_pdf",
    "core:calendar_feed",  # the personal calendar, .ics
    "healthz",
    "matching:tag_suggest",  # htmx: tag suggestions
    "spaces:booking_ics",
    "training:certificate_download",  # a PDF
    "training:course_ics",
    "workgroups:document_download",
    "workgroups:meeting_ics",
    "workgroups:proposal_similar",  # htmx: the similar proposals under the title being typed
    "admin:jsi18n",  # the admin's JavaScript catalogue
}

ADMIN_ROLE_ORDER = ("staff", "superuser")


def _least_privileged(row, order=matrix.ROLES):
    cells = matrix.expected(row)
    return next((role for role in order if cells.get(role) == "200"), None)


def _portal_targets():
    """[(name, role)] of every GET row some role gets 200 for, with the role that checks it."""
    targets = []
    for name, row in sorted(matrix.PAGES.items()):
        if matrix.method(row) == "GET" and (role := _least_privileged(row)):
            targets.append((name, role))
    return targets


def _admin_targets():
    targets = []
    for name, row in sorted(matrix.ADMIN_VIEWS.items()):
        if matrix.method(row) == "GET" and (role := _least_privileged(row, ADMIN_ROLE_ORDER)):
            targets.append((name, role))
    for label, spec in sorted(matrix.ADMIN_MODELS.items()):
        app_label, model_name = label.split(".")
        for view in ("changelist", "add"):
            role = next(
                (r for r in ADMIN_ROLE_ORDER if matrix.admin_expected(spec, view, r) == "200"),
                None,
            )
            if role:
                targets.append((f"admin:{app_label}_{model_name}_{view}", role))
    return targets


def _chunks(targets, size):
    return [targets[start : start + size] for start in range(0, len(targets), size)]


PORTAL_CHUNKS = _chunks(_portal_targets(), 40)
ADMIN_CHUNKS = _chunks(_admin_targets(), 55)
CHUNKS = [("portal", i, chunk) for i, chunk in enumerate(PORTAL_CHUNKS)] + [
    ("admin", i, chunk) for i, chunk in enumerate(ADMIN_CHUNKS)
]

# The elements that stick out past the right edge of the screen and are not clipped by a box that
# scrolls on its own (a `.table-responsive`), outermost first: what to fix.
OVERFLOW = """() => {
  const width = window.innerWidth + 1;
  if (document.documentElement.scrollWidth <= window.innerWidth) return null;
  const clipped = (element) => {
    // an absolutely positioned box is clipped only by a scrolling box at or inside its
    // containing block (the cause of a visually-hidden cell text that escapes its table)
    let free = ['absolute', 'fixed'].includes(getComputedStyle(element).position);
    for (let a = element.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (free && style.position !== 'static') free = false;
      if (!free && style.overflowX !== 'visible' && a.getBoundingClientRect().right <= width) {
        return true;
      }
    }
    return false;
  };
  const out = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.right > width && box.width > 0 && !out.some((o) => o.contains(element))
        && !clipped(element)) {
      out.push(element);
    }
  }
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (typeof e.className === 'string' && e.className.trim()
      ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  const right = (e) => Math.round(e.getBoundingClientRect().right);
  return {scrollWidth: document.documentElement.scrollWidth,
          elements: out.slice(0, 4).map((e) => `${name(e)} ${right(e)}px`)};
}"""


def _world():
    data = hostile._make_data()
    return {**data, "people": pm._role_users(data)}


def _url(name, world):
    if name.startswith("admin:") and name in matrix.ADMIN_VIEWS:
        return pm._admin_url(name, world)
    if name.startswith("admin:"):
        return reverse(name)
    return pm.url_of(name, pm.portal_urls()[name], world)


class Roles:
    """The browser context logged in as one role after another (one session per role)."""

    def __init__(self, page, world):
        self.page, self.world, self.cookies, self.current = page, world, {}, object()

    def become(self, role):
        if role == self.current:
            return
        context = self.page.context
        context.clear_cookies()
        user = self.world["people"][role]
        if user is not None:
            if role not in self.cookies:
                client = Client()
                client.force_login(user)
                self.cookies[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookie = {"name": settings.SESSION_COOKIE_NAME, "value": self.cookies[role]}
            context.add_cookies([{**cookie, "url": self.page.portal.base}])
        self.current = role


def _is_page(response):
    return response.headers.get("content-type", "").startswith("text/html") and (
        b"<html" in response.body()[:2000].lower()
    )


def check(page, url):
    """What is wrong with the page at `url`: axe's violations on a desktop, then the sideways
    scrolling at 320 px."""
    page.set_viewport_size({"width": 1280, "height": 900})
    try:
        response = page.goto(url)
    except PlaywrightError as error:  # a file: "Download is starting"
        return [f"not a page ({error.message.splitlines()[0]}): list it in NOT_PAGES"]
    if response is None or response.status != 200 or page.url != url:
        return [f"not shown: {response and response.status} at {page.url}"]
    problems = violations(page)
    page.set_viewport_size({"width": 320, "height": 640})
    if overflow := page.evaluate(OVERFLOW):
        problems.append(f"scrolls sideways at 320 px: {overflow}")
    return problems


@pytest.mark.parametrize(
    "chunk", [chunk for _kind, _i, chunk in CHUNKS], ids=[f"{k}-{i}" for k, i, _c in CHUNKS]
)
def test_every_page_is_accessible(portal, chunk):
    page = portal
    world = _world()
    roles = Roles(page, world)
    found = {}
    for name, role in sorted(chunk, key=lambda target: (target[1], target[0])):
        roles.become(role)
        url = _url(name, world)
        where = f"{name} as {role}: {url}"
        if name in NOT_PAGES:
            response = page.request.get(page.portal.url(url), max_redirects=0)
            if response.status != 200 or _is_page(response):
                found[where] = [f"listed as not a page, but answers {response.status} with a page"]
            continue
        if problems := check(page, page.portal.url(url)):
            found[where] = problems
    if found:
        pytest.fail("\n".join(f"{w}\n  " + "\n  ".join(p) for w, p in found.items()), pytrace=False)
