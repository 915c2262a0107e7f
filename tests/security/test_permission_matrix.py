"""The permission matrix (issue 17): every URL of the portal and of the admin, requested with real
objects as every role, answers as `tests/security/permission_matrix.py` says; a URL the table does
not list, or a row for a URL that is gone, fails the build.

The objects are those of `test_hostile_queries` (made once per module), plus one person per role.
Each request runs in a savepoint rolled back afterwards, with the client's cookies put back, so a
cell never sees what another cell wrote (an empty POST that cancels a booking, a logout…)."""

import logging
import os
from datetime import timedelta

import pytest
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.security import permission_matrix as matrix
from tests.security import test_hostile_queries as hostile

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
ADMIN_LOGIN = reverse("admin:login")
MFA = reverse("mfa_activate_totp")
# arguments that stand for one-time secrets: a made-up one is refused by the page itself
SECRETS = {"key": "chiave-inventata", "uidb36": "zz"}


def _role_users(data):
    """One person per role of the matrix (the owner is the shared data's member)."""
    from calls.services import applications, reviews
    from tests.factories import UserFactory
    from tests.workgroups.factories import MembershipFactory, WorkingGroupFactory
    from training.models import Trainer

    group, users = data["group"], data["users"]
    applicant = UserFactory(member=True)
    applications.application_create(
        call=data["call"], by=applicant, title="Altra domanda", requested_amount="500"
    )
    co_applicant = UserFactory(member=True)
    invitation = applications.co_applicant_invite(
        application=data["application"], by=data["member"], user=co_applicant
    )
    applications.co_applicant_accept(invitation=invitation, by=co_applicant)
    reviewer = UserFactory(member=True)
    reviews.review_assign(
        application=data["review"].application, reviewer=reviewer, by=users["staff"]
    )
    trainer = UserFactory(member=True)
    teacher = Trainer.objects.create(name="Giulia Formatrice", user=trainer)
    session = data["training_session"]
    session.trainer = teacher
    session.save(update_fields=["trainer"])
    session.course.trainers.add(teacher)
    data["course"].trainers.add(teacher)
    # the board's export is still downloadable
    data["export"].expires_at = timezone.now() + timedelta(days=1)
    data["export"].save(update_fields=["expires_at"])
    return {
        "visitor": None,
        "participant": UserFactory(),
        "member": MembershipFactory(group=group).user,
        "other_group": MembershipFactory(group=WorkingGroupFactory()).user,
        "coordinator": MembershipFactory(group=group, coordinator=True).user,
        "applicant": applicant,
        "co_applicant": co_applicant,
        "reviewer": reviewer,
        "trainer": trainer,
        "event_participant": data["event_registration"].user,
        "owner": data["member"],
        "staff": users["staff"],
        "board": users["board"],
        "superuser": users["superuser"],
    }


def role_clients(people) -> dict:
    """A test client per role, logged in as its person (the visitor's is anonymous)."""
    clients = {}
    for role, user in people.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        clients[role] = client
    return clients


@pytest.fixture(scope="module")
def _media_once(tmp_path_factory):
    return tmp_path_factory.mktemp("matrix-media")


@pytest.fixture(autouse=True)
def _media_root(settings, _media_once):
    settings.MEDIA_ROOT = _media_once


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, _media_once):
    """The shared objects and a logged-in client per role (`force_login`; staff, board and
    superuser have an authenticator app, as the factories make them), made once, in a transaction
    rolled back after the module's last test."""
    from django.test import override_settings

    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=_media_once),
        transaction.atomic(),
    ):
        data = hostile._make_data()
        people = _role_users(data)
        yield {**data, "people": people, "clients": role_clients(people)}
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _quiet_errors():
    logger = logging.getLogger("django.request")
    logger.disabled, disabled = True, logger.disabled
    yield
    logger.disabled = disabled


def outcome(response) -> str:
    """The code of an answer, as the table writes it (see `permission_matrix.LEGEND`)."""
    code = response.status_code
    if code in (301, 302, 303):
        location = response.headers.get("Location", "")
        if location.startswith(LOGIN):
            return "login"
        if location.startswith(ADMIN_LOGIN):
            return "admin_login"
        if location.startswith(MFA):
            return "mfa"
        queued = getattr(getattr(response.wsgi_request, "_messages", None), "_queued_messages", [])
        if any(message.level >= messages.WARNING for message in queued):
            return "302e"
        return "302"
    return str(code)


def send(client, method, url, data=None):
    """One request whose writes and session changes are undone afterwards."""
    saved = {key: morsel.value for key, morsel in client.cookies.items()}
    with transaction.atomic():
        response = client.post(url, data or {}) if method == "POST" else client.get(url)
        transaction.set_rollback(True)
    client.cookies.clear()
    for key, value in saved.items():
        client.cookies[key] = value
    return response


def url_of(name, arguments, world):
    if set(arguments) <= set(SECRETS):
        return reverse(name, kwargs={argument: SECRETS[argument] for argument in arguments})
    return reverse(name, kwargs=hostile.fill(name, arguments, world))


def portal_urls():
    """{name: [its arguments]} of every named URL outside the admin, the resolver's."""
    return {
        name: list(pattern.pattern.regex.groupindex)
        for name, pattern in hostile._walk(hostile.get_resolver().url_patterns)
        if not name.startswith("admin:")
    }


def admin_urls():
    names = {name for name, _pattern in hostile._walk(hostile.get_resolver().url_patterns)}
    return {name for name in names if name.startswith("admin:")}


def admin_model_urls():
    """The changelist and the add form of every model registered in the admin."""
    return {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}": model
        for model in admin.site._registry
        for view in ("changelist", "add")
    }


def mismatches(expected, got):
    return {
        role: f"expected {expected[role]}, got {got[role]}"
        for role in got
        if got[role] != expected[role]
    }


# --- the table covers the resolver, and only it -------------------------------------------------


def test_every_portal_url_is_in_the_table():
    urls = set(portal_urls())
    missing = sorted(urls - set(matrix.PAGES))
    gone = sorted(set(matrix.PAGES) - urls)
    assert not missing, f"URLs the permission table does not list: {missing}"
    assert not gone, f"rows of the permission table for URLs that no longer exist: {gone}"


def test_every_admin_url_is_in_the_table():
    models = admin_model_urls()
    standard = {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
        for model in admin.site._registry
        for view in ("changelist", "add", "change", "delete", "history")
    }
    custom = admin_urls() - standard
    missing = sorted(custom - set(matrix.ADMIN_VIEWS))
    gone = sorted(set(matrix.ADMIN_VIEWS) - custom)
    assert not missing, f"admin views the permission table does not list: {missing}"
    assert not gone, f"rows of the permission table for admin views that no longer exist: {gone}"
    labels = {model._meta.label_lower for model in {*models.values()}}
    assert not labels - set(matrix.ADMIN_MODELS), sorted(labels - set(matrix.ADMIN_MODELS))
    assert not set(matrix.ADMIN_MODELS) - labels, sorted(set(matrix.ADMIN_MODELS) - labels)


def test_the_table_parses():
    """Every row names known roles and codes (a typo would silently expect the default)."""
    for name, row in {**matrix.PAGES, **matrix.ADMIN_VIEWS}.items():
        expected = matrix.expected(row)
        assert set(expected) == set(matrix.ROLES), name
        assert set(expected.values()) <= set(matrix.LEGEND), (name, expected)


# --- every URL as every role --------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(portal_urls()))
def test_portal_url(world, name):
    row = matrix.PAGES[name]
    method, expected = matrix.method(row), matrix.expected(row)
    url = url_of(name, portal_urls()[name], world)
    got = {role: outcome(send(client, method, url)) for role, client in world["clients"].items()}
    wrong = mismatches(expected, got)
    assert not wrong, f"{method} {url} ({name}): {wrong}"


def _admin_url(name, world):
    if name == "admin:view_on_site":
        group = world["group"]
        from django.contrib.contenttypes.models import ContentType

        kind = ContentType.objects.get_for_model(group)
        return reverse(name, kwargs={"content_type_id": kind.pk, "object_id": group.pk})
    if name == "admin:auth_user_password_change":
        return reverse(name, kwargs={"id": world["member"].pk})
    if name == "admin:app_list":
        return reverse(name, kwargs={"app_label": "accounts"})
    return reverse(name)


@pytest.mark.parametrize("name", sorted(matrix.ADMIN_VIEWS))
def test_admin_view(world, name):
    row = matrix.ADMIN_VIEWS[name]
    method, expected = matrix.method(row), matrix.expected(row)
    url = _admin_url(name, world)
    got = {role: outcome(send(client, method, url)) for role, client in world["clients"].items()}
    wrong = mismatches(expected, got)
    assert not wrong, f"{method} {url} ({name}): {wrong}"


@pytest.mark.parametrize("label", sorted(matrix.ADMIN_MODELS))
def test_admin_model(world, label):
    """The changelist and the add form of a model as the admin roles, and the actions the
    changelist offers to staff and to the superuser."""
    spec = matrix.ADMIN_MODELS[label]
    app_label, model_name = label.split(".")
    wrong = {}
    for view in ("changelist", "add"):
        url = reverse(f"admin:{app_label}_{model_name}_{view}")
        for role in matrix.ADMIN_ROLES:
            response = send(world["clients"][role], "GET", url)
            want, got = matrix.admin_expected(spec, view, role), outcome(response)
            if got != want:
                wrong[f"{role} {view}"] = f"expected {want}, got {got}"
            if view == "changelist" and role in ("staff", "superuser"):
                offered, want = offered_actions(response), set(spec[f"{role}_actions"])
                if offered != want:
                    wrong[f"{role} actions"] = f"expected {sorted(want)}, got {sorted(offered)}"
    assert not wrong, f"{label}: {wrong}"


def offered_actions(response) -> set:
    """The actions a changelist offers (deleting aside)."""
    form = response.context.get("action_form") if response.status_code == 200 else None
    if form is None:
        return set()
    return {value for value, _label in form.fields["action"].choices} - {"", "delete_selected"}


@pytest.mark.parametrize(
    "label",
    sorted(
        label
        for label, spec in matrix.ADMIN_MODELS.items()
        if set(spec["superuser_actions"]) - set(spec["staff_actions"])
    ),
)
def test_staff_cannot_run_an_action_they_are_not_offered(world, label):
    """An action staff are not offered, posted by hand with an object selected, is not run:
    the admin answers with its own "no action selected" (200 or 302) and never a 5xx."""
    spec = matrix.ADMIN_MODELS[label]
    refused = set(spec["superuser_actions"]) - set(spec["staff_actions"])
    app_label, model_name = label.split(".")
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    obj = model._default_manager.first()
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    for action in sorted(refused):
        data = {"action": action, "index": 0, ACTION_CHECKBOX_NAME: [obj.pk] if obj else []}
        response = send(world["clients"]["staff"], "POST", url, data)
        assert response.status_code in (200, 302, 403), (action, response.status_code)
        if response.status_code != 403:
            queued = response.wsgi_request._messages._queued_messages
            assert any(m.level >= messages.WARNING for m in queued) or response.status_code == 200


def test_write_what_every_cell_answers(db, world):
    """Not a check: with PM_DUMP=<file>, writes what every cell answers now (JSON), to draft the
    rows of new URLs. Skipped otherwise."""
    if not os.environ.get("PM_DUMP"):
        pytest.skip("set PM_DUMP=<file> to write the observed matrix")
    import json

    rows = {}
    for name, arguments in portal_urls().items():
        url = url_of(name, arguments, world)
        gets = {role: outcome(send(c, "GET", url)) for role, c in world["clients"].items()}
        method = "GET"
        if "405" in (gets["owner"], gets["superuser"], gets["staff"], gets["board"]):
            method = "POST"
            gets = {role: outcome(send(c, "POST", url)) for role, c in world["clients"].items()}
        rows[name] = {"method": method, **gets}
    standard = {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
        for model in admin.site._registry
        for view in ("changelist", "add", "change", "delete", "history")
    }
    for name in sorted(admin_urls() - standard):
        url = _admin_url(name, world)
        gets = {role: outcome(send(c, "GET", url)) for role, c in world["clients"].items()}
        rows[name] = {"method": "GET", **gets}
    models = {}
    for label in sorted(m._meta.label_lower for m in admin.site._registry):
        app_label, model_name = label.split(".")
        entry = {}
        for view in ("changelist", "add"):
            url = reverse(f"admin:{app_label}_{model_name}_{view}")
            for role in ("staff", "superuser", "member", "visitor", "board", "participant"):
                entry[f"{role} {view}"] = outcome(send(world["clients"][role], "GET", url))
        for role in ("staff", "superuser"):
            response = send(
                world["clients"][role], "GET", reverse(f"admin:{app_label}_{model_name}_changelist")
            )
            offered = set()
            if response.status_code == 200 and response.context.get("action_form"):
                offered = {
                    v for v, _l in response.context["action_form"].fields["action"].choices
                } - {"", "delete_selected"}
            entry[f"{role}_actions"] = sorted(offered)
        models[label] = entry
    with open(os.environ["PM_DUMP"], "w") as out:
        json.dump({"rows": rows, "models": models}, out, indent=0)


# --- object-level access by guessed ids ---------------------------------------------------------


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def refused(world, roles, method, url, secret: str, codes=("403", "404", "login")):
    """Each of `roles` is refused `url` (one of `codes`) and never gets `secret` in the answer."""
    leaks = {}
    for role in roles:
        response = send(world["clients"][role], method, url)
        got = outcome(response)
        if got not in codes or secret.encode() in body(response):
            leaks[role] = got
    return leaks


STRANGERS = ("visitor", "participant", "member", "other_group", "applicant", "reviewer", "trainer")


def test_someone_elses_application_by_its_id(world):
    application = world["application"]
    for name in ("calls:application_detail", "calls:application_edit"):
        url = reverse(name, kwargs={"pk": application.pk})
        assert not refused(world, (*STRANGERS, "board"), "GET", url, application.title), name


def test_an_attachment_or_budget_line_of_another_application_under_ones_own(world):
    """The applicant puts the owner's attachment and budget line ids under their own
    application's URL: not found, nothing served or removed."""
    from calls.models import Application

    mine = Application.objects.get(lead=world["people"]["applicant"])
    attachment, line = world["attachment"], world["budget_line"]
    urls = [
        ("GET", reverse("calls:attachment_download", args=[mine.pk, attachment.pk])),
        ("POST", reverse("calls:attachment_remove", args=[mine.pk, attachment.pk])),
        ("POST", reverse("calls:budget_line_remove", args=[mine.pk, line.pk])),
    ]
    for method, url in urls:
        assert not refused(world, ["applicant"], method, url, "%PDF", codes=("404",)), url
        assert type(attachment).objects.filter(pk=attachment.pk).exists()


def test_a_hidden_profile_by_its_id(world):
    from tests.matching.factories import profile_make

    hidden = profile_make(visibility="hidden", presentation="Profilo nascosto zq9")
    url = reverse("matching:profile_detail", args=[hidden.pk])
    members = ("member", "other_group", "coordinator", "applicant", "owner", "board")
    assert not refused(world, ("visitor", "participant", *members), "GET", url, "zq9")
    directory = send(world["clients"]["member"], "GET", reverse("matching:directory"))
    assert hidden.display_name.encode() not in body(directory)
    own = send(world["clients"]["member"], "GET", url)  # the test can fail: a visible one shows
    assert outcome(own) in ("403", "404")


def test_a_thread_of_another_group_by_its_id(world):
    """A thread of a group the person is not in, by its id: under its own group's URL and under
    the person's group's URL (the id moved across groups) — not found, never its text."""
    from tests.workgroups.factories import PostFactory, ThreadFactory, WorkingGroupFactory

    elsewhere = WorkingGroupFactory()
    thread = ThreadFactory(group=elsewhere, title="Discussione riservata kx7")
    PostFactory(thread=thread, body="Testo riservato kx7")
    own_group = world["group"].slug
    for slug in (elsewhere.slug, own_group):
        url = reverse("workgroups:thread_detail", kwargs={"slug": slug, "pk": thread.pk})
        roles = ("visitor", "participant", "member", "other_group", "coordinator", "owner")
        assert not refused(world, roles, "GET", url, "kx7"), url


def test_another_persons_certificate(world):
    certificate = world["certificate"]
    url = reverse("training:certificate_download", kwargs={"code": certificate.code})
    roles = (*STRANGERS, "coordinator", "co_applicant", "event_participant", "board")
    assert not refused(world, roles, "GET", url, "%PDF")
    guessed = reverse("training:certificate_download", kwargs={"code": "A" * len(certificate.code)})
    assert outcome(send(world["clients"]["owner"], "GET", guessed)) == "404"
    assert outcome(send(world["clients"]["owner"], "GET", url)) == "200"


def test_the_online_link_of_a_session(world):
    """The online link shows only to the people enrolled, the trainer and staff — on the course's
    page and in its calendar file."""
    course = world["course"]
    link = "https://meet.example.org/corso-riservato-w4"
    course.sessions.update(online_url=link)
    roles = ("visitor", "participant", "member", "other_group", "applicant", "board")
    for name in ("training:course_detail", "training:course_ics"):
        kwargs = {"pk": course.pk}
        if name == "training:course_detail":
            kwargs["slug"] = course.slug
        url = reverse(name, kwargs=kwargs)
        for role in roles:
            response = send(world["clients"][role], "GET", url)
            assert link.encode() not in body(response), (name, role)
        for role in ("owner", "staff"):
            response = send(world["clients"][role], "GET", url)
            assert link.encode() in body(response), (name, role)


def test_an_events_agenda(world):
    event = world["matching_event"]
    for name in ("event_agenda", "event_agenda_pdf", "event_agenda_ics", "event_meeting_outcome"):
        kwargs = {"pk": event.pk}
        if name == "event_meeting_outcome":
            kwargs["meeting_pk"] = world["event_meeting"].pk
        url = reverse(f"community:{name}", kwargs=kwargs)
        roles = ("visitor", "participant", "member", "applicant", "trainer", "staff", "board")
        assert not refused(world, roles, "GET", url, "BEGIN:VCALENDAR"), name


def test_someone_elses_booking(world):
    booking = world["space_booking"]
    roles = ("participant", "member", "applicant", "event_participant", "board")
    for method, name in (("GET", "booking_ics"), ("POST", "booking_cancel")):
        url = reverse(f"spaces:{name}", args=[booking.pk])
        assert not refused(world, roles, method, url, "BEGIN:VCALENDAR"), name
    booking.refresh_from_db()
    assert booking.status == type(booking).objects.get(pk=booking.pk).status


def test_the_boards_export_file(world):
    export = world["export"]
    url = reverse("board:export_download", args=[export.pk])
    roles = ("visitor", "participant", "member", "coordinator", "owner", "staff")
    assert not refused(world, roles, "GET", url, "id\r\n1")
    assert b"id\r\n1" in body(send(world["clients"]["board"], "GET", url))


def test_someone_elses_notification(world):
    notification = world["notification"]
    roles = ("participant", "member", "coordinator", "board", "staff", "superuser")
    for method, name in (("GET", "open"), ("POST", "mark_read")):
        url = reverse(f"notifications:{name}", args=[notification.pk])
        assert not refused(world, roles, method, url, "Anna"), name
    notification.refresh_from_db()
    assert notification.read_at is None


def rows_written(client, url, data, model) -> int:
    """How many `model` rows a POST of `data` writes (undone afterwards)."""
    with transaction.atomic():
        before = model.objects.count()
        client.post(url, data)
        after = model.objects.count()
        transaction.set_rollback(True)
    return after - before


@pytest.mark.parametrize(
    ("name", "data", "model", "allowed"),
    [
        # an empty POST stops at the form; a filled one reaches the permission
        (
            "workgroups:meeting_rsvp",
            {"answer": "going"},
            "workgroups.MeetingRSVP",
            {"member", "coordinator", "owner", "board"},
        ),
        (
            "workgroups:proposal_comment",
            {"body": "Un commento"},
            "workgroups.ProposalComment",
            {"member", "coordinator", "owner", "board"},
        ),
    ],
)
def test_a_filled_form_writes_only_for_the_roles_allowed(world, name, data, model, allowed):
    from django.apps import apps

    model = apps.get_model(model)
    pk = world["meeting" if "meeting" in name else "proposal"].pk
    url = reverse(name, kwargs={"slug": world["group"].slug, "pk": pk})
    wrote = {
        role
        for role, client in world["clients"].items()
        if rows_written(client, url, data, model) > 0
    }
    assert wrote == allowed
