"""Message ids are English: the English catalogue translates each one to itself.

Run by `make messages` after `makemessages`, so that locale/en is complete by construction.
"""

import sys

import polib

path = sys.argv[1] if len(sys.argv) > 1 else "locale/en/LC_MESSAGES/django.po"
catalogue = polib.pofile(path)
for entry in catalogue:
    if entry.msgid_plural:
        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
    else:
        entry.msgstr = entry.msgid
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
catalogue.metadata_is_fuzzy = False
catalogue.metadata["Language"] = "en"
catalogue.save(path)
print(f"{path}: {len(catalogue)} entries")
