"""Applications to teach: anyone with an account applies (one open at a time), sees the status
and withdraws; staff start the review, accept (the person becomes a trainer) or do not accept
with a reason in the admin; staff are told of new applications, the applicant of each answer."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from coopportal.core.exceptions import DomainError
from coopportal.notifications.models import Notification
from tests.factories import UserFactory, staff_user
from tests.training.factories_requests import (
    AreaFactory,
    TrainerApplicationFactory,
    TrainerFactory,
)
from training.models import Trainer, TrainerApplication
from training.models import TrainerApplicationStatus as Status
from training.services import requests as services

pytestmark = pytest.mark.django_db
PAGE = reverse("training:trainer_application")
CHANGELIST = reverse("admin:training_trainerapplication_changelist")
DATA = {"topics": "Cooperative di comunità", "experience": "Ho fondato due cooperative."}


def italian(msgid):
    with translation.override("it"):
        return gettext(msgid)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_a_visitor_is_sent_to_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and reverse("account_login") in response.url
    assert client.post(PAGE, DATA).status_code == 302
    assert not TrainerApplication.objects.exists()


def test_anyone_with_an_account_applies_and_staff_are_told(participant_client, participant):
    other_staff = staff_user()
    area = AreaFactory()
    response = participant_client.post(PAGE, {**DATA, "areas": [area.pk], "bio": "Sociologa"})
    assert response.status_code == 302
    application = TrainerApplication.objects.get()
    assert (application.user, application.status) == (participant, Status.SUBMITTED)
    assert list(application.areas.all()) == [area]
    told = Notification.objects.filter(kind="training.trainer_application_submitted")
    assert list(told.values_list("recipient", flat=True)) == [other_staff.pk]
    assert told.get().context == {
        "person": participant.display_name,
        "topics": "Cooperative di comunità",
    }
    page = participant_client.get(PAGE).content.decode()
    assert application.get_status_display() in page or "Inviata" in page
    assert 'name="topics"' not in page  # no second form while one is open


@pytest.mark.parametrize(
    "data",
    [
        {"topics": "", "experience": "x"},
        {"topics": "x", "experience": ""},
        {"topics": "x" * 3001, "experience": "x"},
        {"topics": "x", "experience": "x" * 5001},
        {**DATA, "bio": "x" * 3001},
        {**DATA, "areas": ["999999"]},
    ],
)
def test_bad_input_is_refused_with_a_400(member_client, data):
    assert member_client.post(PAGE, data).status_code == 400
    assert not TrainerApplication.objects.exists()


def test_one_open_application_at_a_time_is_a_clear_message(member_client, member):
    services.trainer_application_submit(by=member, **DATA)
    with pytest.raises(DomainError) as refused:
        services.trainer_application_submit(by=member, **DATA)
    assert refused.value.code == "already_open"
    response = member_client.post(PAGE, DATA, follow=True)
    assert italian(str(services.ALREADY_OPEN)) in messages_of(response)
    assert TrainerApplication.objects.count() == 1


def test_the_applicant_withdraws_and_may_apply_again(member_client, member):
    application = services.trainer_application_submit(by=member, **DATA)
    url = reverse("training:trainer_application_withdraw", args=[application.pk])
    assert url in member_client.get(PAGE).content.decode()
    assert member_client.post(url).status_code == 302
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    # withdrawn: no second withdrawal, a message and nothing written
    response = member_client.post(url, follow=True)
    assert messages_of(response)
    assert member_client.post(PAGE, DATA).status_code == 302
    assert TrainerApplication.objects.count() == 2


def test_another_persons_application_is_a_404(member_client):
    application = TrainerApplicationFactory()
    url = reverse("training:trainer_application_withdraw", args=[application.pk])
    assert member_client.post(url).status_code == 404
    assert (
        member_client.post(
            reverse("training:trainer_application_withdraw", args=[9999])
        ).status_code
        == 404
    )
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_staff_review_and_accept_and_the_person_becomes_a_trainer(staff_client):
    person = UserFactory(first_name="Lia", last_name="Verdi")
    application = services.trainer_application_submit(by=person, bio="Formatrice", **DATA)
    data = {ACTION_CHECKBOX_NAME: [application.pk], "apply": "1", "reason": ""}
    staff_client.post(CHANGELIST, {**data, "action": "start_review"})
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    staff_client.post(CHANGELIST, {**data, "action": "accept"})
    application.refresh_from_db()
    trainer = Trainer.objects.get(user=person)
    assert application.status == Status.ACCEPTED and application.trainer == trainer
    assert (trainer.name, trainer.bio) == ("Lia Verdi", "Formatrice")
    told = Notification.objects.filter(kind="training.trainer_application_status", recipient=person)
    assert told.count() == 2
    assert set(told.first().context) == {"status", "reason"}


def test_accepting_links_the_trainer_the_person_already_has(staff):
    trainer = TrainerFactory(bio="")
    application = services.trainer_application_submit(by=trainer.user, bio="Nuova bio", **DATA)
    services.trainer_application_move(application=application, by=staff, to=Status.ACCEPTED)
    trainer.refresh_from_db()
    assert Trainer.objects.count() == 1 and trainer.bio == "Nuova bio"
    application.refresh_from_db()
    assert application.trainer == trainer


def test_staff_do_not_accept_with_the_reason_the_applicant_reads(
    staff_client, member_client, member
):
    application = services.trainer_application_submit(by=member, **DATA)
    data = {"action": "reject", ACTION_CHECKBOX_NAME: [application.pk], "apply": "1"}
    assert staff_client.post(CHANGELIST, {**data, "reason": ""}).status_code == 200  # required
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    staff_client.post(CHANGELIST, {**data, "reason": "Cerchiamo altri temi"})
    application.refresh_from_db()
    assert (application.status, application.decision_reason) == (
        Status.REJECTED,
        "Cerchiamo altri temi",
    )
    assert Notification.objects.filter(
        kind="training.trainer_application_status",
        recipient=member,
        context__reason="Cerchiamo altri temi",
    ).exists()
    assert not Trainer.objects.exists()
    assert "Cerchiamo altri temi" in member_client.get(PAGE).content.decode()


def test_the_applicant_cannot_decide_nor_staff_withdraw(member, staff):
    application = services.trainer_application_submit(by=member, **DATA)
    with pytest.raises(DomainError):
        services.trainer_application_move(application=application, by=member, to=Status.ACCEPTED)
    with pytest.raises(DomainError):
        services.trainer_application_withdraw(application=application, by=staff)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_the_queue_is_oldest_first_read_only_and_undeletable(staff_client):
    old, new = TrainerApplicationFactory(), TrainerApplicationFactory()
    page = staff_client.get(CHANGELIST, {"status__exact": Status.SUBMITTED})
    assert list(page.context["cl"].result_list) == [old, new]
    change = staff_client.get(reverse("admin:training_trainerapplication_change", args=[old.pk]))
    assert change.status_code == 200 and 'name="topics"' not in change.content.decode()
    assert staff_client.get(reverse("admin:training_trainerapplication_add")).status_code == 403
    delete = reverse("admin:training_trainerapplication_delete", args=[old.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    assert TrainerApplication.objects.count() == 2


def test_my_applications_query_count_does_not_grow(member_client, member, assert_flat_queries):
    def grow(n):
        for _ in range(n):
            TrainerApplicationFactory(user=member, rejected=True).areas.set([AreaFactory()])

    assert_flat_queries.check(lambda: member_client.get(PAGE), grow)
