"""python manage.py import_calls --source incentivi|sedia|padigitale|csv FILE"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from calls.importers import READERS
from calls.services.imports import calls_import
from calls.tasks import announce_call


class Command(BaseCommand):
    help = (
        "Import funding calls from an open-data file. Idempotent: the source's id is the key; "
        "fields curated by staff are left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", required=True, choices=sorted(READERS))
        parser.add_argument("file")

    def handle(self, *args, source, file, **options):
        try:
            handle = open(file, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise CommandError(f"Cannot open {file}: {exc.strerror}") from None
        with handle:
            run = calls_import(source=source, file=handle)
        if run.error:
            raise CommandError(run.error)
        for call_id in run.opened_ids:
            transaction.on_commit(lambda pk=call_id: announce_call.delay(pk))
        self.stdout.write(
            f"{run.created} created, {run.updated} updated, {run.unchanged} unchanged, "
            f"{run.refused} refused"
        )
        for refusal in run.refusals:
            self.stdout.write(
                f"  refused {refusal['id'] or '-'} “{refusal['title']}”: {refusal['reason']}"
            )
