"""Contact requests between members (matching/services/contacts.py and its pages): a short message,
accepted or declined by the recipient, withdrawn by the sender, expired after 30 days; contact
details shown to both only after acceptance and only the fields each allowed; a daily limit that
holds on real parallel connections; blocks and reports; hostile input never writes or fails."""

import time
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_celery_beat.models import PeriodicTask

from coopportal.celery import app
from coopportal.core.models import AuditEvent
from coopportal.notifications.models import Notification
from matching import tasks
from matching.exceptions import MatchingError
from matching.models import Block, ContactRequest, Report
from matching.selectors.contacts import contact_state
from matching.selectors.profiles import contact_fields
from matching.services import contacts as services
from tests.calls.factories import FundingCallFactory
from tests.factories import UserFactory, staff_user
from tests.helpers.parallel import run_at_once
from tests.matching.factories import profile_make

pytestmark = pytest.mark.django_db
User = get_user_model()
Status = ContactRequest.Status
LIST = reverse("matching:contact_list")


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def shown(response, text):
    """`text` as the response's language shows it."""
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        return gettext(str(text))


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def counts():
    """Rows of every matching table, the audit trail and the notifications."""
    models = apps.get_app_config("matching").get_models()
    tables = {model._meta.label: model.objects.count() for model in models}
    return {**tables, "audit": AuditEvent.objects.count(), "notes": Notification.objects.count()}


@pytest.fixture
def alice():
    """The sender: phone for her contacts, address for nobody, e-mail for all members."""
    return profile_make(
        presentation="Cooperativa di grafici",
        contact_email="alice@grafici.coop",
        contact_email_visibility="members",
        contact_phone="+39 02 1111",
        contact_phone_visibility="connections",
        contact_address="Via Segreta 1",
        contact_address_visibility="nobody",
    )


@pytest.fixture
def bob():
    """The recipient: e-mail for his contacts, phone for nobody."""
    return profile_make(
        presentation="Cooperativa agricola",
        contact_email="bob@campi.coop",
        contact_email_visibility="connections",
        contact_phone="+39 333 2222",
        contact_phone_visibility="nobody",
    )


def send(alice, bob, message="Buongiorno, cerchiamo partner per un bando."):
    return services.contact_send(sender=alice.user, recipient_profile=bob, message=message)


def page(user, tab):
    return client_for(user).get(LIST, {"tab": tab}).content.decode()


# --- the round trip, through the pages -----------------------------------------------------------


def test_send_form_shows_the_name_and_a_message_box(alice, bob):
    response = client_for(alice.user).get(reverse("matching:contact_send", args=[bob.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert bob.display_name in html and "<textarea" in html and 'name="message"' in html


def test_once_sent_the_form_gives_way_to_the_contact_box(alice, bob):
    send(alice, bob)
    response = client_for(alice.user).get(reverse("matching:contact_send", args=[bob.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and "<textarea" not in html
    assert reverse("matching:block", args=[bob.pk]) in html
    assert reverse("matching:report_profile", args=[bob.pk]) in html


def test_send_then_accept_shows_the_allowed_fields_to_both(
    alice, bob, django_capture_on_commit_callbacks
):
    url = reverse("matching:contact_send", args=[bob.pk])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(alice.user).post(url, {"message": "Ciao, collaboriamo?"})
    assert callbacks  # the e-mail leaves only after the commit
    assert response.status_code == 302 and response["Location"] == bob.get_absolute_url()
    contact = ContactRequest.objects.get()
    assert (contact.sender, contact.recipient, contact.status) == (alice.user, bob.user, "pending")
    lifetime = contact.expires_at - contact.created_at
    assert abs(lifetime - timedelta(days=30)) < timedelta(seconds=5)
    told = Notification.objects.filter(recipient=bob.user, kind="matching.contact_received")
    assert told.exists()

    # before acceptance: nobody sees what is kept for contacts
    assert "bob@campi.coop" not in page(alice.user, "sent")
    assert "+39 02 1111" not in page(bob.user, "received")
    received = page(bob.user, "received")
    assert "Ciao, collaboriamo?" in received
    assert reverse("matching:contact_move", args=[contact.pk, "accepted"]) in received
    assert [f.name for f in contact_fields(alice.user, bob, connected=False)] == []
    assert not contact_state(alice.user, bob).connected
    assert contact_state(alice.user, bob).pending_sent == contact

    response = client_for(bob.user).post(
        reverse("matching:contact_move", args=[contact.pk, "accepted"])
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.status == Status.ACCEPTED and contact.answered_at is not None
    assert Notification.objects.filter(
        recipient=alice.user, kind="matching.contact_answered"
    ).exists()

    # after acceptance, each sees the other's fields for contacts and members, never "nobody"
    alice_page, bob_page = page(alice.user, "contacts"), page(bob.user, "contacts")
    assert "bob@campi.coop" in alice_page and "+39 333 2222" not in alice_page
    assert "+39 02 1111" in bob_page and "alice@grafici.coop" in bob_page
    assert "Via Segreta 1" not in bob_page
    assert bob.get_absolute_url() in alice_page and alice.get_absolute_url() in bob_page
    assert [f.value for f in contact_state(alice.user, bob).fields] == ["bob@campi.coop"]
    assert {f.value for f in contact_state(bob.user, alice).fields} == {
        "alice@grafici.coop",
        "+39 02 1111",
    }
    # a third member sees only what is open to all members
    other = UserFactory(member=True)
    assert [f.value for f in contact_state(other, alice).fields] == ["alice@grafici.coop"]
    assert contact_state(other, bob).fields == []


def test_decline_asks_first_then_tells_the_sender(alice, bob):
    contact = send(alice, bob)
    url = reverse("matching:contact_move", args=[contact.pk, "declined"])
    recipient = client_for(bob.user)
    confirm = recipient.get(url)
    assert confirm.status_code == 200 and 'name="confirm"' in confirm.content.decode()
    recipient.post(url)  # no confirmation: nothing happens
    assert ContactRequest.objects.get().status == Status.PENDING
    response = recipient.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.status == Status.DECLINED
    assert Notification.objects.filter(recipient=alice.user, kind="matching.contact_answered")
    assert "bob@campi.coop" not in page(alice.user, "past")
    assert contact_state(alice.user, bob).fields == []
    assert contact_state(alice.user, bob).can_request  # may ask again later


def test_withdraw_by_the_sender_only(alice, bob):
    contact = send(alice, bob)
    url = reverse("matching:contact_move", args=[contact.pk, "withdrawn"])
    assert client_for(bob.user).post(url, {"confirm": "yes"}).status_code == 302
    assert ContactRequest.objects.get().status == Status.PENDING  # the recipient cannot withdraw
    assert reverse("matching:contact_move", args=[contact.pk, "withdrawn"]) in page(
        alice.user, "sent"
    )
    client_for(alice.user).post(url, {"confirm": "yes"})
    contact.refresh_from_db()
    assert contact.status == Status.WITHDRAWN and contact.withdrawn_at is not None
    assert not Notification.objects.filter(kind="matching.contact_answered").exists()


def test_sender_cannot_accept_own_request_and_answered_ones_stay(alice, bob):
    contact = send(alice, bob)
    with pytest.raises(MatchingError):
        services.contact_accept(contact=contact, by=alice.user)
    services.contact_decline(contact=contact, by=bob.user)
    with pytest.raises(MatchingError) as refused:
        services.contact_accept(contact=contact, by=bob.user)
    assert refused.value.code == "illegal_transition"
    response = client_for(bob.user).post(
        reverse("matching:contact_move", args=[contact.pk, "accepted"])
    )
    assert response.status_code == 302 and messages_of(response)
    assert ContactRequest.objects.get().status == Status.DECLINED


def test_send_refusals(alice, bob):
    with pytest.raises(MatchingError) as own:
        send(alice, alice)
    assert own.value.code == "self"
    send(alice, bob)
    with pytest.raises(MatchingError) as again:
        send(alice, bob)
    assert again.value.code == "pending"
    with pytest.raises(MatchingError) as back:
        send(bob, alice)  # bob is asked already: he answers instead
    assert back.value.code == "pending"
    services.contact_accept(contact=ContactRequest.objects.get(), by=bob.user)
    with pytest.raises(MatchingError) as connected:
        send(bob, alice)
    assert connected.value.code == "connected"
    hidden = profile_make(visibility="hidden")
    with pytest.raises(MatchingError) as missing:
        send(alice, hidden)
    assert missing.value.code == "missing"
    assert ContactRequest.objects.count() == 1


def test_request_from_a_partner_finder_keeps_the_call_when_visible(alice, bob):
    call = FundingCallFactory()
    hidden_call = FundingCallFactory(unpublished=True)
    url = reverse("matching:contact_send", args=[bob.pk])
    sender = client_for(alice.user)
    form = sender.get(url, {"call": call.pk}).content.decode()
    assert f"?call={call.pk}" in form  # the form posts back with it
    sender.post(f"{url}?call={call.pk}", {"message": "Per il bando"})
    assert ContactRequest.objects.get().call == call
    ContactRequest.objects.all().delete()
    for bad in (hidden_call.pk, 999999, "abc"):
        sender.post(f"{url}?call={bad}&action={bad}", {"message": "Per il bando"})
        contact = ContactRequest.objects.get()
        assert contact.call is None and contact.action is None
        contact.delete()


# --- the daily limit -----------------------------------------------------------------------------


def test_eleventh_request_of_the_day_is_refused_and_nothing_is_written(alice, settings):
    settings.MATCHING_CONTACTS_PER_DAY = 10
    others = [profile_make() for _ in range(11)]
    for profile in others[:10]:
        send(alice, profile)
    services.contact_withdraw(contact=ContactRequest.objects.first(), by=alice.user)
    before = counts()
    url = reverse("matching:contact_send", args=[others[10].pk])
    response = client_for(alice.user).post(url, {"message": "Un'altra richiesta"})
    assert response.status_code == 400
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1 and "24" in errors[0]  # the limit's message, on the form
    assert counts() == before
    # a day later the count starts again
    ContactRequest.objects.update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    send(alice, others[10])


@pytest.mark.django_db(transaction=True)
def test_fifteen_sends_at_once_give_exactly_ten():
    sender = profile_make().user.pk
    recipients = [profile_make().pk for _ in range(15)]

    def job(profile_pk):
        from matching.models import Profile

        return lambda: services.contact_send(
            sender=User.objects.get(pk=sender),
            recipient_profile=Profile.objects.select_related("user").get(pk=profile_pk),
            message="Ciao",
        )

    outcomes = run_at_once([job(pk) for pk in recipients])
    assert sorted(outcomes) == ["limit"] * 5 + ["ok"] * 10
    assert ContactRequest.objects.filter(sender_id=sender).count() == 10


# --- expiry --------------------------------------------------------------------------------------


def test_requests_expire_after_thirty_days_once(alice, bob, django_assert_max_num_queries):
    old = send(alice, bob)
    fresh = send(alice, profile_make())
    ContactRequest.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert services.contacts_expire() == 1
    assert services.contacts_expire() == 0
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == Status.EXPIRED and old.expired_at is not None
    assert fresh.status == Status.PENDING
    assert AuditEvent.objects.filter(action="matching.contact.expired", actor=None).count() == 1
    # the page lists it among the past ones, and bob cannot answer it any more
    assert "Buongiorno" in page(bob.user, "past")
    with pytest.raises(MatchingError):
        services.contact_accept(contact=old, by=bob.user)


def test_a_lapsed_request_cannot_be_answered_before_the_job_runs(alice, bob):
    contact = send(alice, bob)
    ContactRequest.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    past = page(bob.user, "past")  # listed among the past ones, with no button left
    assert "Buongiorno" in past
    assert reverse("matching:contact_move", args=[contact.pk, "accepted"]) not in past
    assert "Buongiorno" not in page(bob.user, "received")
    with pytest.raises(MatchingError) as lapsed:
        services.contact_accept(contact=ContactRequest.objects.get(), by=bob.user)
    assert lapsed.value.code == "expired"
    assert not contact_state(alice.user, bob).pending_sent
    send(alice, bob)  # a new one may be sent: the old one expires on the way
    contact.refresh_from_db()
    assert contact.status == Status.EXPIRED


def test_the_beat_task_expires_in_batches(alice, monkeypatch):
    monkeypatch.setattr(services, "EXPIRE_BATCH", 2)
    for _ in range(5):
        send(alice, profile_make())
    ContactRequest.objects.update(expires_at=timezone.now() - timedelta(days=1))
    assert tasks.expire_contacts.apply().get() == 5
    assert tasks.expire_contacts.apply().get() == 0
    assert set(ContactRequest.objects.values_list("status", flat=True)) == {Status.EXPIRED}
    assert PeriodicTask.objects.filter(task="matching.expire_contacts", enabled=True).exists()


@pytest.mark.django_db(transaction=True)
def test_the_beat_entry_expires_requests_through_a_real_worker(start_worker):
    contact = send(profile_make(), profile_make())
    ContactRequest.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    start_worker()
    entry = PeriodicTask.objects.get(task="matching.expire_contacts")
    assert entry.enabled and entry.interval.every == 1
    app.send_task(entry.task)
    app.send_task(entry.task)  # beat firing twice: the request still expires once

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (
        ContactRequest.objects.get(pk=contact.pk).status != Status.EXPIRED
        or AuditEvent.objects.filter(action="matching.contact.expired").count() < 1
    ):
        time.sleep(0.2)
    time.sleep(1)  # let the second run finish
    assert ContactRequest.objects.get(pk=contact.pk).status == Status.EXPIRED
    assert AuditEvent.objects.filter(action="matching.contact.expired").count() == 1


# --- blocks --------------------------------------------------------------------------------------


def test_block_ends_pending_requests_and_hides_both_ways(alice, bob):
    mine = send(alice, bob)
    carol = profile_make()
    theirs = send(profile_make(), alice)
    blocker = client_for(alice.user)
    url = reverse("matching:block", args=[bob.pk])
    confirm = blocker.get(url)
    assert confirm.status_code == 200 and 'name="confirm"' in confirm.content.decode()
    blocker.post(url)  # unconfirmed: nothing
    assert not Block.objects.exists()
    assert blocker.post(url, {"confirm": "yes"}).status_code == 302
    assert Block.objects.filter(blocker=alice.user, blocked=bob.user).count() == 1
    mine.refresh_from_db()
    assert mine.status == Status.WITHDRAWN
    theirs.refresh_from_db()
    assert theirs.status == Status.PENDING  # someone else's request is untouched
    services.block_person(by=alice.user, profile=bob)  # twice: nothing changes
    assert Block.objects.count() == 1

    # bob cannot find or contact alice: the same answer as a missing profile
    with pytest.raises(MatchingError) as blocked:
        send(bob, alice)
    with pytest.raises(MatchingError) as missing:
        send(bob, profile_make(visibility="hidden"))
    assert blocked.value.message == missing.value.message
    for viewer, seen in ((bob, alice), (alice, bob)):
        url = reverse("matching:contact_send", args=[seen.pk])
        assert client_for(viewer.user).get(url).status_code == 404
    send(alice, carol)  # others still can be asked

    blocked_page = page(alice.user, "blocked")
    unblock = reverse("matching:unblock", args=[bob.pk])
    assert unblock in blocked_page
    assert "Buongiorno" not in page(bob.user, "past")  # blocked people drop out of the pages
    blocker.post(unblock, {"confirm": "yes"})
    assert not Block.objects.exists()
    send(bob, alice)


def test_blocking_declines_their_waiting_request(alice, bob):
    theirs = send(bob, alice)
    services.block_person(by=alice.user, profile=bob)
    theirs.refresh_from_db()
    assert theirs.status == Status.DECLINED
    assert not Notification.objects.filter(kind="matching.contact_answered").exists()


def test_unblock_of_someone_not_blocked_is_404(alice, bob):
    response = client_for(alice.user).post(
        reverse("matching:unblock", args=[bob.pk]), {"confirm": "yes"}
    )
    assert response.status_code == 404


# --- reports -------------------------------------------------------------------------------------


def test_report_a_profile_with_a_reason_tells_staff(alice, bob):
    moderator = staff_user()
    url = reverse("matching:report_profile", args=[bob.pk])
    reporter = client_for(alice.user)
    assert reporter.get(url).status_code == 200
    before = counts()
    assert reporter.post(url, {"reason": "   "}).status_code == 400
    assert counts() == before
    response = reporter.post(url, {"reason": "Profilo falso"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.reporter, report.profile, report.reason) == (alice.user, bob, "Profilo falso")
    assert report.status == Report.Status.OPEN
    assert Notification.objects.filter(recipient=moderator, kind="matching.report_received")
    again = reporter.post(url, {"reason": "Ancora"})
    assert again.status_code == 400 and Report.objects.count() == 1


def test_report_a_message_received_only(alice, bob):
    contact = send(alice, bob)
    url = reverse("matching:report_contact", args=[contact.pk])
    assert client_for(alice.user).get(url).status_code == 404  # the sender does not report it
    assert client_for(profile_make().user).post(url, {"reason": "x"}).status_code == 404
    assert client_for(bob.user).post(url, {"reason": "Spam"}).status_code == 302
    assert Report.objects.get().contact_request == contact


# --- who may, and hostile input ------------------------------------------------------------------


def test_others_requests_are_404(alice, bob):
    contact = send(alice, bob)
    stranger = client_for(profile_make().user)
    for to in ("accepted", "declined", "withdrawn"):
        url = reverse("matching:contact_move", args=[contact.pk, to])
        assert stranger.post(url, {"confirm": "yes"}).status_code == 404
        assert stranger.get(url).status_code == 404
    assert stranger.get(reverse("matching:report_contact", args=[contact.pk])).status_code == 404
    assert ContactRequest.objects.get().status == Status.PENDING


@pytest.mark.parametrize("name", ["contact_send", "block", "unblock", "report_profile"])
def test_participants_and_visitors_are_refused(bob, name):
    url = reverse(f"matching:{name}", args=[bob.pk])
    before = counts()
    participant = client_for(UserFactory())
    assert participant.get(url).status_code == 403
    data = {"message": "x", "reason": "x", "confirm": "yes"}
    assert participant.post(url, data).status_code == 403
    visitor = Client().post(url, data)
    assert visitor.status_code == 302 and "login" in visitor["Location"]
    assert counts() == before
    assert client_for(UserFactory()).get(LIST).status_code == 403
    assert Client().get(LIST).status_code == 302


def test_a_non_member_cannot_send_through_the_service(bob):
    with pytest.raises(MatchingError) as refused:
        services.contact_send(sender=UserFactory(), recipient_profile=bob, message="Ciao")
    assert refused.value.code == "forbidden"


@pytest.mark.parametrize("message", ["", "   ", "x" * 1001, "x" * 5000])
def test_bad_messages_are_refused_and_nothing_is_written(alice, bob, message):
    before = counts()
    url = reverse("matching:contact_send", args=[bob.pk])
    response = client_for(alice.user).post(url, {"message": message})
    assert response.status_code == 400
    assert response.context["form"].errors["message"]
    assert counts() == before
    with pytest.raises(MatchingError) as refused:
        send(alice, bob, message)
    assert refused.value.code == "message"


def test_bad_addresses_are_404_never_500(alice, bob):
    contact = send(alice, bob)
    member = client_for(bob.user)
    before = counts()
    for url in (
        f"/matching/contacts/{contact.pk}/bogus/",
        f"/matching/contacts/{contact.pk}/pending/",
        f"/matching/contacts/{contact.pk}/expired/",
        "/matching/contacts/999999/accepted/",
        "/matching/contacts/abc/accepted/",
        "/matching/profiles/abc/contact/",
        "/matching/profiles/999999/contact/",
        "/matching/profiles/999999/block/",
        "/matching/profiles/999999/report/",
        "/matching/contacts/999999/report/",
    ):
        assert member.post(url, {"confirm": "yes", "message": "x"}).status_code == 404, url
    for query in ({"tab": "bogus"}, {"page": "abc"}, {"page": "99999"}, {"tab": ["a", "b"]}):
        assert member.get(LIST, query).status_code == 200
    assert counts() == before


def test_empty_states(alice):
    for tab in ("received", "sent", "contacts", "past", "blocked"):
        response = client_for(alice.user).get(LIST, {"tab": tab})
        assert response.status_code == 200
        assert 'id="contacts"' not in response.content.decode()


# --- query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("tab", ["received", "sent", "contacts", "past", "blocked"])
def test_contact_list_query_count_stays_flat(alice, tab, assert_flat_queries, settings):
    settings.MATCHING_CONTACTS_PER_DAY = 1000
    viewer = client_for(alice.user)

    def grow(n):
        for _ in range(n):
            other = profile_make(contact_email="x@coop.it", contact_email_visibility="connections")
            if tab == "received":
                send(other, alice)
            elif tab == "sent":
                send(alice, other)
            elif tab == "contacts":
                services.contact_accept(contact=send(other, alice), by=alice.user)
            elif tab == "past":
                services.contact_decline(contact=send(other, alice), by=alice.user)
            else:
                services.block_person(by=alice.user, profile=other)

    def fetch():
        response = viewer.get(LIST, {"tab": tab})
        assert response.status_code == 200
        if tab == "contacts":
            assert "x@coop.it" in response.content.decode()

    assert_flat_queries.check(fetch, grow)
