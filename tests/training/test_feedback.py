"""Feedback on courses: asked once of the people who attended after the last session, given
(and edited within the window) only by them, read by staff as averages and distributions."""

import pytest
from django.contrib import admin
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from coopportal.core.audit import audit_events_for
from coopportal.notifications.models import Notification
from tests.factories import UserFactory
from tests.helpers.parallel import run_at_once
from tests.training.factories_calendar import (
    attend,
    enrol,
    make_course,
    make_ended_course,
    make_trainer,
)
from training import tasks
from training.models import Course, Feedback
from training.selectors import feedback as selectors
from training.services import feedback as services

pytestmark = pytest.mark.django_db

KIND = "training.feedback_requested"


def asked(user):
    return Notification.objects.filter(recipient=user, kind=KIND).count()


@pytest.fixture
def ended(participant):
    """A course that ended yesterday, attended by `participant`; one more came to nothing."""
    course = make_ended_course()
    enrol(course, participant)
    attend(course, participant)
    absent = UserFactory()
    enrol(course, absent)
    attend(course, absent, present=False)
    course.absent = absent
    return course


def form_url(course):
    return reverse("training:feedback_form", args=[course.pk])


# --- asking -----------------------------------------------------------------------------------


def test_request_asks_attendees_only_and_once(ended, participant):
    enrolled_only = UserFactory()
    enrol(ended, enrolled_only)
    assert services.feedback_request(course_id=ended.pk) == 1
    assert services.feedback_request(course_id=ended.pk) == 0
    assert asked(participant) == 1
    assert asked(ended.absent) == 0
    assert asked(enrolled_only) == 0
    ended.refresh_from_db()
    assert ended.feedback_requested_at is not None
    note = Notification.objects.get(recipient=participant, kind=KIND)
    assert note.url == form_url(ended)


def test_request_leaves_courses_not_ended_or_asked_or_long_past(participant):
    upcoming = make_course(title="Futuro")
    attend(upcoming, participant)
    long_past = make_ended_course(title="Vecchio", days_ago=40)
    attend(long_past, participant)
    already = make_ended_course(title="Già chiesto")
    attend(already, participant)
    Course.objects.filter(pk=already.pk).update(feedback_requested_at=timezone.now())
    assert list(selectors.courses_awaiting_feedback()) == []
    for course in (upcoming, long_past, already):
        assert services.feedback_request(course_id=course.pk) == 0
    assert asked(participant) == 0


def test_beat_job_fans_out_one_task_per_course_and_runs_twice_sending_once(
    ended, participant, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    make_course(title="Non finito")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.request_feedback() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.request_feedback() == 0
    assert asked(participant) == 1


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_once(participant):
    course = make_ended_course()
    attend(course, participant)
    counts = []

    def job():
        counts.append(services.feedback_request(course_id=course.pk))

    assert run_at_once([job, job]) == ["ok", "ok"]
    assert sorted(counts) == [0, 1]
    assert asked(participant) == 1


def test_beat_row_exists():
    from django_celery_beat.models import PeriodicTask

    row = PeriodicTask.objects.get(task="training.request_feedback")
    assert row.enabled and row.interval.every == 1 and row.interval.period == "hours"


# --- giving ---------------------------------------------------------------------------------


def test_attendee_gives_feedback_then_edits_it(ended, participant, client):
    client.force_login(participant)
    assert client.get(form_url(ended)).status_code == 200
    response = client.post(form_url(ended), {"rating": "4", "comments": "Utile"})
    assert response.status_code == 302
    feedback = Feedback.objects.get(course=ended, user=participant)
    assert (feedback.rating, feedback.comments) == (4, "Utile")
    page = client.get(form_url(ended)).content.decode()
    assert "Utile" in page
    client.post(form_url(ended), {"rating": "2", "comments": "Ripensandoci"})
    assert Feedback.objects.filter(course=ended).count() == 1
    feedback.refresh_from_db()
    assert (feedback.rating, feedback.comments) == (2, "Ripensandoci")
    actions = {event.action for event in audit_events_for(feedback)}
    assert actions == {"training.feedback.given", "training.feedback.edited"}


@pytest.mark.parametrize(
    "data",
    [
        {"rating": "0"},
        {"rating": "6"},
        {"rating": "abc"},
        {"rating": ""},
        {},
        {"rating": "3", "comments": "x" * 5001},
    ],
)
def test_bad_input_is_a_form_error_and_writes_nothing(ended, participant, client, data):
    client.force_login(participant)
    response = client.post(form_url(ended), data)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("who", ["visitor", "absent", "stranger", "enrolled_not_present"])
def test_non_attendees_get_404_and_write_nothing(ended, client, who):
    if who == "absent":
        client.force_login(ended.absent)
    elif who == "stranger":
        client.force_login(UserFactory(member=True))
    elif who == "enrolled_not_present":
        person = UserFactory()
        enrol(ended, person)
        client.force_login(person)
    assert client.get(form_url(ended)).status_code == 404
    assert client.post(form_url(ended), {"rating": "5"}).status_code == 404
    assert client.get(reverse("training:feedback_form", args=[ended.pk + 999])).status_code == 404
    assert not Feedback.objects.exists()


def test_feedback_is_refused_before_the_end_and_after_the_window(participant, client):
    upcoming = make_course(title="Non ancora")
    attend(upcoming, participant, sessions=1)
    closed = make_ended_course(title="Chiuso", days_ago=31)
    attend(closed, participant)
    client.force_login(participant)
    for course in (upcoming, closed):
        response = client.post(form_url(course), {"rating": "5"})
        assert response.status_code == 400
        assert "closed" in response.content.decode() or "chiusa" in response.content.decode()
    assert not Feedback.objects.exists()


def test_service_checks_again(ended, participant):
    from coopportal.core.exceptions import DomainError

    with pytest.raises(DomainError):
        services.feedback_give(course=ended, by=ended.absent, rating=5)
    with pytest.raises(DomainError):
        services.feedback_give(course=ended, by=participant, rating=9)
    with pytest.raises(DomainError):
        services.feedback_give(course=ended, by=participant, rating=True)
    assert not Feedback.objects.exists()


# --- staff's figures --------------------------------------------------------------------------


def _grow_feedback(n, *, trainer):
    for index in range(n):
        course = make_ended_course(title=f"Corso {Course.objects.count()}", trainer=trainer)
        for rating in (index % 5 + 1, 5):
            person = UserFactory()
            attend(course, person)
            Feedback.objects.create(course=course, user=person, rating=rating)


def test_summary_shows_averages_counts_and_distribution(staff_client):
    trainer = make_trainer(name="Marco Verdi")
    course = make_ended_course(title="Statuto", trainer=trainer)
    for rating in (5, 4, 4):
        person = UserFactory()
        attend(course, person)
        Feedback.objects.create(course=course, user=person, rating=rating)
    response = staff_client.get(reverse("training:feedback_summary"))
    assert response.status_code == 200
    (row,) = response.context["courses"]
    assert row.feedback_count == 3
    assert round(row.average, 2) == 4.33
    assert row.distribution == [(1, 0), (2, 0), (3, 0), (4, 2), (5, 1)]
    (by_trainer,) = response.context["trainers"]
    assert by_trainer.name == "Marco Verdi" and by_trainer.feedback_count == 3
    assert response.context["overall"]["feedback_count"] == 3
    assert "Statuto" in response.content.decode()


def test_summary_is_staff_only(client, member_client, participant_client):
    for c in (client, member_client, participant_client):
        assert c.get(reverse("training:feedback_summary")).status_code == 404


def test_summary_query_count_is_flat(staff_client, assert_flat_queries):
    trainer = make_trainer()

    def fetch():
        assert staff_client.get(reverse("training:feedback_summary")).status_code == 200

    assert_flat_queries.check(fetch, lambda n: _grow_feedback(n, trainer=trainer))


def test_admin_is_read_only(superuser_client, ended, participant):
    Feedback.objects.create(course=ended, user=participant, rating=3, comments="Bene")
    model_admin = admin.site._registry[Feedback]
    assert not model_admin.has_add_permission(None)
    response = superuser_client.get(reverse("admin:training_feedback_changelist"))
    assert response.status_code == 200
    assert "3.0" in response.content.decode() or "3,0" in response.content.decode()


def test_feedback_form_query_count_is_flat(ended, participant, client, assert_flat_queries):
    client.force_login(participant)

    def grow(n):
        for _ in range(n):
            attend(make_ended_course(), participant)

    def fetch():
        assert client.get(form_url(ended)).status_code == 200

    assert connection.vendor == "postgresql"
    assert_flat_queries.check(fetch, grow)
