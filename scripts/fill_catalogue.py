"""Fill a catalogue (Italian, German, French) from translations written beside the code, then
list what is left.

Developers (and parallel branches) write the translations of their new msgids in
locale/pending/<name>.json (Italian), locale/pending/<name>.de.json (German) and
locale/pending/<name>.fr.json (French) as {"msgid": "traduzione"} (a plural:
{"msgid": ["una", "molte"]}, keyed by the singular or by "singular|plural"; a msgid with a
context: "context\x04msgid", as gettext stores it).
`make messages` runs this for each language after `makemessages`: it fills the empty or fuzzy
entries it has a translation for and prints the msgids still without one
(tests/core/test_translations.py fails while any is left). The JSON files can be deleted once
their entries are in the catalogues.
"""

import json
import sys
from pathlib import Path

import polib

path = sys.argv[1] if len(sys.argv) > 1 else "locale/it/LC_MESSAGES/django.po"
language = Path(path).parts[-3]
files = sorted(Path("locale/pending").glob("*.json"))
if language == "it":
    files = [file for file in files if len(file.suffixes) == 1]
else:
    files = [file for file in files if file.suffixes[-2:] == [f".{language}", ".json"]]
pending = {}
for file in files:
    for msgid, text in json.loads(file.read_text(encoding="utf-8")).items():
        # a plural may also be written "singular|plural": its key is the singular
        pending[msgid.split("|")[0] if isinstance(text, list) else msgid] = text

catalogue = polib.pofile(path)
filled, missing = 0, []
for entry in catalogue:
    empty = not (entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr)
    if not (empty or "fuzzy" in entry.flags):
        continue
    text = pending.get(f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid)
    if text is None:
        missing.append(entry.msgid)
        continue
    if entry.msgid_plural:
        one, many = text if isinstance(text, list) else (text, text)
        entry.msgstr_plural = {0: one, 1: many}
    else:
        entry.msgstr = text
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.previous_msgid = entry.previous_msgid_plural = None
    filled += 1
catalogue.save(path)
print(f"{path}: {filled} filled, {len(missing)} without a translation")
for msgid in missing:
    print(f"  missing: {msgid!r}")
