"""`manage.py restore FOLDER --yes`: load a backup into the configured database and MEDIA_ROOT."""

from django.core.management.base import BaseCommand, CommandError

from coopportal.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup folder made by `manage.py backup` (replaces the portal's data)."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument(
            "--yes", action="store_true", help="confirm that the current data may be replaced"
        )

    def handle(self, *args, folder, yes, **options):
        if not yes:
            raise CommandError("Restoring replaces the portal's data: add --yes to confirm.")
        try:
            manifest = restore(folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Restored the backup of {manifest['created']}"))
