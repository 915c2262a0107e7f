"""Benchmarks: time, queries and peak memory of the portal's pages on a large demo data set.

`make bench` runs it against its own PostgreSQL database (`<DATABASE_URL name>_bench`, created
and seeded once with `seed_demo --scale`), then writes bench/results/latest.json and prints a table.
Pages are requested in process with Django's test client (no network noise); each is warmed up,
then timed over --repeat runs: median and 95th percentile in milliseconds.
"""

import argparse
import json
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(database_url):
    import environ

    base = environ.Env.db_url_config(database_url)
    name = f"{base['NAME']}_bench"
    os.environ["DATABASE_URL"] = database_url.rsplit("/", 1)[0] + "/" + name
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopportal.settings.test")
    os.environ.pop("REDIS_URL", None)
    import psycopg

    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    return name


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    connection.queries_log.clear()  # a full log (9,000 entries) would make the capture look empty
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries.captured_queries)
    tracemalloc.start()
    client.get(url)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    timings.sort()
    return {
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
        "queries": query_count,
        "peak_kib": round(peak / 1024, 1),
    }


def enrol_second_factor(emails):
    """The board area asks staff and board members for an authenticator app first: the bench's
    accounts get one (the demo accounts of `make run` enrol on their first visit)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from coopportal.accounts.models import User

    for user in User.objects.filter(email__in=emails):
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, generate_totp_secret())


def workgroup_pages():
    """The busiest group's pages, as its coordinator sees them."""
    from django.db.models import Count

    from workgroups.models import Meeting, Proposal, Thread, WorkingGroup

    group = WorkingGroup.objects.annotate(n=Count("proposals")).order_by("-n").first()
    if group is None:
        return {}
    coordinator = group.memberships.filter(role="coordinator", status="active").first()
    who = coordinator.user.email if coordinator else "staff@demo.coop"
    pages = {
        "group list (member)": ("socia@demo.coop", "/groups/"),
        "group page (coordinator)": (who, group.get_absolute_url()),
        "proposal list (coordinator)": (who, f"{group.get_absolute_url()}proposals/"),
        "emerged (visitor)": (None, "/groups/emerged/"),
    }
    proposal = (
        Proposal.objects.filter(group=group, status="published")
        .order_by("-endorsements_count")
        .first()
    )
    thread = Thread.objects.filter(group=group).order_by("-posts_count").first()
    meeting = Meeting.objects.filter(group=group, status="published").first()
    for label, obj in (
        ("proposal page", proposal),
        ("thread page", thread),
        ("meeting page", meeting),
    ):
        if obj is not None:
            pages[f"{label} (coordinator)"] = (who, obj.get_absolute_url())
    return pages


def board_pages():
    """The board area as a board member sees it, on the busiest data."""
    from board.models import BoardMeeting
    from board.selectors import recommendation_list

    pages = {
        "board dashboard (board)": ("cda@demo.coop", "/board/"),
        "board answers (visitor)": (None, "/board/answers/"),
        "board meetings (board)": ("cda@demo.coop", "/board/meetings/"),
        "participation (board)": ("cda@demo.coop", "/board/figures/"),
        "reports (board)": ("cda@demo.coop", "/board/reports/"),
    }
    recommendation = recommendation_list().order_by("-endorsements_count").first()
    if recommendation is not None:
        pages["recommendation (board)"] = (
            "cda@demo.coop",
            f"/board/recommendations/{recommendation.pk}/",
        )
    meeting = BoardMeeting.objects.order_by("-starts_at").first()
    if meeting is not None:
        pages["board meeting (board)"] = ("cda@demo.coop", meeting.get_absolute_url())
    return pages


def calls_pages():
    """The funding calls: the catalogue as a visitor searches and filters it, the call with the
    most deadlines and documents, a member's own pages, the busiest application as its lead
    sees it, the calls to action."""
    from django.db.models import Count

    from calls.models import Application, FundingCall

    pages = {
        "calls list (visitor)": (None, "/calls/"),
        "calls search cultura (visitor)": (None, "/calls/?q=cultura"),
        "calls search + filters (visitor)": (
            None,
            "/calls/?q=cultura&region=03&funder_type=regional&beneficiary=cooperatives"
            "&days=90&status=all",
        ),
        "calls for me (member)": ("socia@demo.coop", "/calls/per-me/"),
        "my follows (member)": ("socia@demo.coop", "/calls/seguiti/"),
        "my applications (member)": ("socia@demo.coop", "/calls/candidature/"),
        "calls to action (member)": ("socia@demo.coop", "/calls/inviti-ad-agire/"),
    }
    call = (
        FundingCall.objects.filter(is_published=True)
        .annotate(n=Count("deadlines", distinct=True) + Count("documents", distinct=True))
        .order_by("-n", "pk")
        .first()
    )
    if call is not None:
        pages["call page (visitor)"] = (None, call.get_absolute_url())
    application = (
        Application.objects.annotate(
            n=Count("budget_lines", distinct=True)
            + Count("attachments", distinct=True)
            + Count("co_applicants", distinct=True)
        )
        .select_related("lead")
        .order_by("-n", "pk")
        .first()
    )
    if application is not None:
        pages["application page (lead)"] = (application.lead.email, application.get_absolute_url())
    return pages


def training_pages():
    """Training: the catalogue as a visitor searches and filters it, the course with the most
    sessions and people enrolled, a member's own pages, the register of the busiest session as
    staff see it, the needs."""
    from django.db.models import Count

    from training.models import Course, CourseSession

    pages = {
        "courses list (visitor)": (None, "/training/"),
        "courses search (visitor)": (None, "/training/?q=cooperativa&upcoming=on&has_seats=on"),
        "my training (member)": ("socia@demo.coop", "/training/mie/"),
        "training needs (member)": ("socia@demo.coop", "/training/bisogni/"),
        "feedback figures (staff)": ("staff@demo.coop", "/training/valutazioni/"),
    }
    course = (
        Course.objects.filter(status=Course.Status.PUBLISHED)
        .annotate(n=Count("enrolments", distinct=True) + Count("sessions", distinct=True))
        .order_by("-n", "pk")
        .first()
    )
    if course is not None:
        pages["course page (visitor)"] = (None, course.get_absolute_url())
        pages["course page (member)"] = ("socia@demo.coop", course.get_absolute_url())
    session = (
        CourseSession.objects.annotate(n=Count("course__enrolments")).order_by("-n", "pk").first()
    )
    if session is not None:
        pages["session register (staff)"] = (
            "staff@demo.coop",
            f"/training/corsi/{session.course_id}/sessioni/{session.pk}/registro/",
        )
    return pages


def matching_pages():
    """Member matching as a member uses it: the directory (all, an Italian search, a search with
    filters), the provinces, the suggestions, the partner finder of the call with the most
    sectors, the contacts; a profile page."""
    from django.db.models import Count

    from calls.models import FundingCall
    from matching.models import Profile

    pages = {
        "directory (member)": ("socia@demo.coop", "/matching/directory/"),
        "directory search (member)": ("socia@demo.coop", "/matching/directory/?q=contabilita"),
        "directory search + filters (member)": (
            "socia@demo.coop",
            "/matching/directory/?q=formazione&region=12&open=true&sector=P",
        ),
        "directory typo (member)": ("socia@demo.coop", "/matching/directory/?q=fotovoltaco"),
        "directory provinces (member)": ("socia@demo.coop", "/matching/directory/provinces/"),
        "suggestions (member)": ("socia@demo.coop", "/matching/suggestions/"),
        "my contacts (member)": ("socia@demo.coop", "/matching/contacts/"),
        "my profile (member)": ("socia@demo.coop", "/matching/profile/"),
    }
    call = (
        FundingCall.objects.filter(is_published=True)
        .annotate(n=Count("sectors"))
        .order_by("-n", "pk")
        .first()
    )
    if call is not None:
        pages["partner finder of a call (member)"] = (
            "socia@demo.coop",
            f"/matching/partners/call/{call.pk}/",
        )
    profile = Profile.objects.filter(user__email="conti.pescara@demo.coop").first()
    if profile is not None:
        pages["profile page (member)"] = ("socia@demo.coop", profile.get_absolute_url())
    return pages


def measure_call(function):
    """Seconds and queries of one call (e.g. an export of every recommendation), then its peak
    memory in a second call (tracemalloc slows Python down: never time under it)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        size = function()
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "seconds": round(elapsed, 2),
        "queries": len(queries.captured_queries),
        "peak_mib": round(peak / 2**20, 1),
        "size": size,
    }


def measure_board_files():
    """Exports of every forwarded recommendation, the figures computed cold, a meeting's pack."""
    import io
    from datetime import timedelta

    from django.core.cache import cache
    from django.utils import timezone

    from board import exports, figures, packs
    from board.models import BoardMeeting
    from board.selectors import recommendation_list

    queryset = recommendation_list()

    def csv_export():
        out = io.StringIO()
        return exports.write_csv(exports.export_rows(queryset), out)

    def xlsx_export():
        return exports.write_xlsx(queryset, io.BytesIO())

    def figures_cold():
        cache.clear()
        end = timezone.localdate()
        return len(figures.participation_figures(start=end - timedelta(days=365), end=end))

    results = {
        "CSV export (all)": measure_call(csv_export),
        "XLSX export (all)": measure_call(xlsx_export),
        "participation figures (cold cache)": measure_call(figures_cold),
    }
    meeting = BoardMeeting.objects.order_by("-starts_at").first()
    if meeting is not None:
        results["board pack PDF"] = measure_call(lambda: len(packs.render_pack(meeting)))
    return results


def measure_calls_files():
    """Staff's exports of every application (the admin's "select all"), CSV and XLSX."""
    import io

    from calls import exports
    from calls.models import Application
    from coopportal.core.spreadsheets import csv_lines, write_xlsx

    queryset = Application.objects.all()
    headers = exports.APPLICATION_HEADERS

    def csv_export():
        return sum(len(line) for line in csv_lines(headers, exports.application_rows(queryset)))

    def xlsx_export():
        out = io.BytesIO()
        write_xlsx([("candidature", headers, exports.application_rows(queryset))], out)
        return out.tell()

    return {
        "applications CSV export (all)": measure_call(csv_export),
        "applications XLSX export (all)": measure_call(xlsx_export),
    }


def measure_fan_out(count):
    """One event for `count` recipients, e-mailed at once: rows written, then rolled back."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from coopportal.accounts.models import User
    from coopportal.notifications.services import notify

    recipients = User.objects.filter(pk__in=User.objects.order_by("pk").values("pk")[:count])
    connection.queries_log.clear()
    tracemalloc.start()
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        recorded = notify("accounts.membership_approved", recipients, context={"number": "BENCH"})
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "recipients": recorded,
        "seconds": round(elapsed, 2),
        "queries": len(queries.captured_queries),
        "peak_mib": round(peak / 2**20, 1),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--scale", type=int, default=100, help="seed_demo --scale (100 people each)"
    )
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument(
        "--profiles",
        type=int,
        default=0,
        help="member matching profiles to hold (more member accounts are made for them)",
    )
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/coopportal")
    name = setup_django(database_url)

    from django.core.management import call_command
    from django.test import Client

    from coopportal.accounts.models import User

    call_command("migrate", verbosity=0)
    call_command("seed_demo", scale=args.scale, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    if args.profiles:
        from matching.seed.scale import PER_SCALE, seed_scale

        seed_scale(scale=args.profiles // PER_SCALE)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    people = User.objects.count()
    enrol_second_factor(["staff@demo.coop", "cda@demo.coop"])

    pages = {
        "home (visitor)": (None, "/"),
        "login page": (None, "/accounts/login/"),
        "dashboard (member)": ("socia@demo.coop", "/dashboard/"),
        "dashboard (staff)": ("staff@demo.coop", "/dashboard/"),
        "membership (participant)": ("candidato@demo.coop", "/me/membership/"),
        "profile (member)": ("socia@demo.coop", "/me/profile/"),
        "healthz": (None, "/healthz"),
        **workgroup_pages(),
        **board_pages(),
        **calls_pages(),
        **training_pages(),
        **matching_pages(),
    }
    results = {}
    for label, (email, url) in pages.items():
        client = Client()
        if email:
            client.force_login(User.objects.get(email=email))
        results[label] = measure(client, url, args.repeat)

    fan_out = measure_fan_out(min(people, 10_000))
    board_files = measure_board_files()
    calls_files = measure_calls_files()
    from matching.models import Profile

    report = {
        "database": name,
        "people": people,
        "profiles": Profile.objects.count(),
        "repeat": args.repeat,
        "pages": results,
        "fan_out": fan_out,
        "board_files": board_files,
        "calls_files": calls_files,
    }
    out = ROOT / "bench" / "results" / "latest.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(
        f"{people} people, {report['profiles']} profiles in {name}; {args.repeat} requests per page"
    )
    print(f"{'page':34} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'peak KiB':>9}")
    for label, row in results.items():
        print(
            f"{label:34} {row['median_ms']:>10} {row['p95_ms']:>8} {row['queries']:>8}"
            f" {row['peak_kib']:>9}"
        )
    print(
        f"notify() to {fan_out['recipients']} people: {fan_out['seconds']} s,"
        f" {fan_out['queries']} queries, peak {fan_out['peak_mib']} MiB (rolled back)"
    )
    for label, row in {**board_files, **calls_files}.items():
        print(
            f"{label}: {row['seconds']} s, {row['queries']} queries, peak {row['peak_mib']} MiB"
            f" (size {row['size']})"
        )
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
