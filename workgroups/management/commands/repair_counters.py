"""Recompute the working groups' counters from the rows they count."""

from django.core.management.base import BaseCommand
from django.db import transaction

from workgroups.services.counters import recount_counters


class Command(BaseCommand):
    help = "Recompute members, posts, people going, endorsements and comments counters."

    def handle(self, *args, **options):
        with transaction.atomic():
            updated = recount_counters()
        self.stdout.write(
            self.style.SUCCESS(
                "Counters recomputed: {groups} groups, {threads} threads, {meetings} meetings, "
                "{proposals} proposals.".format(**updated)
            )
        )
