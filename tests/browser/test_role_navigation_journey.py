"""A board member who is also staff finds the board area and the administration in the navigation
bar — on a desktop and, behind the menu button, on a phone — and the bar marks where they are; a
member sees neither."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import UserFactory, board_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def navigation(page):
    return page.get_by_role("navigation", name="Navigazione principale")


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_board_and_staff_reach_their_areas_from_the_navigation_bar(portal, viewport):
    page = portal
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    phone = viewport[0] < 1200
    person = board_user(email="cda@example.org", is_staff=True)
    UserFactory(member=True, email="socia@example.org")

    def open_menu():
        if phone:
            navigation(page).get_by_role("button", name="Apri il menu").click()

    log_in(page, "cda@example.org")
    if phone:  # on a phone the links wait behind the menu button
        expect(navigation(page).get_by_role("link", name="Area CdA")).to_be_hidden()
    open_menu()
    board_link = navigation(page).get_by_role("link", name="Area CdA", exact=True)
    expect(board_link).to_be_visible()
    expect(board_link).not_to_have_attribute("aria-current", "page")
    board_link.click()
    page.wait_for_url("**/board/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    open_menu()
    board_link = navigation(page).get_by_role("link", name="Area CdA", exact=True)
    expect(board_link).to_have_attribute("aria-current", "page")

    navigation(page).get_by_role("link", name="Amministrazione").click()
    page.wait_for_url("**/admin/")
    expect(page.get_by_role("heading", name="Moderazione e gestione")).to_be_visible()
    assert person.is_staff

    log_in(page, "socia@example.org")
    open_menu()
    expect(navigation(page).get_by_role("link", name="Gruppi di lavoro")).to_be_visible()
    expect(navigation(page).get_by_role("link", name="Area CdA")).to_have_count(0)
    expect(navigation(page).get_by_role("link", name="Amministrazione")).to_have_count(0)
