"""Seats through the real HTTP server: gunicorn (2 processes × 4 threads) on the test database,
people posting at the same moment from their own browsers (sessions and CSRF tokens of their own).

What the unit-level tests (tests/training/test_enrolment_concurrency.py) prove on parallel
connections holds through the whole stack: middleware, sessions, CSRF, the view, its transaction.
"""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.faults.conftest import at_once
from tests.training.factories import CourseFactory
from training.models import Enrolment, EnrolmentStatus

pytestmark = pytest.mark.django_db(transaction=True)

Status = EnrolmentStatus
ROUNDS = 20


def statuses(course):
    return list(Enrolment.objects.filter(course=course).values_list("status", flat=True))


def test_fifty_enrol_at_once_in_ten_seats_twenty_times_over(portal):
    people = [UserFactory(member=True) for _ in range(50)]
    browsers = [portal.session_for(person) for person in people]
    for _ in range(ROUNDS):
        course = CourseFactory(capacity=10, sessions=1)
        path = reverse("training:course_enrol", args=[course.pk])
        responses = at_once([lambda b=b: portal.post(b, path) for b in browsers])
        codes = {str(getattr(r, "status_code", r)) for r in responses}
        assert codes == {"302"}, "".join(portal.log[-40:])  # no 5xx, no timeout, no deadlock
        seats = statuses(course)
        assert seats.count(Status.CONFIRMED) == 10
        assert seats.count(Status.WAITING) == 40 and len(seats) == 50
        course.refresh_from_db()
        assert course.going_count == 10


def test_ten_cancel_at_once_and_each_waiting_person_is_promoted_once(portal):
    from coopportal.notifications.models import Notification
    from training.services import enrolment

    course = CourseFactory(capacity=10, sessions=1)
    confirmed = [UserFactory(member=True) for _ in range(10)]
    waiting = [UserFactory(member=True) for _ in range(10)]
    for person in confirmed + waiting:
        enrolment.enrol(course=course, by=person)
    browsers = [portal.session_for(person) for person in confirmed]
    path = reverse("training:course_cancel", args=[course.pk])

    responses = at_once([lambda b=b: portal.post(b, path, {"confirm": "yes"}) for b in browsers])
    assert {str(getattr(r, "status_code", r)) for r in responses} == {"302"}, "".join(
        portal.log[-60:]
    )
    for person in confirmed:
        assert Enrolment.objects.get(course=course, user=person).status == Status.CANCELLED
    for person in waiting:  # every freed seat went to one waiting person, each offered once
        seat = Enrolment.objects.get(course=course, user=person)
        assert seat.status in (Status.OFFERED, Status.CONFIRMED), seat.status
        offers = Notification.objects.filter(recipient=person, kind="training.seat_offered")
        assert offers.count() == (1 if seat.status == Status.OFFERED else 0)
    course.refresh_from_db()
    assert course.going_count == 10  # the offered seats are held for the people offered them


def test_dropped_database_connections_and_the_next_requests_recover(portal):
    """pg_terminate_backend of every server connection (from another connection): the server
    keeps its connections between requests (CONN_MAX_AGE) and checks them before reuse
    (CONN_HEALTH_CHECKS, as production does), so the next requests are served, none a 500."""
    from django.db import connection

    browser = portal.session_for(UserFactory(member=True))
    path = reverse("training:my_training")
    warm = at_once([lambda: portal.get(browser, path) for _ in range(16)])
    assert {r.status_code for r in warm} == {200}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert cursor.rowcount >= 1  # the server's kept connections were dropped
    after = at_once([lambda: portal.get(browser, path) for _ in range(16)])
    assert [str(getattr(r, "status_code", r)) for r in after] == ["200"] * 16


def test_two_tabs_posting_the_same_new_application_make_one_draft(portal):
    """The new-application form carries a one-time key (a bug found here: two posts of the same
    form made two drafts); both tabs land on the one draft."""
    import re

    from calls.models import Application
    from tests.calls.factories import FundingCallFactory

    call = FundingCallFactory(deadlines=(40,), internal_deadline_days=10)
    lead = UserFactory(member=True)
    path = reverse("calls:application_create", args=[call.pk])
    tabs = [portal.session_for(lead), portal.session_for(lead)]
    page = portal.get(tabs[0], path)
    key = re.search(r'name="submission_key" value="([0-9a-f-]+)"', page.text).group(1)
    data = {"title": "Orto sociale", "summary": "Per tutti", "submission_key": key}
    responses = at_once([lambda t=t: portal.post(t, path, data) for t in tabs])
    assert [r.status_code for r in responses] == [302, 302]
    assert Application.objects.filter(call=call, lead=lead).count() == 1
    assert len({r.headers["Location"] for r in responses}) == 1  # both tabs show the one draft
    # a new form (a new key) makes a second draft, as asked
    key2 = re.search(r'name="submission_key" value="([0-9a-f-]+)"', portal.get(tabs[1], path).text)
    assert key2.group(1) != key
    portal.post(tabs[1], path, {**data, "submission_key": key2.group(1)})
    assert Application.objects.filter(call=call, lead=lead).count() == 2


def test_two_staff_deciding_the_same_application_at_once_make_one_decision(portal):
    """One approves, the other rejects, at the same moment: the row lock lets one decide; the
    other gets the admin's page with a message saying why, not a 500."""
    import re

    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    from calls.models import Application
    from calls.services import applications as services
    from coopportal.core.models import AuditEvent
    from tests.calls.factories import FundingCallFactory
    from tests.factories import staff_user

    call = FundingCallFactory(deadlines=(40,), internal_deadline_days=10)
    lead = UserFactory(member=True)
    draft = services.application_create(
        call=call, by=lead, title="Teatro", summary="Quartiere", requested_amount="1000"
    )
    services.application_submit(application=draft, by=lead)
    first, second = staff_user(), staff_user()
    services.application_move(application=draft, by=first, to=Application.Status.IN_REVIEW)
    changelist = reverse("admin:calls_application_changelist")
    approve = {"action": "approve", ACTION_CHECKBOX_NAME: [draft.pk], "apply": "1"}
    reject = {**approve, "action": "reject", "reason": "Fuori tema"}
    browsers = [portal.session_for(first), portal.session_for(second)]
    responses = at_once(
        [
            lambda: portal.post(browsers[0], changelist, approve),
            lambda: portal.post(browsers[1], changelist, reject),
        ]
    )
    assert [r.status_code for r in responses] == [302, 302], "".join(portal.log[-40:])
    draft.refresh_from_db()
    assert draft.status in (Application.Status.APPROVED, Application.Status.REJECTED)
    decisions = AuditEvent.objects.filter(
        object_id=str(draft.pk),
        action__in=["calls.application.approved", "calls.application.rejected"],
    )
    assert decisions.count() == 1
    loser = browsers[1] if draft.status == Application.Status.APPROVED else browsers[0]
    page = portal.get(loser, changelist)
    told = re.findall(r'<li class="(error|warning)">', page.text)
    assert told, page.text  # the other one is told why, on the next page
