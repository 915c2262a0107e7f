"""Fill the Italian catalogue from translations written beside the code, then list what is left.

Developers (and parallel branches) write the Italian of their new msgids in
locale/pending/<name>.json as {"msgid": "traduzione"} (a plural: {"msgid": ["una", "molte"]},
keyed by the singular or by "singular|plural").
`make messages` runs this after `makemessages`: it fills the empty or fuzzy entries it has a
translation for and prints the msgids still without Italian (tests/core/test_translations.py
fails while any is left). The JSON files can be deleted once their entries are in the catalogue.
"""

import json
import sys
from pathlib import Path

import polib

path = sys.argv[1] if len(sys.argv) > 1 else "locale/it/LC_MESSAGES/django.po"
pending = {}
for file in sorted(Path("locale/pending").glob("*.json")):
    for msgid, text in json.loads(file.read_text(encoding="utf-8")).items():
        # a plural may also be written "singular|plural": its key is the singular
        pending[msgid.split("|")[0] if isinstance(text, list) else msgid] = text

catalogue = polib.pofile(path)
filled, missing = 0, []
for entry in catalogue:
    empty = not (entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr)
    if not (empty or "fuzzy" in entry.flags):
        continue
    text = pending.get(entry.msgid)
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
print(f"{path}: {filled} filled, {len(missing)} without Italian")
for msgid in missing:
    print(f"  missing: {msgid!r}")
