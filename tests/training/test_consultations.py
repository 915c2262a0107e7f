"""Consultation requests: a member asks, sees their requests and cancels; staff assign a
consultant in the admin (they and the member are told), the consultant or staff agree the slot,
close with notes the member never sees, or decline with a reason. Others get a 404 or a refusal."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from coopportal.core.exceptions import DomainError
from coopportal.notifications.models import Notification
from tests.factories import UserFactory, staff_user
from tests.helpers.html import form_values
from tests.training.factories_requests import AreaFactory, ConsultationFactory, TrainerFactory
from training.models import ConsultationRequest
from training.models import ConsultationStatus as Status
from training.services import requests as services

pytestmark = pytest.mark.django_db
LIST = reverse("training:consultation_list")
NEW = reverse("training:consultation_create")
CHANGELIST = reverse("admin:training_consultationrequest_changelist")
DATA = {"topic": "Statuto", "description": "Dobbiamo cambiare lo statuto.", "preferred_times": ""}


def detail(consultation):
    return reverse("training:consultation_detail", args=[consultation.pk])


def change(consultation):
    return reverse("admin:training_consultationrequest_change", args=[consultation.pk])


def soon(days=3):
    return timezone.now() + timedelta(days=days)


def test_visitors_are_sent_to_login_and_non_members_refused(client, participant_client):
    consultation = ConsultationFactory()
    for url in (LIST, NEW, detail(consultation)):
        response = client.get(url)
        assert response.status_code == 302 and reverse("account_login") in response.url
    assert participant_client.get(LIST).status_code == 403
    assert participant_client.post(NEW, DATA).status_code == 403
    assert ConsultationRequest.objects.count() == 1


def test_a_participant_is_refused_by_the_service_too(participant):
    with pytest.raises(DomainError) as refused:
        services.consultation_request(by=participant, **DATA)
    assert refused.value.code == "forbidden"


def test_a_member_asks_and_staff_are_told(member_client, member):
    other_staff = staff_user()
    area = AreaFactory()
    response = member_client.post(NEW, {**DATA, "area": area.pk, "preferred_times": "Mattina"})
    consultation = ConsultationRequest.objects.get()
    assert response.status_code == 302 and response.url == detail(consultation)
    assert (consultation.member, consultation.area, consultation.status) == (
        member,
        area,
        Status.REQUESTED,
    )
    told = Notification.objects.get(kind="training.consultation_requested")
    assert told.recipient == other_staff
    assert told.context == {"person": member.display_name, "topic": "Statuto"}
    assert "Statuto" in member_client.get(LIST).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {**DATA, "topic": ""},
        {**DATA, "description": "   "},
        {**DATA, "topic": "x" * 201},
        {**DATA, "description": "x" * 5001},
        {**DATA, "preferred_times": "x" * 301},
        {**DATA, "area": "999999"},
    ],
)
def test_bad_input_is_refused_with_a_400(member_client, data):
    assert member_client.post(NEW, data).status_code == 400
    assert not ConsultationRequest.objects.exists()


def test_another_members_consultation_is_a_404(member_client):
    consultation = ConsultationFactory()
    assert member_client.get(detail(consultation)).status_code == 404
    cancel = reverse("training:consultation_cancel", args=[consultation.pk])
    assert member_client.post(cancel).status_code == 404
    assert (
        member_client.get(reverse("training:consultation_detail", args=[999999])).status_code == 404
    )
    consultation.refresh_from_db()
    assert consultation.status == Status.REQUESTED
    assert consultation.topic not in member_client.get(LIST).content.decode()


def test_staff_open_it_in_the_admin_not_on_the_members_page(staff_client):
    consultation = ConsultationFactory()
    assert staff_client.get(detail(consultation)).status_code == 404
    assert staff_client.get(change(consultation)).status_code == 200


def test_the_member_cancels(member_client, member):
    consultation = ConsultationFactory(member=member)
    cancel = reverse("training:consultation_cancel", args=[consultation.pk])
    assert cancel in member_client.get(detail(consultation)).content.decode()
    assert member_client.get(cancel).status_code == 405
    member_client.post(cancel)
    consultation.refresh_from_db()
    assert consultation.status == Status.CANCELLED
    response = member_client.post(cancel, follow=True)  # again: a message, nothing changes
    assert list(response.context["messages"])
    assert cancel not in response.content.decode()


def test_staff_assign_a_consultant_in_the_admin_and_both_are_told(
    staff_client, member_client, member
):
    consultation = ConsultationFactory(member=member, topic="Bilancio")
    consultant = staff_user(first_name="Carla", last_name="Consulente")
    page = staff_client.get(change(consultation))
    data = form_values(page.content.decode())
    response = staff_client.post(change(consultation), {**data, "new_consultant": consultant.pk})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert (consultation.status, consultation.consultant) == (Status.ASSIGNED, consultant)
    assigned = Notification.objects.get(kind="training.consultation_assigned")
    assert assigned.recipient == consultant
    assert assigned.context == {"topic": "Bilancio", "person": member.display_name}
    status = Notification.objects.get(kind="training.consultation_status")
    assert status.recipient == member and set(status.context) == {"topic", "status", "details"}
    assert "Carla Consulente" in member_client.get(detail(consultation)).content.decode()
    assert "Carla Consulente" in member_client.get(LIST).content.decode()


def test_a_trainer_with_an_account_can_be_the_consultant_others_not(staff):
    trainer = TrainerFactory()
    first = ConsultationFactory()
    services.consultation_assign(consultation=first, by=staff, consultant=trainer.user)
    second = ConsultationFactory()
    for nobody in (UserFactory(member=True), second.member):
        with pytest.raises(DomainError) as refused:
            services.consultation_assign(consultation=second, by=staff, consultant=nobody)
        assert refused.value.code == "consultant"
    second.refresh_from_db()
    assert second.status == Status.REQUESTED and second.consultant is None


def test_the_admin_refuses_a_consultant_who_is_not_one(staff_client):
    consultation = ConsultationFactory()
    member = UserFactory(member=True)
    data = form_values(staff_client.get(change(consultation)).content.decode())
    staff_client.post(change(consultation), {**data, "new_consultant": member.pk})
    consultation.refresh_from_db()
    assert consultation.status == Status.REQUESTED and consultation.consultant is None


def test_only_staff_assign(member):
    consultation = ConsultationFactory(member=member)
    with pytest.raises(DomainError):
        services.consultation_assign(consultation=consultation, by=member, consultant=staff_user())
    consultation.refresh_from_db()
    assert consultation.status == Status.REQUESTED


def test_the_consultant_agrees_the_slot_and_closes_with_notes_the_member_never_sees(
    client, member_client, member
):
    consultation = ConsultationFactory(member=member, assigned=True)
    client.force_login(consultation.consultant)
    page = client.get(detail(consultation))
    assert page.status_code == 200 and member.email in page.content.decode()
    # in the past: refused, nothing written
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(detail(consultation), {"schedule": "1", "slot_at": past})
    assert response.status_code == 400
    consultation.refresh_from_db()
    assert consultation.status == Status.ASSIGNED and consultation.slot_at is None
    when = timezone.localtime(soon()).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        detail(consultation), {"schedule": "1", "slot_at": when, "slot_place": "Sala 2"}
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == Status.SCHEDULED and consultation.slot_place == "Sala 2"
    member_page = member_client.get(detail(consultation)).content.decode()
    assert "Sala 2" in member_page
    client.post(detail(consultation), {"close": "1", "notes": "Appunti riservati dello staff"})
    consultation.refresh_from_db()
    assert consultation.status == Status.CLOSED
    assert consultation.closing_notes == "Appunti riservati dello staff"
    assert "Appunti riservati" not in member_client.get(detail(consultation)).content.decode()
    assert "Appunti riservati" not in member_client.get(LIST).content.decode()
    kinds = Notification.objects.filter(recipient=member, kind="training.consultation_status")
    assert kinds.count() == 2  # the slot, then closed (the factory assigned without a notice)


def test_the_member_cannot_schedule_or_close_their_own(member_client, member):
    consultation = ConsultationFactory(member=member, assigned=True)
    when = timezone.localtime(soon()).strftime("%Y-%m-%dT%H:%M")
    member_client.post(detail(consultation), {"schedule": "1", "slot_at": when})
    member_client.post(detail(consultation), {"close": "1", "notes": "x"})
    consultation.refresh_from_db()
    assert consultation.status == Status.ASSIGNED and consultation.slot_at is None


def test_staff_schedule_in_the_admin_then_close_and_decline_with_actions(staff_client, member):
    consultation = ConsultationFactory(member=member, assigned=True)
    data = form_values(staff_client.get(change(consultation)).content.decode())
    when = timezone.localtime(soon()).strftime("%Y-%m-%dT%H:%M")
    staff_client.post(
        change(consultation), {**data, "new_slot_at": when, "new_slot_place": "Online"}
    )
    consultation.refresh_from_db()
    assert consultation.status == Status.SCHEDULED and consultation.slot_place == "Online"
    base = {ACTION_CHECKBOX_NAME: [consultation.pk], "apply": "1"}
    staff_client.post(CHANGELIST, {**base, "action": "close", "reason": "Fatto"})
    consultation.refresh_from_db()
    assert consultation.status == Status.CLOSED and consultation.closing_notes == "Fatto"
    other = ConsultationFactory(member=member)
    base = {ACTION_CHECKBOX_NAME: [other.pk], "apply": "1", "action": "decline"}
    assert staff_client.post(CHANGELIST, {**base, "reason": ""}).status_code == 200  # required
    other.refresh_from_db()
    assert other.status == Status.REQUESTED
    staff_client.post(CHANGELIST, {**base, "reason": "Non è un tema per noi"})
    other.refresh_from_db()
    assert (other.status, other.reason) == (Status.DECLINED, "Non è un tema per noi")
    assert Notification.objects.filter(
        kind="training.consultation_status",
        recipient=member,
        context__details="Non è un tema per noi",
    ).exists()


def test_the_queue_is_oldest_first_and_nothing_is_added_or_deleted(staff_client):
    old, new = ConsultationFactory(), ConsultationFactory()
    page = staff_client.get(CHANGELIST, {"status__exact": Status.REQUESTED})
    assert list(page.context["cl"].result_list) == [old, new]
    assert staff_client.get(reverse("admin:training_consultationrequest_add")).status_code == 403
    delete = reverse("admin:training_consultationrequest_delete", args=[old.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    assert ConsultationRequest.objects.count() == 2


def test_my_consultations_query_count_does_not_grow(member_client, member, assert_flat_queries):
    def grow(n):
        for _ in range(n):
            ConsultationFactory(member=member, assigned=True, area=AreaFactory())

    assert_flat_queries.check(lambda: member_client.get(LIST), grow)
