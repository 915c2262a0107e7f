"""Hostile input on every form of the calls app: the page comes back (200 or a 4xx, never a 500)
with a message that says what is wrong, and nothing is written — every table of the app, the
audit trail and the notifications have the same rows before and after.

The forms posted from the application's page (budget lines, attachments, invitations) redirect
back to it and show their errors as messages; the others render again with a 400."""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from calls.models import CallToAction, Criterion, FundingCall, ImportRun
from calls.services import applications as services
from calls.services import reviews
from coopportal.core.models import AuditEvent
from coopportal.notifications.models import Notification
from tests.calls.factories import FundingCallFactory
from tests.factories import UserFactory
from tests.helpers.html import form_values

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
BINARY_PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"  # as they are
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"PE\x00\x00"

BAD_AMOUNTS = [
    ("-5", "greater than or equal to 0.01"),
    ("0", "greater than or equal to 0.01"),
    ("-0.001", "greater than or equal to 0.01"),
    ("12.345", "no more than 2 decimal places"),
    ("0.001", "no more than 2 decimal places"),
    ("9999999999999", "less than or equal to 999999999999"),
    ("1" * 40, "no more than 14 digits"),
    ("1e400", "no more than 14 digits"),
    ("abc", "Enter a number"),
    ("12,50", "Enter a number"),  # a comma: not a number the field reads (yet)
    ("NaN", "Enter a number"),
    ("Infinity", "Enter a number"),
    ("-Infinity", "Enter a number"),
    ("0x10", "Enter a number"),
    ("1;DROP TABLE calls_application", "Enter a number"),
    ("\x00", "Enter a number"),
]


def _rows():
    """How many rows each table of the calls app, the audit trail and the notifications hold."""
    models = [*apps.get_app_config("calls").get_models(), AuditEvent, Notification]
    return {model._meta.label: model.objects.count() for model in models}


def _messages(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def lead(member):
    member.language = "en"
    member.save(update_fields=["language"])
    return member


@pytest.fixture
def lead_client(client, lead):
    client.force_login(lead)
    return client


@pytest.fixture
def call():
    return FundingCallFactory(title="Bando cultura", deadlines=[40])


@pytest.fixture
def draft(call, lead):
    return services.application_create(
        call=call, by=lead, title="Teatro di comunità", requested_amount="12000"
    )


# the application form --------------------------------------------------------------------------


@pytest.mark.parametrize(("amount", "error"), BAD_AMOUNTS)
def test_application_create_refuses_a_bad_amount(lead_client, call, amount, error):
    before = _rows()
    url = reverse("calls:application_create", args=[call.pk])
    response = lead_client.post(url, {"title": "Teatro", "requested_amount": amount})
    assert response.status_code == 400
    assert error in " ".join(response.context["form"].errors["requested_amount"])
    assert 'id="id_requested_amount"' in response.content.decode()
    assert _rows() == before


@pytest.mark.parametrize(("amount", "error"), BAD_AMOUNTS)
def test_application_edit_refuses_a_bad_amount_and_keeps_the_old_one(
    lead_client, draft, amount, error
):
    before = _rows()
    url = reverse("calls:application_edit", args=[draft.pk])
    response = lead_client.post(url, {"title": "Cambiato", "requested_amount": amount})
    assert response.status_code == 400
    assert error in " ".join(response.context["form"].errors["requested_amount"])
    assert _rows() == before
    draft.refresh_from_db()
    assert (draft.title, draft.requested_amount) == ("Teatro di comunità", Decimal("12000"))


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"title": "Teatro\x00"}, "title"),
        ({"title": "Teatro", "summary": "x" * 10001}, "summary"),
    ],
)
def test_application_form_refuses_bad_text(lead_client, call, draft, data, field):
    for url in (
        reverse("calls:application_create", args=[call.pk]),
        reverse("calls:application_edit", args=[draft.pk]),
    ):
        before = _rows()
        response = lead_client.post(url, data)
        assert response.status_code == 400
        assert response.context["form"].errors[field]
        assert _rows() == before


# budget lines ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("amount", "error"), BAD_AMOUNTS)
def test_budget_line_refuses_a_bad_amount(lead_client, draft, amount, error):
    before = _rows()
    url = reverse("calls:budget_line_add", args=[draft.pk])
    response = lead_client.post(url, {"description": "Affitto", "amount": amount}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == draft.get_absolute_url()
    (message,) = _messages(response)
    assert message.startswith("Please correct the form") and error in message
    assert _rows() == before


@pytest.mark.parametrize(
    "data",
    [
        {"description": "", "amount": "10"},
        {"description": "x" * 301, "amount": "10"},
        {"amount": "10"},
        {"description": "Affitto"},
        {},
    ],
)
def test_budget_line_refuses_a_missing_or_long_item(lead_client, draft, data):
    before = _rows()
    url = reverse("calls:budget_line_add", args=[draft.pk])
    response = lead_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert _messages(response)[0].startswith("Please correct the form")
    assert _rows() == before


# attachments -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("progetto.exe", EXE, "This type of file is not accepted"),
        ("progetto.pdf", EXE, "does not match its extension"),  # a renamed executable
        ("progetto.pdf", b"<html><script>alert(1)</script></html>", "does not match"),
        ("progetto.docx", PDF, "does not match its extension"),
        ("progetto", PDF, "This type of file is not accepted"),
        ("progetto.pdf.exe", PDF, "This type of file is not accepted"),
        ("progetto.pdf", b"", "The submitted file is empty"),
    ],
)
def test_attachment_refuses_a_wrong_file(lead_client, draft, settings, name, content, error):
    before = _rows()
    url = reverse("calls:attachment_add", args=[draft.pk])
    upload = SimpleUploadedFile(name, content)
    response = lead_client.post(url, {"title": "Progetto", "file": upload}, follow=True)
    assert response.status_code == 200
    (message,) = _messages(response)
    assert error in message
    assert _rows() == before
    assert not [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_attachment_refuses_a_file_too_big(lead_client, draft):
    from calls.models import ApplicationAttachment

    before = _rows()
    url = reverse("calls:attachment_add", args=[draft.pk])
    size = ApplicationAttachment.MAX_BYTES + 1  # a real PDF, one byte over the limit
    upload = SimpleUploadedFile("progetto.pdf", PDF + b"0" * (size - len(PDF)))
    response = lead_client.post(url, {"title": "Progetto", "file": upload}, follow=True)
    assert response.status_code == 200
    assert "The file is too large" in _messages(response)[0]
    assert _rows() == before


def test_attachment_refuses_no_file_and_a_title_too_long(lead_client, draft):
    url = reverse("calls:attachment_add", args=[draft.pk])
    for data in (
        {"title": "Progetto"},
        {"title": "x" * 201, "file": SimpleUploadedFile("a.pdf", PDF)},
    ):
        before = _rows()
        response = lead_client.post(url, data, follow=True)
        assert response.status_code == 200
        assert _messages(response)[0].startswith("Please correct the form")
        assert _rows() == before


# co-applicants ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "error"),
    [
        ("nobody@example.org", "No member has this e-mail address"),
        ("participant", "member"),
        ("inactive", "No member has this e-mail address"),
        ("self", "lead"),
        ("not an e-mail", "Enter a valid email address"),
        ("", "This field is required"),
        ("x" * 300 + "@example.org", "No member has this e-mail address"),
    ],
)
def test_co_applicant_invite_refuses_a_non_member_or_oneself(lead_client, draft, lead, who, error):
    if who == "participant":
        who = UserFactory().email
    elif who == "inactive":
        who = UserFactory(member=True, is_active=False).email
    elif who == "self":
        who = lead.email.upper()
    before = _rows()
    url = reverse("calls:co_applicant_invite", args=[draft.pk])
    response = lead_client.post(url, {"email": who}, follow=True)
    assert response.status_code == 200
    (message,) = _messages(response)
    assert error in message, message
    assert _rows() == before


def test_co_applicant_invite_refuses_inviting_twice(lead_client, draft, lead):
    other = UserFactory(member=True)
    url = reverse("calls:co_applicant_invite", args=[draft.pk])
    lead_client.post(url, {"email": other.email}, follow=True)  # its message shown
    before = _rows()
    response = lead_client.post(url, {"email": other.email}, follow=True)
    assert response.status_code == 200
    assert "already" in _messages(response)[0]
    assert _rows() == before


# reviews ---------------------------------------------------------------------------------------


@pytest.fixture
def review(draft, lead, staff):
    Criterion.objects.create(name="Qualità del progetto")
    Criterion.objects.create(name="Impatto sul territorio")
    submitted = services.application_submit(application=draft, by=lead)
    reviewer = UserFactory(member=True, language="en")
    review = reviews.review_assign(application=submitted, reviewer=reviewer, by=staff)
    reviews.review_declare(review=review, by=reviewer, conflict=False)
    return review


@pytest.mark.parametrize("score", ["0", "6", "-1", "3.5", "abc", "", "1e1", "٣", "\x00"])
def test_review_refuses_scores_outside_1_to_5(client, review, score):
    client.force_login(review.reviewer)
    first, second = Criterion.objects.order_by("pk")
    before = _rows()
    response = client.post(
        reverse("calls:review_detail", args=[review.pk]),
        {f"score_{first.pk}": score, f"score_{second.pk}": "4", "comment": "Buono"},
    )
    assert response.status_code == 400
    errors = response.context["score_form"].errors[f"score_{first.pk}"]
    assert "Select a valid choice" in errors[0] or "required" in errors[0]
    assert _rows() == before
    review.refresh_from_db()
    assert review.submitted_at is None and review.average is None


def test_review_refuses_a_missing_score_and_comments_too_long(client, review):
    client.force_login(review.reviewer)
    first, second = Criterion.objects.order_by("pk")
    url = reverse("calls:review_detail", args=[review.pk])
    for data in (
        {f"score_{first.pk}": "4"},
        {f"score_{first.pk}": "4", f"score_{second.pk}": "4", "comment": "x" * 10001},
        {f"score_{first.pk}": "4", f"score_{second.pk}": "4", f"note_{first.pk}": "x" * 2001},
    ):
        before = _rows()
        response = client.post(url, data)
        assert response.status_code == 400
        assert response.context["score_form"].errors
        assert _rows() == before


def test_review_conflict_declaration_refuses_an_unknown_answer(client, draft, lead, staff):
    submitted = services.application_submit(application=draft, by=lead)
    reviewer = UserFactory(member=True, language="en")
    review = reviews.review_assign(application=submitted, reviewer=reviewer, by=staff)
    client.force_login(reviewer)
    before = _rows()
    response = client.post(reverse("calls:review_detail", args=[review.pk]), {"conflict": "boh"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.context["conflict_form"].errors["conflict"][0]
    assert _rows() == before


# calls to action -------------------------------------------------------------------------------


@pytest.fixture
def action():
    return CallToAction.objects.create(
        title="Rigenerare l'ex mercato",
        slug="ex-mercato",
        theme="Rigenerazione urbana",
        body="Cerchiamo soci.",
        deadline_at=timezone.now() + timedelta(days=10),
        target=4,
    )


@pytest.mark.parametrize(
    ("contribution", "error"),
    [
        ("x" * 3001, "at most 3000 characters"),
        ("", "This field is required"),
        ("   ", "This field is required"),
        ("Io\x00", "Null characters are not allowed"),
    ],
)
def test_action_answer_refuses_bad_text(lead_client, action, contribution, error):
    before = _rows()
    response = lead_client.post(
        action.get_absolute_url(), {"contribution": contribution, "share_with_others": "on"}
    )
    assert response.status_code == 400
    assert error in response.context["form"].errors["contribution"][0]
    assert _rows() == before


# saved searches --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"name": "", "query": "q=cultura"}, "Give the search a name"),
        ({"name": "   ", "query": "q=cultura"}, "Give the search a name"),
        ({"name": "x" * 121, "query": "q=cultura"}, "at most 120 characters"),
        ({"name": "Cultura", "query": "q=" + "x" * 2000}, "at most 2000 characters"),
        ({"name": "Cultura", "query": ""}, "Choose a sector or a region"),
        ({"name": "", "query": "", "sector": "ZZ"}, "Select a valid choice"),
        ({"name": "Cultura", "query": "q=x\x00"}, "Null characters are not allowed"),
    ],
)
def test_saved_search_refuses_a_bad_name_or_query(lead_client, data, error):
    before = _rows()
    response = lead_client.post(reverse("calls:saved_search_create"), data, follow=True)
    assert response.status_code == 200
    (message,) = _messages(response)
    assert error in message, message
    assert _rows() == before


# the admin: imports and dates ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("bandi.exe", EXE, "Upload a .json or a .csv file"),
        ("bandi.pdf", PDF, "Upload a .json or a .csv file"),
        ("bandi", b"nome,altro\n", "Upload a .json or a .csv file"),
        ("bandi.csv", b"", "The submitted file is empty"),
        ("bandi.csv", EXE, "not a text file"),  # a renamed executable
        ("bandi.json", BINARY_PDF, "not a text file"),
        ("bandi.csv", "nome,ente\nè,à\n".encode("utf-16"), "not a text file"),
    ],
)
def test_admin_import_refuses_a_wrong_file(staff_client, staff, name, content, error):
    staff.language = "en"
    staff.save(update_fields=["language"])
    before = _rows()
    response = staff_client.post(
        reverse("admin:calls_importrun_add"),
        {"source": "csv", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert error in " ".join(response.context["adminform"].form.errors["file"])
    assert _rows() == before
    assert not ImportRun.objects.exists()


def test_admin_import_refuses_an_unknown_source(staff_client):
    before = _rows()
    response = staff_client.post(
        reverse("admin:calls_importrun_add"),
        {"source": "manual", "file": SimpleUploadedFile("bandi.csv", b"nome\n")},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["source"]
    assert _rows() == before


@pytest.mark.parametrize(
    "changes",
    [
        {"opens_at_0": "31/02/2026", "opens_at_1": "10:00:00"},
        {"opens_at_0": "domani", "opens_at_1": "10:00"},
        {"opens_at_0": "2026-13-01", "opens_at_1": "25:61"},
        {"deadlines-0-closes_at_0": "2026/99/99", "deadlines-0-closes_at_1": "12:00"},
        {"deadlines-0-closes_at_0": "\x00", "deadlines-0-closes_at_1": "12:00"},
    ],
)
def test_admin_call_refuses_dates_in_the_wrong_format(staff_client, changes):
    call = FundingCallFactory(title="Bando con date")
    url = reverse("admin:calls_fundingcall_change", args=[call.pk])
    data = form_values(staff_client.get(url).content.decode())
    before = _rows()
    response = staff_client.post(url, {**data, **changes})
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert _rows() == before
    fresh = FundingCall.objects.get(pk=call.pk)
    assert (fresh.opens_at, fresh.last_deadline_at) == (call.opens_at, call.last_deadline_at)
