"""Staff's side of contact requests, blocks and reports (matching/admin/contacts.py): requests and
blocks are read only; reports are a queue, open first, resolved or dismissed with a note through
the REPORT workflow; other roles, and staff without the permissions, are kept out."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse

from coopportal.core.models import AuditEvent
from matching.models import Block, ContactRequest, Report
from matching.services import contacts as services
from tests.factories import UserFactory, enrol_totp, staff_user
from tests.matching.factories import profile_make

pytestmark = pytest.mark.django_db
REPORTS = reverse("admin:matching_report_changelist")
CONTACTS = reverse("admin:matching_contactrequest_changelist")
BLOCKS = reverse("admin:matching_block_changelist")


def contact_between(sender=None, recipient=None, message="Ciao, collaboriamo?"):
    sender = sender or profile_make()
    recipient = recipient or profile_make()
    return services.contact_send(sender=sender.user, recipient_profile=recipient, message=message)


def profile_report(reason="Profilo falso"):
    return services.report_make(by=profile_make().user, profile=profile_make(), reason=reason)


def message_report(reason="Spam"):
    contact = contact_between(message="Compra i nostri prodotti!!!")
    return services.report_make(by=contact.recipient, contact=contact, reason=reason)


def test_contact_requests_and_blocks_are_read_only(staff_client):
    contact = contact_between()
    block = services.block_person(by=profile_make().user, profile=profile_make())
    for changelist, obj, model in ((CONTACTS, contact, "contactrequest"), (BLOCKS, block, "block")):
        page = staff_client.get(changelist, {"q": obj.pk and ""})
        assert page.status_code == 200
        assert "delete_selected" not in page.content.decode()
        assert staff_client.get(reverse(f"admin:matching_{model}_add")).status_code == 403
        change = reverse(f"admin:matching_{model}_change", args=[obj.pk])
        view = staff_client.get(change)
        assert view.status_code == 200 and 'name="_save"' not in view.content.decode()
        assert staff_client.post(change, {"status": "accepted"}).status_code == 403
        delete = reverse(f"admin:matching_{model}_delete", args=[obj.pk])
        assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    contact.refresh_from_db()
    assert contact.status == ContactRequest.Status.PENDING and Block.objects.count() == 1


def test_contact_requests_search_and_filter(staff_client):
    wanted = contact_between(message="Cerchiamo un partner per il bando cultura")
    contact_between(message="Altro")
    found = staff_client.get(CONTACTS, {"q": "cultura"}).context["cl"].result_list
    assert list(found) == [wanted]
    pending = staff_client.get(CONTACTS, {"status__exact": "pending"}).context["cl"].result_count
    assert pending == 2


def test_the_queue_lists_open_reports_first_and_shows_the_message(staff_client):
    handled = profile_report()
    services.report_dismiss(report=handled, by=staff_user(), note="Nulla")
    first_open = message_report()
    second_open = profile_report()
    rows = list(staff_client.get(REPORTS).context["cl"].result_list)
    assert rows == [first_open, second_open, handled]
    page = staff_client.get(reverse("admin:matching_report_change", args=[first_open.pk]))
    assert "Compra i nostri prodotti!!!" in page.content.decode()
    only_open = staff_client.get(REPORTS, {"status__exact": "open"}).context["cl"].result_list
    assert set(only_open) == {first_open, second_open}


@pytest.mark.parametrize(("action", "status"), [("resolve", "resolved"), ("dismiss", "dismissed")])
def test_staff_handle_reports_with_a_note(staff_client, staff, action, status):
    report = profile_report()
    data = {"action": action, ACTION_CHECKBOX_NAME: [report.pk]}
    asked = staff_client.post(REPORTS, data)
    assert asked.status_code == 200 and 'name="reason"' in asked.content.decode()
    staff_client.post(REPORTS, {**data, "apply": "1", "reason": "  "})  # a note is required
    report.refresh_from_db()
    assert report.status == Report.Status.OPEN
    response = staff_client.post(REPORTS, {**data, "apply": "1", "reason": "Profilo rimosso"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == status and report.handled_by == staff
    assert report.resolution == "Profilo rimosso" and report.handled_at is not None
    assert AuditEvent.objects.filter(action=f"matching.report.{status}", actor=staff).exists()
    # handled once: the second time says so and changes nothing
    staff_client.post(REPORTS, {**data, "action": "dismiss", "apply": "1", "reason": "Ancora"})
    report.refresh_from_db()
    assert report.status == status and report.resolution == "Profilo rimosso"


@pytest.mark.parametrize("make", [profile_report, message_report])
def test_staff_hide_the_reported_profile_from_the_queue(staff_client, staff, make):
    from coopportal.notifications.models import Notification
    from matching.models import Profile
    from matching.selectors.profiles import profiles_listed

    report = make()
    hidden = report.profile or Profile.objects.get(user=report.contact_request.sender)
    data = {"action": "hide_profile", ACTION_CHECKBOX_NAME: [report.pk]}
    staff_client.post(REPORTS, {**data, "apply": "1", "reason": ""})  # a reason is required
    assert profiles_listed().filter(pk=hidden.pk).exists()
    response = staff_client.post(REPORTS, {**data, "apply": "1", "reason": "Contenuti ingannevoli"})
    assert response.status_code == 302
    report.refresh_from_db()
    hidden.refresh_from_db()
    assert report.status == Report.Status.RESOLVED and report.resolution == "Contenuti ingannevoli"
    assert hidden.hidden_reason == "Contenuti ingannevoli" and hidden.hidden_by == staff
    assert not profiles_listed().filter(pk=hidden.pk).exists()
    assert Notification.objects.filter(
        recipient=hidden.user, kind="matching.profile_hidden"
    ).exists()


def test_reports_are_never_added_or_deleted_and_their_fields_never_edited(staff_client):
    report = profile_report()
    assert staff_client.get(reverse("admin:matching_report_add")).status_code == 403
    delete = reverse("admin:matching_report_delete", args=[report.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:matching_report_change", args=[report.pk])
    staff_client.post(change, {"status": "resolved", "reason": "cambiato"})
    report.refresh_from_db()
    assert report.status == Report.Status.OPEN and report.reason == "Profilo falso"


@pytest.mark.parametrize("client_name", ["client", "participant_client", "member_client"])
def test_other_roles_get_the_admin_login(request, client_name):
    client = request.getfixturevalue(client_name)
    report = profile_report()
    change = reverse("admin:matching_report_change", args=[report.pk])
    for url in (REPORTS, CONTACTS, BLOCKS, change):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_staff_without_the_permissions_are_refused():
    person = UserFactory(staff=True)  # staff, but not in the Staff group
    enrol_totp(person)
    client = Client()
    client.force_login(person)
    report = profile_report()
    for url in (REPORTS, CONTACTS, BLOCKS):
        assert client.get(url).status_code == 403, url
    data = {"action": "dismiss", ACTION_CHECKBOX_NAME: [report.pk], "apply": "1", "reason": "x"}
    assert client.post(REPORTS, data).status_code == 403
    report.refresh_from_db()
    assert report.status == Report.Status.OPEN


def test_the_lists_make_flat_queries(staff_client, assert_flat_queries):
    def grow(n):
        for index in range(n):
            if index % 2:
                message_report()
            else:
                profile_report()
            services.block_person(by=profile_make().user, profile=profile_make())

    def fetch():
        for url in (REPORTS, CONTACTS, BLOCKS):
            assert staff_client.get(url).status_code == 200

    assert_flat_queries.check(fetch, grow, few=2, many=6)
