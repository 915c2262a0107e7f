"""What the showcase offers the rest of the portal: the board's figures (cases proposed and
published in the period, by month and by kind), the dashboard's waiting items (a member's cases
returned for changes, staff's cases to validate), the links on a funding call's page, the answer
to a membership revoked; the admin's actions through the same workflow."""

from datetime import date, datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from community import board_figures as community_figures
from community import call_links as community_call_links
from community import dashboard as community_dashboard
from community.practices import board_figures, call_links, dashboard, hooks
from community.practices.models import Practice
from coopportal.core.figures import Chart, Figure, Period, Ranking
from coopportal.core.models import AuditEvent
from coopportal.core.waiting import STAFF, YOU
from coopportal.notifications.models import Notification
from tests.calls.factories import FundingCallFactory
from tests.factories import UserFactory, staff_user

from .factories import PracticeFactory

pytestmark = pytest.mark.django_db
S = Practice.Status
YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime(year, month, day, hour))


def _case(status, submitted, published=None, kind=Practice.Kind.BUYOUT):
    practice = PracticeFactory(kind=kind)
    Practice.objects.filter(pk=practice.pk).update(
        status=status, submitted_at=submitted, published_at=published
    )
    return practice


@pytest.fixture
def data():
    _case(S.PUBLISHED, at(2025, 1, 10), at(2025, 1, 20))
    _case(S.PUBLISHED, at(2025, 1, 1, 0), at(2025, 3, 1, 0), kind=Practice.Kind.DIGITAL)  # Rome
    _case(S.PUBLISHED, at(2024, 11, 1), at(2024, 12, 1), kind=Practice.Kind.DIGITAL)  # before
    _case(S.SUBMITTED, at(2025, 6, 1))
    _case(S.REJECTED, at(2025, 7, 1))
    _case(S.PUBLISHED, at(2026, 1, 5), at(2026, 1, 10))  # after
    PracticeFactory()  # a draft: never proposed


def _items(period=YEAR):
    with translation.override("en"):
        return {item.key: item for item in board_figures.figures(period)}


def test_board_figures_count_the_period(data):
    items = _items()
    assert items["community_practices_proposed"].value == 4
    assert items["community_practices_published"].value == 2
    assert "4" in str(items["community_practices_published"].note)  # in the showcase in all
    chart = items["community_practices_by_month"]
    assert isinstance(chart, Chart)
    proposed, published = (s.values for s in chart.series)
    assert proposed == [2, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]
    assert published == [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]


def test_board_figures_by_kind_and_through_the_community(data):
    ranking = _items()["community_practices_by_kind"]
    assert isinstance(ranking, Ranking)
    assert sorted(ranking.rows) == [("Digital innovation", 2), ("Workers' buyout", 2)]
    keys = {item.key for item in community_figures.figures(YEAR)}
    assert "community_practices_proposed" in keys
    empty = _items(Period(date(2020, 1, 1), date(2020, 12, 31)))
    assert empty["community_practices_proposed"].value == 0
    assert all(isinstance(i, Figure | Chart | Ranking) for i in empty.values())


def test_board_active_people_are_the_proposers(data):
    (people,) = board_figures.active_people(YEAR.since, YEAR.until)
    assert len(list(people)) == 4


def test_dashboard_waiting_for_member_and_staff():
    member = UserFactory(member=True)
    PracticeFactory(proposer=member, returned=True)
    PracticeFactory(proposer=member, returned=True)
    PracticeFactory(proposer=member, submitted=True)
    PracticeFactory(submitted=True)
    (mine,) = dashboard.waiting(member)
    assert (mine.role, mine.count, mine.url) == (YOU, 2, reverse("community:practice_mine"))
    staff = staff_user()
    # the community's waiting items gather every part's: the good practices' are these two
    review, returned = reverse("community:practice_review"), reverse("community:practice_mine")
    items = {item.url: item for item in community_dashboard.waiting(staff)}
    assert items[review].role == STAFF and items[review].count == 2
    assert items[returned].role == YOU and items[returned].count == 0
    assert [i.count for i in dashboard.waiting(UserFactory())] == [0]


def test_dashboard_waiting_is_one_query(django_assert_num_queries):
    staff = staff_user()
    staff.has_perm("community.change_practice")  # permissions cached, as on a page
    with django_assert_num_queries(1):
        dashboard.waiting(staff)


def test_call_links_show_the_published_cases_of_the_call(client):
    call = FundingCallFactory()
    shown = PracticeFactory(published=True, title="Caso collegato", links={"calls": [call]})
    PracticeFactory(submitted=True, title="Non ancora pubblicato", links={"calls": [call]})
    links = community_call_links.for_call(None, call)
    assert [url for _label, url in links] == [shown.get_absolute_url()]
    assert "Caso collegato" in str(links[0][0])
    for _ in range(6):
        PracticeFactory(published=True, links={"calls": [call]})
    links = call_links.for_call(None, call)
    assert len(links) == 6 and links[-1][1].endswith(f"?call={call.pk}")
    page = client.get(call.get_absolute_url()).content.decode()
    assert f"?call={call.pk}" in page and links[0][1] in page


def test_membership_revoked_tells_about_the_drafts():
    member = UserFactory(member=True, language="en")
    assert hooks.membership_revoked(user=member, by=None, reason="x") is None
    PracticeFactory(proposer=member)
    PracticeFactory(proposer=member, published=True)
    with translation.override("en"):
        said = hooks.membership_revoked(user=member, by=None, reason="x")
    assert "only members can submit" in said


CHANGELIST = reverse("admin:community_practice_changelist")


@pytest.mark.parametrize(
    "action,status,reason_needed",
    [("publish", S.PUBLISHED, False), ("return_for_changes", S.CHANGES_REQUESTED, True),
     ("reject", S.REJECTED, True)],
)  # fmt: skip
def test_admin_actions_go_through_the_workflow(action, status, reason_needed):
    practice = PracticeFactory(submitted=True)
    staff = staff_user()
    client = Client()
    client.force_login(staff)
    data = {"action": action, ACTION_CHECKBOX_NAME: [practice.pk]}
    assert client.post(CHANGELIST, data).status_code == 200  # the page that asks why
    client.post(CHANGELIST, {**data, "apply": "1", "reason": ""})
    practice.refresh_from_db()
    assert (practice.status == S.SUBMITTED) == reason_needed
    if reason_needed:
        client.post(CHANGELIST, {**data, "apply": "1", "reason": "Mancano i numeri"})
        practice.refresh_from_db()
    assert practice.status == status
    assert AuditEvent.objects.filter(action=f"community.practice.{status}", actor=staff).exists()
    assert Notification.objects.filter(
        kind="community.practice_decided", recipient=practice.proposer
    ).exists()


def test_admin_action_on_a_draft_is_refused_with_a_message():
    practice = PracticeFactory()
    client = Client()
    client.force_login(staff_user())
    data = {"action": "publish", ACTION_CHECKBOX_NAME: [practice.pk], "apply": "1", "reason": ""}
    response = client.post(CHANGELIST, data, follow=True)
    assert response.status_code == 200
    practice.refresh_from_db()
    assert practice.status == S.DRAFT


def test_admin_is_closed_to_members():
    client = Client()
    client.force_login(UserFactory(member=True))
    assert client.get(CHANGELIST).status_code == 302


def test_page_links_for_a_group_and_a_course():
    from community.practices import page_links
    from tests.training.factories import CourseFactory
    from tests.workgroups.factories import WorkingGroupFactory

    group, course = WorkingGroupFactory(), CourseFactory(sessions=0)
    shown = PracticeFactory(published=True, links={"groups": [group], "courses": [course]})
    PracticeFactory(returned=True, links={"groups": [group]})
    assert [url for _l, url in page_links.for_group(None, group)] == [shown.get_absolute_url()]
    assert [url for _l, url in page_links.for_course(None, course)] == [shown.get_absolute_url()]
    for _ in range(5):
        PracticeFactory(published=True, links={"groups": [group]})
    links = page_links.for_group(None, group)
    assert len(links) == 6 and links[-1][1].endswith(f"?group={group.slug}")
