"""Every `<time datetime="…">` the portal renders is a valid HTML datetime (whole seconds or at
most milliseconds, with an offset) — they used to carry microseconds."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from coopportal.core.templatetags.portal import html_datetime
from coopportal.notifications.models import Notification
from tests.workgroups.factories import (
    MeetingFactory,
    MembershipFactory,
    PostFactory,
    ProposalFactory,
    ThreadFactory,
    proposal_step,
)

pytestmark = pytest.mark.django_db

# HTML: a valid date string, or a valid global date and time string
HTML_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2}))?"
)
DATETIME_ATTR = re.compile(r'<time[^>]*\sdatetime="([^"]*)"')
WITH_MICROSECONDS = datetime(2026, 3, 5, 17, 30, 15, 123456, tzinfo=UTC)


def test_html_datetime_is_local_whole_seconds_with_offset():
    assert html_datetime(WITH_MICROSECONDS) == "2026-03-05T18:30:15+01:00"
    assert html_datetime(date(2026, 3, 5)) == "2026-03-05"
    assert html_datetime(None) == ""


def test_every_datetime_attribute_on_the_pages_is_valid(client):
    membership = MembershipFactory(group__open_to_all=True)
    group, person = membership.group, membership.user
    when = timezone.now().replace(microsecond=654321)
    meeting = MeetingFactory(group=group, starts_at=when + timedelta(days=2))
    past = MeetingFactory(
        group=group, starts_at=when - timedelta(days=9), outcomes="Emersi tre punti."
    )
    thread = ThreadFactory(group=group)
    PostFactory(thread=thread)
    proposal = ProposalFactory(group=group, published=True)
    proposal_step(proposal, "published", source="submitted")
    Notification.objects.create(recipient=person, kind="workgroups.post_created")
    client.force_login(person)
    pages = [
        group.get_absolute_url(),
        meeting.get_absolute_url(),
        past.get_absolute_url(),
        f"/groups/{group.slug}/meetings/",
        thread.get_absolute_url(),
        proposal.get_absolute_url(),
        "/groups/emerged/",
        "/notifications/",
    ]
    found = []
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        found += [(url, value) for value in DATETIME_ATTR.findall(response.content.decode())]
    assert {url for url, _value in found} == set(pages)  # each page has its <time> elements
    assert len(found) == 10
    invalid = [(url, value) for url, value in found if not HTML_DATETIME.fullmatch(value)]
    assert invalid == []
