"""Hostile query strings never make a 5xx (issue 9, item 6).

The targets are discovered, not listed: every URL pattern of the portal (those without arguments
and those whose arguments this module can fill from the data it creates) and every changelist in
`admin.site._registry`. Each page gets the parameters it reads — found by watching which keys the
view asks `request.GET` for (filter forms' fields, `page`, `q`, …), and for the admin the search,
page, ordering and error parameters, the date_hierarchy lookups and every list_filter's
parameters — plus a random extra one, each with each hostile value, as each role.
"""

import logging
import secrets
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import ERROR_FLAG, ORDER_VAR, PAGE_VAR, SEARCH_VAR
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from board.models import AgendaEntry, BoardMeeting, ExportJob, ReportRun
from coopportal.notifications.emails import unsubscribe_token
from coopportal.notifications.services import notify
from tests.core.test_uploads import PDF
from tests.factories import superuser_user
from tests.workgroups.factories import (
    MeetingFactory,
    MembershipFactory,
    PostFactory,
    ProposalFactory,
    ThreadFactory,
    WorkingGroupFactory,
)
from workgroups.services import documents as document_services

pytestmark = pytest.mark.django_db

# Raw, already percent-encoded: they go into QUERY_STRING as they are, so `%ff%fe` arrives as
# bytes that are not UTF-8 and `%00` as a NUL character.
HOSTILE = [
    "abc",
    "-1",
    "1e9",
    quote("²"),
    "%00",
    "%ff%fe",
    "x" * 5000,
    "99999999999999999999",
]
# the values that try the decoding of the query string itself (a NUL, bytes that are not UTF-8, a
# very long value): what a request the page refuses before its view runs is still given
ENCODING = ["%00", "%ff%fe", "x" * 5000]
ROLES = ["visitor", "member", "staff", "board", "superuser"]  # weakest first
DATE_PARTS = ("year", "month", "day")

# The pages whose arguments come from a one-time secret this module cannot make up.
NEEDS_A_SECRET = {
    "account_confirm_email",
    "account_reset_password_from_key",
}

# Which object an `<int:pk>` stands for, by the start of the URL's name.
PK_OF = {
    "accounts:archive_": "data_archive",
    "workgroups:meeting_": "meeting",
    "workgroups:thread_": "thread",
    "workgroups:post_": "post",
    "workgroups:document_": "document",
    "workgroups:proposal_": "proposal",
    "workgroups:invitation_": "proposal",
    "workgroups:membership_": "pending_membership",
    "board:recommendation_": "proposal",
    "board:export_": "export",
    "board:meeting_": "board_meeting",
    "board:agenda_": "board_meeting",
    "board:report_": "report",
    "notifications:": "notification",
    "calls:application_create": "call",
    "calls:call_": "call",
    "calls:application_": "application",
    "calls:budget_line_": "application",
    "calls:attachment_": "application",
    "calls:co_applicant_": "application",
    "calls:rules_": "application",
    "calls:review_": "review",
    "calls:saved_search_": "saved_search",
    "training:course_": "course",
    "matching:profile_": "profile",
    "matching:contact_send": "profile",
    "matching:block": "profile",
    "matching:unblock": "profile",
    "matching:report_profile": "profile",
    "matching:contact_move": "contact_request",
    "matching:report_contact": "contact_request",
    "matching:search_": "profile_search",
    "matching:partners_call": "call",
    "matching:partners_action": "action",
    "training:feedback_": "course",
    "training:need_": "need",
    "training:trainer_application_": "trainer_application",
    "training:consultation_": "consultation",
    "training:feedback_form": "course",
    "community:event_request_move": "event_request",
    "community:event_slot_pick": "event_meeting",
    "community:event_": "matching_event",
    "community:practice_": "practice",
    "community:maturity_result": "maturity_assessment",
    "community:toolbox_": "toolbox_resource",
    "spaces:space_": "space",
    "spaces:photo": "space",  # a photo's id: none by that number, a 404
    "spaces:booking_create": "space_resource",
    "spaces:booking_": "space_booking",
}
OTHER_ARGUMENTS = {
    "slug": lambda data: data["group"].slug,
    "entry_pk": lambda data: data["entry"].pk,
    "format": lambda data: "csv",
    "direction": lambda data: "up",
    "decision": lambda data: "approve",
    "answer": lambda data: "accept",
    "token": lambda data: unsubscribe_token(data["member"].pk, "workgroups.new_post"),
    "move": lambda data: "submit",
    "to": lambda data: "accepted",
    "document_pk": lambda data: data["call_document"].pk,
    "line_pk": lambda data: data["budget_line"].pk,
    "attachment_pk": lambda data: data["attachment"].pk,
    "course_pk": lambda data: data["training_session"].course_id,
    "session_pk": lambda data: data["training_session"].pk,
    "code": lambda data: data["certificate"].code,
    "secret": lambda data: data["calendar_secret"],
    "registration_pk": lambda data: data["event_registration"].pk,
    "meeting_pk": lambda data: data["event_meeting"].pk,
}
# the slug of a URL whose name starts so (the groups' otherwise)
SLUG_OF = {
    "calls:call_": "call",
    "calls:action_": "action",
    "training:course_": "course",
    "community:practice_": "practice",
    "community:toolbox_": "toolbox_resource",
    "spaces:space_": "space",
}


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            yield from _walk(pattern.url_patterns, prefix + namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name, pattern


def portal_pages():
    """Every named URL pattern outside the admin (the admin is covered by its changelists)."""
    pages = {}
    for name, pattern in _walk(get_resolver().url_patterns):
        if not name.startswith("admin:") and name not in NEEDS_A_SECRET:
            pages.setdefault(name, list(pattern.pattern.regex.groupindex))
    return sorted(pages.items())


def admin_changelists():
    return sorted(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        for model in admin.site._registry
    )


def fill(name, arguments, data):
    kwargs = {}
    for argument in arguments:
        if argument == "pk":
            key = next(data_key for start, data_key in PK_OF.items() if name.startswith(start))
            kwargs[argument] = data[key].pk
        elif argument == "slug" and any(name.startswith(start) for start in SLUG_OF):
            key = next(data_key for start, data_key in SLUG_OF.items() if name.startswith(start))
            kwargs[argument] = data[key].slug
        else:
            kwargs[argument] = OTHER_ARGUMENTS[argument](data)
    return kwargs


def _matching_data(member):
    from matching.models import ContactRequest, ProfileSearch
    from matching.models.contacts import REQUEST_LIFETIME
    from tests.matching.factories import profile_make

    mine = profile_make(user=member, skills=["Web design"])
    other = profile_make(offers=["Contabilità"])
    return {
        "profile": other,
        "contact_request": ContactRequest.objects.create(
            sender=other.user,
            recipient=mine.user,
            message="Ciao",
            expires_at=timezone.now() + REQUEST_LIFETIME,
        ),
        "profile_search": ProfileSearch.objects.create(
            user=member, name="Grafica", query="q=grafica", checked_at=timezone.now()
        ),
    }


def _community_data(member):
    from community.events.services.registrations import registration_create
    from community.events.services.requests import request_accept, request_send
    from tests.community.events.factories import event_make, registered
    from tests.community.maturity.conftest import submit
    from tests.community.practices.factories import PracticeFactory
    from tests.community.toolbox.factories import resource_make

    event = event_make()
    mine = registration_create(event=event, by=member)
    other, third = registered(event), registered(event)
    meeting = request_accept(
        meeting_request=request_send(requester=other, recipient=mine, message="", by=other.user),
        by=member,
    )
    return {
        "matching_event": event,
        "event_registration": other,
        "event_request": request_send(requester=third, recipient=mine, message="", by=third.user),
        "event_meeting": meeting,
        "practice": PracticeFactory(proposer=member, published=True),
        "maturity_assessment": submit(member),
        "toolbox_resource": resource_make(),
    }


def _spaces_data(member):
    from tests.spaces.factories import book, make_resource

    resource = make_resource()
    return {
        "space": resource.space,
        "space_resource": resource,
        "space_booking": book(resource, member),
    }


@pytest.fixture(scope="module")
def _media_once(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile-media")


@pytest.fixture(autouse=True)
def _media_root(settings, _media_once):
    """The files the shared data saved (a document, an export, a certificate) stay where the
    pages look for them in every test of this module."""
    settings.MEDIA_ROOT = _media_once


@pytest.fixture(scope="module")
def _shared_data(django_db_setup, django_db_blocker, _media_once):
    """The objects every page of the module is visited with, made once per module (per xdist
    worker) in a transaction of its own, rolled back after the module's last test. Each test runs
    inside it in a savepoint (pytest-django's `db`), rolled back when it ends, so what one test's
    requests write never reaches the next: every test sees these objects as they were made."""
    from django.db import transaction
    from django.test import override_settings

    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=_media_once),
        transaction.atomic(),
    ):
        yield _make_data()
        transaction.set_rollback(True)


@pytest.fixture
def data(_shared_data, db):
    """The shared objects, with a client per role logged in for this test alone (a session one
    test's requests change or end cannot leave the next test's client logged out)."""
    users = _shared_data["users"]
    return {
        **_shared_data,
        "clients": {
            "visitor": Client(raise_request_exception=False),
            **{role: _logged_in(user) for role, user in users.items()},
        },
    }


def _make_data():
    from tests.factories import UserFactory, board_user, staff_user

    member, staff, board = UserFactory(member=True), staff_user(), board_user()
    group = WorkingGroupFactory()
    MembershipFactory(group=group, user=member, coordinator=True)
    MembershipFactory(group=group, user=board)
    pending = MembershipFactory(group=group, pending=True)
    proposal = ProposalFactory(group=group, created_by=member, forwarded=True)
    thread = ThreadFactory(group=group, created_by=member)
    document = document_services.document_upload(
        group=group,
        by=member,
        title="Regolamento",
        file=SimpleUploadedFile("regolamento.pdf", PDF, content_type="application/pdf"),
    )
    board_meeting = BoardMeeting.objects.create(
        title="CdA", starts_at=timezone.now() + timedelta(days=7), created_by=board
    )
    export = ExportJob.objects.create(
        format="csv", status="done", total=1, done_rows=1, requested_by=board
    )
    export.file.save("raccomandazioni.csv", ContentFile(b"id\r\n1\r\n"))
    report = ReportRun.objects.create(
        kind="assembly",
        status="done",
        period_start=timezone.localdate() - timedelta(days=30),
        period_end=timezone.localdate(),
        requested_by=board,
    )
    notify("workgroups.new_post", [member], target=thread, context={"person": "Anna"})
    superuser = superuser_user()
    calls = _calls_data(member, board, staff)
    return {
        **calls,
        "course": _training_course(member),
        **_matching_data(member),
        **_community_data(member),
        **_spaces_data(member),
        **_training_requests_data(member),
        **_training_attendance_data(member, staff),
        "calendar_secret": _calendar_secret(member),
        "group": group,
        "member": member,
        "proposal": proposal,
        "meeting": MeetingFactory(group=group),
        "thread": thread,
        "post": PostFactory(thread=thread, author=member),
        "document": document,
        "pending_membership": pending,
        "board_meeting": board_meeting,
        "entry": AgendaEntry.objects.create(meeting=board_meeting, proposal=proposal),
        "export": export,
        "report": report,
        "notification": member.notifications.get(kind="workgroups.new_post"),
        "data_archive": _data_archive(member),
        "users": {"member": member, "staff": staff, "board": board, "superuser": superuser},
    }


def _data_archive(member):
    """The member's archive of their data, ready to download."""
    from coopportal.accounts.models import DataArchive

    archive = DataArchive.objects.create(
        user=member,
        status=DataArchive.Status.READY,
        ready_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=7),
    )
    archive.file.save("data.zip", ContentFile(b"PK\x05\x06" + bytes(18)))
    return archive


def _calendar_secret(member):
    """The secret of the member's calendar feed (the personal .ics)."""
    from coopportal.accounts.calendar_feeds import calendar_feed_get

    return calendar_feed_get(user=member).secret


def _calls_data(member, board, staff):
    """A call with a document, a member's application with a budget line and an attachment, a
    review of it by a board member, a kept search and a call to action."""
    from calls.models import CallDocument, CallToAction
    from calls.services import applications, follows, reviews
    from tests.calls.factories import FundingCallFactory

    call = FundingCallFactory(title="Bando cultura", regions=["12"])
    application = applications.application_create(
        call=call, by=member, title="Teatro", requested_amount="1000"
    )
    line = applications.budget_line_add(
        application=application, by=member, description="Costi", amount="1200"
    )
    attachment = applications.attachment_add(
        application=application,
        by=member,
        title="Progetto",
        file=SimpleUploadedFile("progetto.pdf", PDF, content_type="application/pdf"),
    )
    submitted = applications.application_create(
        call=call, by=member, title="Inviata", requested_amount="10"
    )
    applications.budget_line_add(application=submitted, by=member, description="x", amount="20")
    submitted = applications.application_submit(application=submitted, by=member)
    review = reviews.review_assign(application=submitted, reviewer=board, by=staff)
    return {
        "call": call,
        "call_document": CallDocument.objects.create(
            call=call, title="Avviso", url="https://example.org/avviso.pdf"
        ),
        "application": application,
        "budget_line": line,
        "attachment": attachment,
        "review": review,
        "saved_search": follows.saved_search_create(by=member, name="Cultura", query="q=cultura"),
        "action": CallToAction.objects.create(
            title="Invito",
            slug="invito",
            theme="Cultura",
            body="Testo",
            deadline_at=timezone.now() + timedelta(days=5),
            target=10,
        ),
    }


def _training_course(member):
    """A published course the member is enrolled in."""
    from tests.training.factories import CourseFactory
    from training.services import enrolment

    course = CourseFactory(title="Contabilità cooperativa")
    enrolment.enrol(course=course, by=member)
    return course


def _training_requests_data(member):
    """A member's training need, application to teach and consultation request."""
    from tests.training.factories_requests import (
        ConsultationFactory,
        NeedFactory,
        TrainerApplicationFactory,
    )

    return {
        "need": NeedFactory(proposed_by=member),
        "trainer_application": TrainerApplicationFactory(user=member),
        "consultation": ConsultationFactory(member=member),
    }


def _training_attendance_data(member, staff):
    """A course whose past session the member attended, with the member's certificate."""
    from tests.training.factories_attendance import make_course, seat, sessions_of
    from training.services import attendance, certificates

    course = make_course(sessions=1)
    seat(course, member)
    session = sessions_of(course)[0]
    attendance.register_mark(session=session, by=staff, marks={member.pk: True})
    (certificate,) = certificates.certificates_issue_now(course=course, by=staff) or [
        course.certificates.get()
    ]
    return {"training_session": session, "certificate": certificate}


@pytest.fixture(autouse=True)
def _quiet_errors():
    """A 5xx is reported by the assertion; its traceback in the log would only drown it."""
    logger = logging.getLogger("django.request")
    logger.disabled, disabled = True, logger.disabled
    yield
    logger.disabled = disabled


def _logged_in(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@contextmanager
def recording_reads():
    """The keys views ask a QueryDict for while the block runs (a spy: behaviour unchanged)."""
    keys = set()

    def spy(method):
        original = getattr(QueryDict, method)

        def read(self, key, *args, **kwargs):
            if isinstance(key, str):
                keys.add(key)
            return original(self, key, *args, **kwargs)

        return read

    methods = ("get", "getlist", "__getitem__", "__contains__")
    with mock.patch.multiple(QueryDict, **{method: spy(method) for method in methods}):
        yield keys


def get(client, url, query):
    return client.get(url, QUERY_STRING=query)


def together(parameters, value):
    return "&".join(f"{quote(parameter)}={value}" for parameter in sorted(parameters))


def attack(clients, url, groups, reaches, edges=()):
    """Send each hostile value to all the parameters at once, as every role; then, as the
    strongest role that reaches the page, to each group of parameters alone (so that one refused
    parameter cannot hide another) and the `edges`. Returns the 5xx answers, one a line.

    Two passes are cut short, for what they could not find: a role the page turns away (a
    redirect to the login, a 403 or 404 before the view reads a parameter) gets only the values
    that try the decoding of the query string (ENCODING) — what each means to a view does not
    matter to a request refused before it; and a value the page took with every parameter at
    once (a 200: no parameter refused, so none hid another) is not sent again to each group."""
    everything = {parameter for group in groups for parameter in group}
    strongest = next((role for role in reversed(ROLES) if role in reaches), None)
    failures = []

    def send(role, client, query):
        response = get(client, url, query)
        if response.status_code >= 500:
            error = getattr(response, "exc_info", None) or (None, None)
            failures.append(f"{role} {url}?{query[:100]} -> {error[1]!r:.200}")
        return response.status_code

    for role, client in clients.items():
        values = HOSTILE if role in reaches else ENCODING
        taken = {
            value for value in values if send(role, client, together(everything, value)) == 200
        }
        if role != strongest:
            continue
        alone = [
            together(group, value) for group in groups for value in HOSTILE if value not in taken
        ]
        sent = {together(everything, value) for value in values}
        for query in dict.fromkeys(alone + list(edges)):
            if query not in sent:
                send(role, client, query)
    return "\n".join(failures)


def extra_parameter():
    return f"x{secrets.token_hex(4)}"


@pytest.mark.parametrize(("name", "arguments"), portal_pages(), ids=lambda v: str(v))
def test_portal_page_survives_hostile_queries(data, name, arguments):
    url = reverse(name, kwargs=fill(name, arguments, data))
    extra = extra_parameter()
    parameters, reaches = {extra}, set()
    for role, client in data["clients"].items():
        with recording_reads() as read:
            response = get(client, url, f"{extra}=1")
        assert response.status_code < 500, (role, url)
        if response.status_code == 200:
            reaches.add(role)
            parameters |= read - {"_to_field"}
    groups = [(parameter,) for parameter in parameters]
    failures = attack(data["clients"], url, groups, reaches)
    assert not failures, failures


@pytest.mark.parametrize("name", admin_changelists())
def test_admin_changelist_survives_hostile_queries(data, name):
    url = reverse(name)
    clients = data["clients"]
    response = clients["superuser"].get(url)
    assert response.status_code == 200
    changelist = response.context["cl"]
    groups = [(SEARCH_VAR,), (PAGE_VAR,), (ORDER_VAR,), (ERROR_FLAG,), (extra_parameter(),)]
    groups += [tuple(spec.expected_parameters()) for spec in changelist.filter_specs]
    edges = []
    if changelist.date_hierarchy:
        year, month, day = (f"{changelist.date_hierarchy}__{part}" for part in DATE_PARTS)
        groups += [(year,), (year, month), (year, month, day)]
        edges = [
            f"{year}=9999",
            f"{year}=9999&{month}=12",
            f"{year}=9999&{month}=12&{day}=31",
            f"{year}=0",
            f"{year}=2026&{month}=2&{day}=30",
        ]
    reaches = {role for role in ROLES if get(clients[role], url, "").status_code == 200}
    assert "superuser" in reaches
    failures = attack(clients, url, groups, reaches, edges)
    assert not failures, failures


def test_discovery_finds_the_pages_named_in_the_issue():
    names = [name for name, _arguments in portal_pages()]
    assert {"workgroups:proposal_similar", "board:answer_list", "board:index"} <= set(names)
    changelists = admin_changelists()
    assert "admin:django_celery_beat_periodictask_changelist" in changelists
    assert "admin:django_celery_beat_crontabschedule_changelist" in changelists
