"""coopportal.core.http: the helpers every view uses to load, act, answer forms and serve files."""

from datetime import timedelta

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from coopportal.core.http import (
    act,
    act_on_form,
    form_status,
    get_or_404,
    role_required,
    safe_filename,
    serve_file,
)
from tests.factories import UserFactory
from tests.workgroups.factories import MembershipFactory, WorkingGroupFactory
from workgroups.models import Document, Meeting
from workgroups.services import meetings as meeting_services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _request(user=None, method="post"):
    request = getattr(RequestFactory(), method)("/somewhere/?x=1")
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _messages(request):
    return [(m.level_tag, str(m)) for m in get_messages(request)]


class ScheduleForm(forms.Form):
    title = forms.CharField(max_length=200)
    starts_at = forms.DateTimeField()
    ends_at = forms.DateTimeField()
    place = forms.CharField(required=False)


def _meeting_data(**overrides):
    start = timezone.now() + timedelta(days=3)
    data = {
        "title": "Incontro di prova",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
        "place": "Sede di Bologna",
    }
    return {**data, **overrides}


@pytest.fixture
def coordinator():
    return MembershipFactory(coordinator=True).user


def _schedule(coordinator):
    group = coordinator.group_memberships.get().group
    return lambda **data: meeting_services.meeting_schedule(group=group, by=coordinator, **data)


# get_or_404 --------------------------------------------------------------------------------


def test_get_or_404_gives_the_object_when_allowed():
    assert get_or_404("x") == "x"
    assert get_or_404("x", allowed=lambda user, obj: user == "ada", user="ada") == "x"


@pytest.mark.parametrize("obj", [None, "x"])
def test_get_or_404_missing_and_refused_are_the_same_404(obj):
    with pytest.raises(Http404) as missing:
        get_or_404(None)
    with pytest.raises(Http404) as refused:
        get_or_404(obj, allowed=lambda user, obj: False, user="ada")
    assert str(missing.value) == str(refused.value)


# act ---------------------------------------------------------------------------------------


def test_act_refused_service_becomes_a_translated_message_and_writes_nothing():
    outsider = UserFactory(member=True)
    group = WorkingGroupFactory()
    request = _request(outsider)
    data = ScheduleForm(_meeting_data())
    assert data.is_valid()
    with translation.override("it"):
        done = act(
            request,
            lambda: meeting_services.meeting_schedule(
                group=group, by=outsider, **data.cleaned_data
            ),
            success="Fatto.",
        )
    assert not done and done.value is None
    assert _messages(request) == [
        ("error", "Solo chi coordina il gruppo può programmare incontri.")
    ]
    assert not Meeting.objects.exists()


def test_act_success_shows_the_message_and_gives_back_the_result(coordinator):
    request = _request(coordinator)
    form = ScheduleForm(_meeting_data())
    assert form.is_valid()
    done = act(request, lambda: _schedule(coordinator)(**form.cleaned_data), success="Fatto.")
    assert done and done.value == Meeting.objects.get()
    assert _messages(request) == [("success", "Fatto.")]


def test_act_without_success_message_says_nothing(coordinator):
    request = _request(coordinator)
    form = ScheduleForm(_meeting_data())
    assert form.is_valid()
    assert act(request, lambda: _schedule(coordinator)(**form.cleaned_data), success=None)
    assert _messages(request) == []


# act_on_form -------------------------------------------------------------------------------


def test_act_on_form_puts_a_refusal_on_the_field_its_code_names(coordinator):
    start = timezone.now() + timedelta(days=3)
    form = ScheduleForm(_meeting_data(ends_at=(start - timedelta(hours=1)).isoformat()))
    request = _request(coordinator)
    done = act_on_form(
        request, form, _schedule(coordinator), success="Fatto.", field_codes={"ends_at"}
    )
    assert not done
    assert form.errors["ends_at"] == ["The meeting must end after it starts."]
    assert "__all__" not in form.errors
    assert _messages(request) == []
    assert form_status(form) == 400
    assert not Meeting.objects.exists()


def test_act_on_form_unmapped_code_is_a_form_wide_error(coordinator):
    start = timezone.now() + timedelta(days=3)
    form = ScheduleForm(_meeting_data(ends_at=(start - timedelta(hours=1)).isoformat()))
    assert not act_on_form(_request(coordinator), form, _schedule(coordinator), success="x")
    assert form.non_field_errors() == ["The meeting must end after it starts."]
    assert not Meeting.objects.exists()


def test_act_on_form_invalid_input_calls_nothing(coordinator):
    form = ScheduleForm(_meeting_data(starts_at="domani"))
    request = _request(coordinator)
    assert not act_on_form(request, form, _schedule(coordinator), success="Fatto.")
    assert "starts_at" in form.errors
    assert _messages(request) == []
    assert not Meeting.objects.exists()


def test_act_on_form_success_gives_back_what_the_service_made(coordinator):
    form = ScheduleForm(_meeting_data())
    request = _request(coordinator)
    done = act_on_form(request, form, _schedule(coordinator), success="Fatto.")
    assert done and done.value == Meeting.objects.get()
    assert _messages(request) == [("success", "Fatto.")]
    assert form_status(form) == 200


def test_act_on_form_errors_as_message_for_pages_that_redirect(coordinator):
    request = _request(coordinator)
    bad = ScheduleForm(_meeting_data(starts_at="domani"))
    assert not act_on_form(
        request, bad, _schedule(coordinator), success="x", errors_as_message=True
    )
    start = timezone.now() + timedelta(days=3)
    refused = ScheduleForm(_meeting_data(ends_at=(start - timedelta(hours=1)).isoformat()))
    assert not act_on_form(
        request, refused, _schedule(coordinator), success="x", errors_as_message=True
    )
    levels, texts = zip(*_messages(request), strict=True)
    assert levels == ("error", "error")
    assert texts[0].startswith("Please correct the form: ")
    assert texts[1] == "The meeting must end after it starts."
    assert not refused.errors  # the refusal went to the message, not the form
    assert not Meeting.objects.exists()


# form_status -------------------------------------------------------------------------------


def test_form_status():
    assert form_status(ScheduleForm()) == 200
    assert form_status(ScheduleForm({})) == 400
    valid = ScheduleForm(_meeting_data())
    assert form_status(valid) == 200


# serve_file --------------------------------------------------------------------------------


def _document(name, content=b"%PDF-1.4 prova"):
    group = WorkingGroupFactory()
    stored = default_storage.save(f"documents/{name}", ContentFile(content)) if content else name
    return Document.objects.create(
        group=group, title="Verbale", file=stored, content_type="application/pdf", size=10
    )


def test_serve_file_headers():
    document = _document("verbale.pdf")
    response = serve_file(
        document.file, filename="verbale.pdf", content_type="application/pdf", private=True
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="verbale.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 prova"


def test_serve_file_public_files_are_not_marked_private():
    document = _document("pubblico.pdf")
    response = serve_file(
        document.file, filename="pubblico.pdf", content_type="application/pdf", private=False
    )
    assert "Cache-Control" not in response
    response.close()


def test_serve_file_missing_on_disk_is_a_404():
    document = _document("documents/sparito.pdf", content=None)
    with pytest.raises(Http404):
        serve_file(document.file, filename="sparito.pdf", content_type="application/pdf")


@pytest.mark.parametrize(
    ("given", "header"),
    [
        ('ver"bale".pdf', 'attachment; filename="ver_bale_.pdf"'),
        ("riga\r\nSet-Cookie: x=1.pdf", 'attachment; filename="riga_Set-Cookie_ x=1.pdf"'),
        ("../../etc/passwd", 'attachment; filename="passwd"'),
        ("attività sociali.pdf", "attachment; filename*=utf-8''attivit%C3%A0%20sociali.pdf"),
        ("\n\n", 'attachment; filename="download"'),
    ],
)
def test_serve_file_makes_the_filename_safe(given, header):
    document = _document("verbale.pdf")
    response = serve_file(document.file, filename=given, content_type="application/pdf")
    assert response["Content-Disposition"] == header
    assert "\n" not in response["Content-Disposition"]
    response.close()


def test_safe_filename_keeps_plain_names():
    assert safe_filename("raccomandazioni-20261202.csv") == "raccomandazioni-20261202.csv"


# role_required -----------------------------------------------------------------------------


@role_required(lambda user: user.email.endswith("@cda.example"))
def _board_page(request):
    return HttpResponse("ok")


def test_role_required_sends_visitors_to_the_login_page():
    response = _board_page(_request(method="get"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert "somewhere" in response["Location"]


def test_role_required_refuses_other_roles():
    with pytest.raises(PermissionDenied):
        _board_page(_request(UserFactory(member=True, email="socio@example.org"), method="get"))


def test_role_required_admits_the_role():
    user = UserFactory(member=True, email="presidente@cda.example")
    assert _board_page(_request(user, method="get")).content == b"ok"


def test_board_pages_use_role_required(client, member_client, board_client):
    url = reverse("board:index")
    assert client.get(url).status_code == 302
    assert member_client.get(url).status_code == 403
    assert board_client.get(url).status_code == 200
