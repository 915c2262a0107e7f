"""The pages of a group, a course and a funding call show the links the apps above offer them
(coopportal.core.discovery.offered_links: `<app>.<kind>_links.for_<kind>(user, object)`), under
"See also" — an app added above them shows its links without editing workgroups, training or
calls; a page with no offered link shows no empty section."""

import pytest
from django.test import Client

from tests.calls.factories import FundingCallFactory
from tests.training.factories import CourseFactory
from tests.workgroups.factories import WorkingGroupFactory

pytestmark = pytest.mark.django_db

FAKE = "tests.core.fake_links"


@pytest.fixture
def fake_app(settings):
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, FAKE]
    settings.PORTAL_LAYERS = [settings.PORTAL_LAYERS[0], FAKE, *settings.PORTAL_LAYERS[1:]]


@pytest.fixture
def pages(db):
    return {
        "group": WorkingGroupFactory(),
        "course": CourseFactory(),
        "call": FundingCallFactory(),
    }


@pytest.mark.parametrize("kind", ["group", "course", "call"])
def test_the_page_shows_the_links_an_app_above_offers(fake_app, pages, member, kind):
    person = member
    client = Client()
    client.force_login(person)
    obj = pages[kind]
    html = client.get(obj.get_absolute_url()).content.decode()
    assert "Vedi anche" in html
    assert f'href="/fake/{kind}/{obj.pk}/"' in html
    assert f"Fake link for {obj.pk} seen by {person.email}" in html


@pytest.mark.parametrize("kind", ["group", "course", "call"])
def test_visitors_get_the_links_offered_to_visitors(fake_app, pages, kind):
    obj = pages[kind]
    html = Client().get(obj.get_absolute_url()).content.decode()
    assert f"Fake link for {obj.pk} seen by visitor" in html


@pytest.mark.parametrize("kind", ["group", "course"])
def test_without_an_offer_there_is_no_empty_section(pages, kind):
    html = Client().get(pages[kind].get_absolute_url()).content.decode()
    assert "offered-links-heading" not in html
