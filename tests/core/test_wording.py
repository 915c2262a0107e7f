"""Wording the portal keeps consistent: sentence case for labels ("Rendi principale", not "Rendi
Principale") and "e-mail" with a hyphen, in the portal's catalogues and in allauth's texts as the
portal shows them (corrected in coopportal/locale_overrides)."""

import re
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = [
    ROOT / "locale" / "it" / "LC_MESSAGES" / "django.po",
    ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po",
    ROOT / "coopportal" / "locale_overrides" / "it" / "LC_MESSAGES" / "django.po",
    ROOT / "coopportal" / "locale_overrides" / "en" / "LC_MESSAGES" / "django.po",
]
ALLAUTH = (
    Path(__import__("allauth").__file__).parent / "locale" / "it" / "LC_MESSAGES" / "django.po"
)

# proper nouns, acronyms and names that keep their capitals
PROPER = {
    "CdA", "PDF", "CSV", "XLSX", "ODT", "ODS", "DOCX", "PNG", "JPEG", "ISTAT", "Coop", "Portal",
    "Markdown", "Europe", "Rome", "Roma", "Italian", "English", "IP", "GDPR", "PEC", "DPO", "UE",
    "EU", "TOTP", "URL", "HTML", "ICS", "IBAN", "Garante", "EN", "IT", "OK", "I", "E-mail",
    "UTF-8", "JSON", "PNRR", "Italy", "Italia", "European", "Union", "Funding", "Tenders",
    # English capitalises months and weekdays (Italian does not)
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
    # product names, and the QR code and the sample code of a certificate
    "Google", "Calendar", "Outlook", "Apple", "Web", "QR", "ABCD-EFGH-JKMN",
    # image formats and their sizes
    "WebP", "MB",
}  # fmt: skip
WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'’-]*")
BARE_EMAIL = re.compile(r"(?<![-\w@.%(:/])[Ee]-?mails?(?![-\w])")


def _texts(path):
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        texts = [entry.msgstr, *entry.msgstr_plural.values()]
        yield entry.msgid, [text for text in texts if text]


def title_case(text):
    """Capitalised words other than proper nouns, counting a sentence's first word: two or more
    in one sentence is Title Case ("Rendi Principale")."""
    text = re.sub(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>|\*\*[^*]+\*\*", " ", text)
    for sentence in re.split(r"[.!?:;—–→()\n]\s*", text):  # → separates the steps of a menu
        words = WORD.findall(sentence)
        capitalised = [w for w in words if w[0].isupper() and w not in PROPER]
        if len(capitalised) >= 2 and len(words) <= 8:
            return True
    return False


def bare_email(text):
    text = re.sub(r"%\(\w+\)[sd]|\{\w+\}|mailto:[^\"']*", " ", text)
    return [m.group(0) for m in BARE_EMAIL.finditer(text) if "-" not in m.group(0)]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_labels_are_in_sentence_case(path):
    found = [(msgid, t) for msgid, texts in _texts(path) for t in texts if title_case(t)]
    assert found == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_writes_e_mail_with_a_hyphen(path):
    found = [(msgid, t) for msgid, texts in _texts(path) for t in texts if bare_email(t)]
    assert found == []


def test_the_scans_can_fail():
    assert title_case("Rendi Principale")
    assert not title_case("Rendi principale")
    assert not title_case("Riunione del CdA")
    assert bare_email("Cambia Email") and bare_email("il tuo indirizzo email")
    assert not bare_email("Cambia e-mail") and not bare_email("%(email)s")


@pytest.mark.parametrize("language", ["it", "en"])
def test_allauth_texts_as_the_portal_shows_them(language):
    """Every allauth account text, through the portal's catalogues: "e-mail", sentence case."""
    msgids = [
        entry.msgid
        for entry in polib.pofile(str(ALLAUTH))
        if not entry.obsolete
        and not entry.msgid_plural
        and not entry.msgctxt
        and any(o.startswith(("account/", "templates/account/")) for o, _ in entry.occurrences)
    ]
    with translation.override(language):
        shown = {msgid: translation.gettext(msgid) for msgid in msgids}
    assert [(k, v) for k, v in shown.items() if bare_email(v)] == []
    assert [(k, v) for k, v in shown.items() if title_case(v) and len(v) < 40] == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
def test_login_and_sign_up_say_e_mail(client, settings, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for name in ("account_login", "account_signup"):
        html = client.get(reverse(name)).content.decode()
        label = re.search(r'<label\s+for="id_(?:login|email)"[^>]*>\s*([^<*]+)', html).group(1)
        assert label.strip() == "E-mail", name
