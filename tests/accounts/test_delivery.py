import pytest

from coopportal.accounts import services
from tests.factories import MembershipRequestFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_membership_decision_reaches_the_person_through_a_real_worker(celery_worker, smtp_sink):
    person = UserFactory(language="en", email="anna@example.org")
    request = MembershipRequestFactory(user=person)
    services.membership_request_approve(membership_request=request, by=staff_user())

    messages = smtp_sink.wait_for(1)
    assert len(messages) == 1, "".join(celery_worker.log)
    assert messages[0]["To"] == "anna@example.org"
    assert messages[0]["Subject"] == "[Coop Portal] Your membership has been verified"
    assert request.membership_number in messages[0].get_body(("plain",)).get_content()
