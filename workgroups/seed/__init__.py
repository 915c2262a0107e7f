"""Demo working groups, from the Smart in Progress texts (/work/shared/seeds/000_*, 001_*).

`seed(scale=0)` writes the named groups of the demo (named.py, from the texts in data.py): the three
groups of Smart in Progress with their phases, the four themes of the Milan workshop (open to
members, clients and partners) and a territorial group, each with members, discussions, meetings and
proposals in every status with their history. `scale=N` adds volume for benchmarks (scale.py).

Rows are written directly with the ORM (bulk_create for volume), not through the services: demo data
has a past (dates, decisions by other people) that the services, which act "now", cannot write.
Idempotent: named objects are looked up by slug or by (group, title); the scale data counts what the
"persona…" people already have and only adds what is missing.
"""

from django.utils import timezone

from coopportal.accounts.models import User
from coopportal.core.search import vector_refresh

from ..models import Meeting, Proposal, Thread, WorkingGroup
from ..services.counters import recount_counters
from .named import seed_named
from .rows import Touched
from .scale import seed_scale

__all__ = ["seed"]


def seed(*, scale=0, stdout=None):
    now = timezone.now()
    people = {u.email: u for u in User.objects.filter(email__endswith="@demo.coop")}
    touched = Touched()
    groups = seed_named(people=people, now=now, touched=touched)
    if scale:
        seed_scale(scale=scale, people=people, now=now, touched=touched)
    recount_counters(
        thread_ids=touched.threads, meeting_ids=touched.meetings, proposal_ids=touched.proposals
    )
    _fill_search_vectors()
    if stdout is not None:
        stdout.write(
            f"    {WorkingGroup.objects.count()} groups, {Proposal.objects.count()} proposals, "
            f"{Thread.objects.count()} threads, {Meeting.objects.count()} meetings"
        )
    return groups


def _fill_search_vectors():
    """The groups' and proposals' full-text vectors, for the rows that have none yet (nothing to
    do on SQLite, `make run`)."""
    for model in (WorkingGroup, Proposal):
        vector_refresh(model.objects.filter(search_vector__isnull=True), model.SEARCH_VECTOR)
