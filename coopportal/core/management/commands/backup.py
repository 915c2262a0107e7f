"""`manage.py backup [--output FOLDER]`: the database and the media files (core.backup)."""

from django.core.management.base import BaseCommand, CommandError

from coopportal.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump custom format, or SQLite) and the media files."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="folder to create (default: backups/<UTC time>/)")

    def handle(self, *args, output=None, **options):
        try:
            folder = backup(output)
        except (BackupError, FileExistsError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
