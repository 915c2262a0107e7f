"""Demo data of the board area (run by `seed_demo` after the domains): a board meeting held last
month with its decisions and a follow-up to come, and a planned one with its agenda. Idempotent."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from workgroups.models import Proposal

from .models import AgendaEntry, BoardMeeting

HELD = "CdA di fine anno (demo)"
PLANNED = "CdA di inizio anno (demo)"


def seed(*, scale=0, stdout=None):
    if BoardMeeting.objects.filter(title__in=[HELD, PLANNED]).exists():
        return
    forwarded = list(
        Proposal.objects.filter(status=Proposal.Status.FORWARDED).order_by("forwarded_at", "pk")[:4]
    )
    board = get_user_model().objects.filter(email="cda@demo.coop").first()
    now = timezone.now()
    held = BoardMeeting.objects.create(
        title=HELD, starts_at=now - timedelta(days=20), place="Sede di Bologna, via Rossi 1",
        status=BoardMeeting.Status.HELD, held_at=now - timedelta(days=20), created_by=board,
    )  # fmt: skip
    planned = BoardMeeting.objects.create(
        title=PLANNED, starts_at=now + timedelta(days=25), place="Online",
        notes="Ordine del giorno preparato dallo staff.", created_by=board,
    )  # fmt: skip
    for position, proposal in enumerate(forwarded[:2], start=1):
        AgendaEntry.objects.create(
            meeting=held, proposal=proposal, position=position,
            discussion_summary="Il gruppo ha presentato la proposta; ampia discussione.",
            staff_notes="Costo stimato e tempi verificati dall'ufficio progetti.",
            decision="Approvata in via sperimentale per un anno.",
            decided_at=now - timedelta(days=20), decided_by=board,
            follow_up_on=timezone.localdate() + timedelta(days=10 * position),
        )  # fmt: skip
    for position, proposal in enumerate(forwarded[2:], start=1):
        AgendaEntry.objects.create(
            meeting=planned, proposal=proposal, position=position,
            staff_notes="Da approfondire: verificare la copertura di bilancio.",
        )  # fmt: skip
