"""Compile locale/*/LC_MESSAGES/*.po into .mo files with polib: no GNU gettext needed.

`make run` uses it so that a fresh machine needs nothing but Python; `makemessages` (which does
need gettext) is only for developers who add strings.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile the portal's .po catalogues into .mo files (pure Python)."

    def handle(self, *args, **options):
        compiled = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                try:
                    catalogue = polib.pofile(str(po_path))
                except (OSError, ValueError) as exc:
                    raise CommandError(f"{po_path}: {exc}") from exc
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                compiled += 1
        self.stdout.write(f"Compiled {compiled} catalogue(s).")
