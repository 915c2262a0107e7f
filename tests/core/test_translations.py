import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = {
    lang: ROOT / "locale" / lang / "LC_MESSAGES" / "django.po" for lang in ("it", "en", "de", "fr")
}
SOURCES = [
    "coopportal",
    "board",
    "workgroups",
    "calls",
    "training",
    "matching",
    "community",
    "spaces",
    "templates",
    "manage.py",
]


@pytest.mark.parametrize("lang", sorted(CATALOGUES))
def test_catalogue_is_complete(lang):
    catalogue = polib.pofile(str(CATALOGUES[lang]))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert len(catalogue) > 50


@pytest.mark.parametrize("lang", sorted(CATALOGUES))
def test_translations_keep_every_placeholder(lang):
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
    for entry in polib.pofile(str(CATALOGUES[lang])):
        pairs = (
            [(entry.msgid, entry.msgstr)]
            if not entry.msgid_plural
            else [(entry.msgid_plural, text) for text in entry.msgstr_plural.values()]
        )
        for source, translated in pairs:
            wanted = set(placeholder.findall(source))
            # a singular may drop %(count)d ("One request"), never add unknown ones
            assert set(placeholder.findall(translated)) <= wanted | set(
                placeholder.findall(entry.msgid)
            ), entry.msgid
            if not entry.msgid_plural:
                assert set(placeholder.findall(translated)) == wanted, entry.msgid


def test_every_catalogue_holds_the_same_messages():
    def messages(lang):
        return {(e.msgctxt, e.msgid) for e in polib.pofile(str(CATALOGUES[lang]))}

    italian = messages("it")
    for lang in ("en", "de", "fr"):
        assert messages(lang) == italian, lang


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_every_string_in_the_code_is_in_the_catalogues(tmp_path):
    """makemessages on a copy of the code finds no message the catalogues lack."""
    for name in SOURCES:
        source = ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, target)
    (tmp_path / "locale" / "it" / "LC_MESSAGES").mkdir(parents=True)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "it", "--no-location"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "coopportal.settings.local",
            "PYTHONPATH": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stderr
    found = {e.msgid for e in polib.pofile(str(tmp_path / "locale/it/LC_MESSAGES/django.po"))}
    known = {e.msgid for e in polib.pofile(str(CATALOGUES["it"]))}
    assert found - known == set(), "run `make messages` and translate the new strings"
