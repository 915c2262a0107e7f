"""Italian, English, German and French: every e-mail kind and every PDF, rendered in each language,
speaks that language (the catalogues themselves are checked complete in test_translations.py)."""

import io
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone, translation
from pypdf import PdfReader

from tests.factories import UserFactory, board_user

LANGUAGES = [code for code, _name in settings.LANGUAGES]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _words(text):
    return " ".join(text.split())


def _pdf_text(content):
    assert content.startswith(b"%PDF")
    return _words(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def _in(language, msgid):
    with translation.override(language):
        return translation.gettext(msgid)


def test_the_portal_offers_four_languages():
    assert LANGUAGES == ["it", "en", "de", "fr"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_email_kind_reaches_its_recipient_in_their_language(language):
    from coopportal.notifications import registry
    from coopportal.notifications.emails import build_message
    from coopportal.notifications.models import Notification, OutgoingEmail

    person = UserFactory(language=language, first_name="Vera")
    footer = _in(language, "Stop these e-mails:")
    assert language == "en" or footer != "Stop these e-mails:"
    kinds = registry.all_kinds()
    assert len(kinds) > 20
    for kind in kinds:
        names = set(PLACEHOLDER.findall(str(kind.message))) | set(
            PLACEHOLDER.findall(str(kind.subject))
        )
        context = {name: f"«{name}»" for name in names}
        notification = Notification.objects.create(
            recipient=person, kind=kind.name, context=context
        )
        row = OutgoingEmail.objects.create(
            recipient=person, kind=kind.name, notification=notification
        )
        message = build_message(row)
        with translation.override(language):
            body, subject = kind.render_message(context), kind.render_subject(context)
        with translation.override("en"):
            english = kind.render_message(context)
        assert message.subject.endswith(" ".join(subject.split())[:250]), kind.name
        assert _words(body) in _words(message.body), kind.name
        assert footer in message.body, kind.name
        if language != "en" and body != english:
            assert _words(english) not in _words(message.body), kind.name
        html = message.alternatives[0][0]
        assert html.startswith("<!DOCTYPE html>") or "<html" in html, kind.name
        assert f'lang="{language}"' in html, kind.name


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_daily_digest_speaks_its_recipients_language(language):
    from coopportal.notifications.emails import build_message
    from coopportal.notifications.models import Notification, OutgoingEmail

    person = UserFactory(language=language)
    digest = OutgoingEmail.objects.create(recipient=person, kind="", type="digest")
    for _ in range(2):
        Notification.objects.create(
            recipient=person, kind="workgroups.new_post", context={"person": "Anna"}, digest=digest
        )
    message = build_message(digest)
    with translation.override(language):
        expected = translation.ngettext(
            "Your daily summary: %(count)d news", "Your daily summary: %(count)d news", 2
        ) % {"count": 2}
    assert message.subject.endswith(expected)
    footer = _in(language, "Stop all e-mails from the portal:")
    assert language == "en" or footer != "Stop all e-mails from the portal:"
    assert footer in message.body


@pytest.fixture
def pdf_world(db, settings, tmp_path):
    """One of everything that is printed: a board meeting with a forwarded recommendation on its
    agenda, a report run, a course certificate and a matching event's agenda."""
    from board.models import AgendaEntry, BoardMeeting, ReportRun
    from tests.security.test_hostile_queries import _community_data, _training_attendance_data
    from tests.workgroups.factories import ProposalFactory

    settings.MEDIA_ROOT = tmp_path
    member, board = UserFactory(member=True), board_user()
    meeting = BoardMeeting.objects.create(
        title="CdA", starts_at=timezone.now() + timedelta(days=7), created_by=board
    )
    proposal = ProposalFactory(forwarded=True, title="Sportello unico")
    AgendaEntry.objects.create(meeting=meeting, proposal=proposal)
    run = ReportRun.objects.create(
        kind="assembly",
        period_start=timezone.localdate() - timedelta(days=30),
        period_end=timezone.localdate() + timedelta(days=1),
        requested_by=board,
    )
    community = _community_data(member)
    return {
        "meeting": meeting,
        "run": run,
        "certificate": _training_attendance_data(member, UserFactory(is_staff=True))["certificate"],
        "event": community["matching_event"],
        "registration": community["event_registration"],
    }


def _printed(name, world, language):
    from board import exports, packs
    from board.selectors import recommendation_list
    from board.services import reports
    from community.events.services.schedule_pdf import agenda_pdf
    from training.services.certificates import certificate_pdf

    if name == "certificate":
        return certificate_pdf(world["certificate"], language)
    if name == "event agenda":
        return agenda_pdf(world["event"], world["registration"], language)
    with translation.override(language):
        if name == "meeting pack":
            return packs.render_pack(world["meeting"])
        if name == "dossier":
            return exports.render_dossier(recommendation_list(), title=_in(language, "Dossier"))
        return reports.render_report(world["run"])


# a label each PDF prints, whose four translations all differ
PRINTED_LABELS = {
    "meeting pack": "Recommendations on the agenda",
    "dossier": "Contents",
    "report": "Period",
    "certificate": "This certifies that",
    "event agenda": "My agenda",
}


@pytest.mark.parametrize("name", sorted(PRINTED_LABELS))
def test_every_pdf_is_printed_in_each_language(pdf_world, name):
    label = PRINTED_LABELS[name]
    translations = {language: _in(language, label) for language in LANGUAGES}
    assert len(set(translations.values())) == len(LANGUAGES), translations
    for language in LANGUAGES:
        text = _pdf_text(_printed(name, pdf_world, language))
        assert _words(translations[language]) in text, (name, language)
        if language != "en":  # not left in English
            assert not re.search(rf"\b{re.escape(_words(label))}\b", text), (name, language)
