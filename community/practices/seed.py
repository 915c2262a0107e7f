"""Demo data of the showcase: a dozen fictional cases in Italian (seed_data.py), most of them
published, one waiting for validation, one returned for changes with the staff's reason; linked
to the demo working groups, funding calls and courses where these exist. Idempotent: a case is
looked up by its title and made only when missing. `scale` adds `size("practices")` numbered
published cases (coopportal.core.seed_sizes)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from coopportal.accounts.models import Region, Sector
from coopportal.core.audit import log_action
from coopportal.core.search import vector_refresh
from coopportal.core.seed_bulk import insert_rows
from coopportal.core.seed_sizes import size

from .models import Practice
from .seed_data import CASES, PUBLISHED, RETURNED, SUBMITTED
from .services import linkable_calls, linkable_courses, linkable_groups

User = get_user_model()
STAFF_EMAIL = "staff@demo.coop"


def _by_title_start(queryset, starts):
    found = []
    for start in starts:
        match = queryset.filter(title__istartswith=start).order_by("pk").first()
        if match is not None:
            found.append(match)
    return found


@transaction.atomic
def seed(*, scale=0, stdout=None):
    now = timezone.now()
    existing = set(Practice.objects.values_list("title", flat=True))
    regions = {r.code: r for r in Region.objects.all()}
    sectors = {s.code: s for s in Sector.objects.all()}
    people = {u.email: u for u in User.objects.filter(email__endswith="@demo.coop")}
    staff = people.get(STAFF_EMAIL)
    made = []
    for (
        title, kind, status, proposer, region, sector, year, months_ago, organisation, summary,
        problem, actions, results, evidence, people_text, funding, transferability,
        groups, calls, courses, reason,
    ) in CASES:  # fmt: skip
        if title in existing:
            continue
        when = now - timedelta(days=30 * months_ago)
        practice = Practice.objects.create(
            title=title,
            kind=kind,
            status=status,
            proposer=people.get(proposer),
            region=regions.get(region),
            sector=sectors.get(sector),
            year=year,
            organisation=organisation,
            summary=summary,
            problem=problem,
            actions=actions,
            results=results,
            evidence=evidence,
            people=people_text,
            funding=funding,
            transferability=transferability,
            submitted_at=when - timedelta(days=7),
            published_at=when if status == PUBLISHED else None,
            decided_at=when if status == RETURNED else None,
            decided_by=staff if status in (PUBLISHED, RETURNED) else None,
            decision_reason=reason,
        )
        practice.groups.set(linkable_groups().filter(slug__in=groups))
        practice.calls.set(_by_title_start(linkable_calls(), calls))
        practice.courses.set(_by_title_start(linkable_courses(), courses))
        if status != SUBMITTED:
            log_action(
                target=practice,
                action=f"community.practice.{status}",
                by=staff,
                **{"from": "submitted", "to": status, "reason": reason},
            )
        made.append(practice.pk)
    if scale:
        _seed_scale(scale, now=now, regions=list(regions.values()), staff=staff)
    vector_refresh(Practice.objects.filter(search_vector__isnull=True), Practice.SEARCH_VECTOR)
    if stdout is not None and made:
        stdout.write(f"  good practices: {len(made)}")


SCALE_TITLE = "{title} (caso n. {n})"


def _seed_scale(scale, *, now, regions, staff):
    """`size("practices")` published cases, told like the named ones (their texts, numbered),
    proposed by scale members, streamed in (coopportal.core.seed_bulk). Idempotent: the numbered
    cases already there are not made again."""
    wanted = size("practices", scale)
    have = Practice.objects.filter(title__contains="(caso n. ").count()
    proposers = list(
        User.objects.filter(email__startswith="persona", membership_verified_at__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)[:wanted]
    )
    if have >= wanted or not proposers:
        return

    def rows():
        for n in range(have + 1, wanted + 1):
            case = CASES[n % len(CASES)]
            title = SCALE_TITLE.format(title=case[0], n=n)[:200]
            when = now - timedelta(days=n % 700)
            yield {
                "title": title, "slug": slugify(title)[:80], "kind": case[1],
                "status": PUBLISHED, "proposer_id": proposers[n % len(proposers)],
                "region_id": regions[n % len(regions)].pk if regions else None,
                "year": case[6], "organisation": case[8], "summary": case[9],
                "problem": case[10], "actions": case[11], "results": case[12],
                "evidence": case[13], "people": case[14], "funding": case[15],
                "transferability": case[16], "submitted_at": when - timedelta(days=7),
                "published_at": when, "decided_at": when,
                "decided_by_id": staff.pk if staff else None,
                "created_at": when, "updated_at": when,
            }  # fmt: skip

    insert_rows(Practice, rows())
