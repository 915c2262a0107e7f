"""WCAG 2.2 AA: axe-core (vendored in tests/browser/vendor) finds no violation on the shell's pages,
on a desktop and on a phone."""

from pathlib import Path

import pytest

from tests.factories import PASSWORD, UserFactory

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


PUBLIC = ["/", "/accounts/signup/", "/accounts/login/", "/accounts/password/reset/", "/groups/"]
PERSONAL = ["/dashboard/", "/me/profile/", "/me/membership/", "/accounts/password/change/"]


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_pages_have_no_wcag_violations(portal, viewport):
    page = portal
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    found = {}
    for path in PUBLIC:
        page.goto(portal.portal.url(path))
        found[path] = violations(page)
    UserFactory(email="a11y@example.org")
    page.goto(portal.portal.url("/accounts/login/"))
    page.get_by_label("Email").fill("a11y@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Accedi").click()
    page.wait_for_url("**/dashboard/")
    for path in PERSONAL:
        page.goto(portal.portal.url(path))
        found[path] = violations(page)
    assert {path: v for path, v in found.items() if v} == {}
