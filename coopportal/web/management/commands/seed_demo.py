"""Demo data in Italian, for trying the portal and for benchmarks (`--scale N`). Idempotent.

`--scale N` grows every app linearly by the size table of coopportal.core.seed_sizes (`--scale
1000`: the large federation of issue 16, 100,000 people), in bulk (coopportal.core.seed_bulk:
COPY on PostgreSQL), then runs ANALYZE."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from coopportal.accounts.seed import DEMO_PASSWORD, ROLE_ACCOUNTS, ROLE_LABELS
from coopportal.core.discovery import all_modules
from coopportal.core.seed_bulk import analyze


class Command(BaseCommand):
    help = "Create the demo data: one account per role, and more with --scale."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="Grow large data sets for benchmarks, by coopportal/core/seed_sizes.py "
            "(100 people per unit: 1000 → 100,000 people).",
        )

    def handle(self, *args, scale, **options):
        if scale < 0:
            self.stderr.write("--scale must be 0 or more.")
            raise SystemExit(2)
        # bottom layer first (settings.PORTAL_LAYERS): people, then the domains that use them,
        # then the board area on top
        started = time.monotonic()
        for module in all_modules("seed"):
            with transaction.atomic():
                module.seed(scale=scale, stdout=self.stdout)
            self.stdout.write(f"  {module.__name__}: ok ({time.monotonic() - started:.1f} s)")
        if scale:
            analyze()  # the planner's statistics of the tables just filled

        self.stdout.write(self.style.SUCCESS("Demo data ready. Accounts (password for all):"))
        width = max(len(email) for email, *_rest in ROLE_ACCOUNTS)
        for email, *_rest in ROLE_ACCOUNTS:
            self.stdout.write(f"  {email:<{width}}  {ROLE_LABELS[email]}")
        self.stdout.write(self.style.SUCCESS(f"Password: {DEMO_PASSWORD}"))
        self.stdout.write(
            "Staff, board and admin set up an authenticator app (two-factor authentication) "
            "on their first visit to /admin/ or /board/."
        )
