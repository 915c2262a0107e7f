"""Demo data in Italian, for trying the portal and for benchmarks (`--scale N`). Idempotent."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

# Apps seed in this order (the domains use the people that accounts creates).
SEED_ORDER = ["accounts", "workgroups", "calls", "training", "matching"]


class Command(BaseCommand):
    help = "Create the demo data: one account per role, and more with --scale."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="Grow large data sets for benchmarks (e.g. 10 → 1,000 more people).",
        )

    def handle(self, *args, scale, **options):
        if scale < 0:
            self.stderr.write("--scale must be 0 or more.")
            raise SystemExit(2)
        for label in SEED_ORDER:
            app_config = apps.get_app_config(label)
            try:
                module = import_module(f"{app_config.name}.seed")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app_config.name}.seed":
                    raise
                continue
            with transaction.atomic():
                module.seed(scale=scale, stdout=self.stdout)
            self.stdout.write(f"  {label}: ok")

        from coopportal.accounts.seed import DEMO_PASSWORD, ROLE_ACCOUNTS

        self.stdout.write(self.style.SUCCESS("Demo data ready. Accounts (password for all):"))
        for email, *_rest in ROLE_ACCOUNTS:
            self.stdout.write(f"  {email}")
        self.stdout.write(self.style.SUCCESS(f"Password: {DEMO_PASSWORD}"))
