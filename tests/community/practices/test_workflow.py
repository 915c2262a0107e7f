"""The good practice's workflow, through the services: draft → submitted → published, or
returned for changes (then submitted again) or rejected with a reason; every move refused to
the wrong person or from the wrong status writes nothing; the proposer and staff are told; each
move is an audit event with who, from, to and why."""

import pytest
from django.urls import reverse
from django.utils import translation

from community.practices import services
from community.practices.exceptions import PracticeError
from community.practices.models import Practice
from community.practices.workflows import PRACTICE
from coopportal.core.models import AuditEvent
from coopportal.notifications.models import Notification
from tests.factories import UserFactory, staff_user

from .factories import PracticeFactory

pytestmark = pytest.mark.django_db
S = Practice.Status


def _notified(kind, user):
    return Notification.objects.filter(kind=kind, recipient=user).count()


def test_practice_submit_moves_a_draft_and_tells_staff():
    practice = PracticeFactory()
    staff = staff_user()
    done = services.practice_submit(practice=practice, by=practice.proposer)
    assert done.status == S.SUBMITTED and done.submitted_at is not None
    assert _notified("community.practice_submitted", staff) == 1
    event = AuditEvent.objects.get(action="community.practice.submitted")
    assert event.actor == practice.proposer and event.data["from"] == S.DRAFT


def test_practice_submit_refused_to_another_member_and_writes_nothing():
    practice = PracticeFactory()
    with pytest.raises(PracticeError) as refused:
        services.practice_submit(practice=practice, by=UserFactory(member=True))
    assert refused.value.code == "forbidden"
    practice.refresh_from_db()
    assert practice.status == S.DRAFT
    assert not AuditEvent.objects.filter(action__startswith="community.practice").exists()


def test_practice_submit_refused_to_a_proposer_no_longer_member():
    practice = PracticeFactory(proposer=UserFactory())  # a participant (membership revoked)
    with pytest.raises(PracticeError):
        services.practice_submit(practice=practice, by=practice.proposer)


@pytest.mark.parametrize("to", [S.PUBLISHED, S.CHANGES_REQUESTED, S.REJECTED])
def test_practice_decide_by_staff_tells_the_proposer(to):
    practice = PracticeFactory(submitted=True)
    staff = staff_user()
    done = services.practice_decide(practice=practice, by=staff, to=to, reason="Motivo chiaro")
    assert done.status == to
    assert done.decided_by == staff and done.decision_reason == "Motivo chiaro"
    assert (done.published_at is not None) == (to == S.PUBLISHED)
    note = Notification.objects.get(kind="community.practice_decided", recipient=practice.proposer)
    assert "Motivo chiaro" in note.context["reason"]
    assert note.context["title"] == practice.title
    event = AuditEvent.objects.get(action=f"community.practice.{to}")
    assert event.actor == staff and event.data["reason"] == "Motivo chiaro"


@pytest.mark.parametrize("to", [S.CHANGES_REQUESTED, S.REJECTED])
def test_practice_decide_without_reason_is_refused(to):
    practice = PracticeFactory(submitted=True)
    with pytest.raises(PracticeError) as refused:
        services.practice_decide(practice=practice, by=staff_user(), to=to, reason="   ")
    assert refused.value.code == "reason"
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED
    assert not Notification.objects.filter(kind="community.practice_decided").exists()


def test_practice_publish_needs_no_reason():
    practice = PracticeFactory(submitted=True)
    assert services.practice_publish(practice=practice, by=staff_user()).is_published


@pytest.mark.parametrize("who", ["proposer", "member", "staff_without_permission"])
def test_practice_decide_refused_to_non_staff(who):
    practice = PracticeFactory(submitted=True)
    by = {
        "proposer": practice.proposer,
        "member": UserFactory(member=True),
        "staff_without_permission": UserFactory(is_staff=True),
    }[who]
    with pytest.raises(PracticeError):
        services.practice_publish(practice=practice, by=by)
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED


@pytest.mark.parametrize(
    "trait,to",
    [
        ("draft", S.PUBLISHED),
        ("published", S.REJECTED),
        ("rejected", S.PUBLISHED),
        ("returned", S.PUBLISHED),
        ("published", S.CHANGES_REQUESTED),
    ],
)
def test_practice_decide_refused_from_the_wrong_status(trait, to):
    practice = PracticeFactory(**({} if trait == "draft" else {trait: True}))
    before = practice.status
    with pytest.raises(PracticeError) as refused:
        services.practice_decide(practice=practice, by=staff_user(), to=to, reason="Motivo")
    assert refused.value.code == "illegal_transition"
    practice.refresh_from_db()
    assert practice.status == before


def test_practice_returned_is_edited_and_submitted_again():
    practice = PracticeFactory(returned=True)
    data = {f: getattr(practice, f) for f in services.REQUIRED}
    data["results"] = "Quaranta posti di lavoro e due nuovi clienti."
    services.practice_update(practice=practice, by=practice.proposer, **data)
    done = services.practice_submit(practice=practice, by=practice.proposer)
    assert done.status == S.SUBMITTED and "nuovi clienti" in done.results


def test_practice_decide_refuses_an_unknown_decision():
    practice = PracticeFactory(submitted=True)
    with pytest.raises(PracticeError):
        services.practice_decide(practice=practice, by=staff_user(), to=S.SUBMITTED)


def test_workflow_table_and_buttons():
    practice = PracticeFactory(submitted=True)
    staff = staff_user()
    assert [m.to for m in PRACTICE.available(staff, practice)] == [
        S.PUBLISHED,
        S.CHANGES_REQUESTED,
        S.REJECTED,
    ]
    assert PRACTICE.available(practice.proposer, practice) == []
    draft = PracticeFactory()
    assert [m.to for m in PRACTICE.available(draft.proposer, draft)] == [S.SUBMITTED]


def test_portal_decision_page_publishes_and_refuses_without_reason(client):
    practice = PracticeFactory(submitted=True)
    staff = staff_user()
    client.force_login(staff)
    url = reverse("community:practice_decide", args=[practice.pk])
    response = client.post(url, {"to": S.REJECTED, "reason": ""}, follow=True)
    with translation.override("it"):
        expected = str(PRACTICE.messages["reason_required"])
    assert expected in [str(m) for m in response.context["messages"]]
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED
    client.post(url, {"to": S.PUBLISHED, "reason": ""})
    practice.refresh_from_db()
    assert practice.status == S.PUBLISHED


def test_portal_decision_with_an_unknown_decision_is_a_400(client):
    practice = PracticeFactory(submitted=True)
    client.force_login(staff_user())
    url = reverse("community:practice_decide", args=[practice.pk])
    assert client.post(url, {"to": "forwarded"}).status_code == 400
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED
