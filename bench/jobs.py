"""The benchmark's jobs: exports, dossiers, the fan-out of one event, a call import, the scheduler.

    python bench/jobs.py --database-url postgres://…/coopportal_bench --json jobs.json [--only a,b]

Each job runs in a fresh child process (this script again, `--child NAME`), so its peak memory is
its own: the parent reads the child's peak resident set from `os.wait4` and the child reports its
resident set just before the job started (after Django and the job's libraries were loaded), so
`growth_mib` is what the job itself needed. Every job leaves the database as it found it: the work
happens inside a transaction that is rolled back, and what must be committed (the fan-out, which a
real worker writes) is deleted afterwards. When the data set has fewer rows than a job needs
(forwarded recommendations, people), the job creates what is missing inside its transaction.

Output: {"jobs": {name: {"seconds", "peak_mib", "growth_mib", "rows", …}}, "budgets": [{"name",
"limit", "value", "unit", "met"}]} — the budgets of issue 16 (bench/README.md).
"""

import argparse
import contextlib
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MIB = 1024 * 1024
FAN_OUT_RECIPIENTS = 5000
IMPORT_RECORDS = 5000
# real records of incentivi.gov.it (IODL 2.0, "Fonte: incentivi.gov.it"), beside the checkout
INCENTIVI_SAMPLE = Path(
    os.environ.get("BENCH_INCENTIVI_SAMPLE", ROOT.parent / "shared/data/incentivi/sample.json")
)
WORKER_TIMEOUT = 120  # seconds to wait for a worker to write the fan-out's rows

# name: (what it does, its arguments); the order is the order of the run
JOBS = {
    "board_csv_1000": ("board_export", {"format": "csv", "rows": 1000}),
    "board_csv_10000": ("board_export", {"format": "csv", "rows": 10_000}),
    "board_xlsx_10000": ("board_export", {"format": "xlsx", "rows": 10_000}),
    "dossier_pdf_200": ("board_export", {"format": "pdf", "rows": 200}),
    "dossier_pdf_2000": ("board_export", {"format": "pdf", "rows": 2000}),
    "applications_csv": ("applications_export", {"format": "csv"}),
    "applications_xlsx": ("applications_export", {"format": "xlsx"}),
    "fan_out_5000": ("fan_out", {"recipients": FAN_OUT_RECIPIENTS}),
    "call_import_5000": ("call_import", {"records": IMPORT_RECORDS}),
    "scheduler_300": ("scheduler", {"people": 300}),
}


# The child: one job -------------------------------------------------------------------------


def rss_mib() -> float:
    """The resident set of this process now (Linux /proc)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / MIB


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopportal.settings.test")
    import django

    django.setup()


class Rollback(Exception):
    pass


@contextlib.contextmanager
def rolled_back():
    """A transaction whose writes are undone at the end (and whose on-commit hooks never run)."""
    from django.db import transaction

    with contextlib.suppress(Rollback), transaction.atomic():
        yield
        raise Rollback


def board_user():
    """A board member who asks for the exports (the data set's, or one made in the transaction)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from coopportal.accounts.models import BOARD_GROUP

    User = get_user_model()
    user = User.objects.filter(groups__name=BOARD_GROUP, is_active=True).order_by("pk").first()
    if user is None:
        user = User.objects.create(email=f"bench-board-{uuid.uuid4().hex[:8]}@example.invalid")
        user.groups.add(Group.objects.get_or_create(name=BOARD_GROUP)[0])
    return user


def bench_day() -> datetime:
    """The day the recommendations of a job are "forwarded" on: tomorrow (the filters accept
    dates within two years), at 9:00 in Rome; nothing else in the data set is forwarded then."""
    from django.utils import timezone

    from board.exports import ROME

    tomorrow = timezone.localdate(timezone=ROME) + timedelta(days=1)
    return datetime.combine(tomorrow, datetime.min.time(), tzinfo=ROME) + timedelta(hours=9)


def mark_recommendations(count: int) -> dict:
    """Make exactly `count` forwarded recommendations match the filters returned (forwarded on
    `bench_day()`), copying forwarded ones first if the data set has fewer. Inside a transaction."""
    from django.db import connection

    from workgroups.models import Proposal

    forwarded = Proposal.objects.filter(status=Proposal.Status.FORWARDED)
    missing = count - forwarded.count()
    if missing > 0:
        copy_proposals(missing)
    ids = list(forwarded.order_by("-forwarded_at", "-pk").values_list("pk", flat=True)[:count])
    day = bench_day()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE workgroups_proposal SET forwarded_at = %s + (id %% 3600) * interval '1 second'"
            " WHERE id = ANY(%s)",
            [day, ids],
        )
        # the planner's statistics of the changed rows (inside the transaction, rolled back with
        # it), as autovacuum would have them on a data set of this size
        cursor.execute("ANALYZE workgroups_proposal")
    return {"forwarded_after": day.date().isoformat()}


def copy_proposals(missing: int) -> None:
    """Copies of the data set's proposals (forwarded ones first), as forwarded recommendations."""
    from django.db import connection

    from workgroups.models import Proposal

    columns = [f.column for f in Proposal._meta.concrete_fields if f.column not in ("id", "status")]
    names = ", ".join(columns)
    source = ", ".join(f"p.{c}" for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH src AS (
                SELECT *, row_number() OVER (ORDER BY (status = 'forwarded') DESC, id) AS n,
                       count(*) OVER () AS total
                FROM workgroups_proposal
            )
            INSERT INTO workgroups_proposal ({names}, status)
            SELECT {source.replace("p.forwarded_at", "coalesce(p.forwarded_at, now())")},
                   'forwarded'
            FROM generate_series(0, %s - 1) AS g(i)
            JOIN src AS p ON p.n = (g.i %% p.total) + 1
            """,  # noqa: S608 - column names from the model, values as parameters
            [missing],
        )


WARM_UP_ROWS = 100


def job_board_export(*, format, rows):
    """A board export as the board triggers it: `export_start` (more rows than answered at once:
    an ExportJob) then the Celery task's function, which writes the file to storage."""
    from board import tasks
    from board.models import ExportJob
    from board.services import exports as export_services

    if format == "pdf":
        import weasyprint  # noqa: F401 - loaded before the baseline, as in a worker
    else:
        import openpyxl  # noqa: F401
    result = {}
    with rolled_back():
        by = board_user()
        if format != "pdf":
            # a small export first, as a worker that has built one before: the code, templates
            # and query compilation it loads once are not what the rows cost (a CSV of 1,000
            # rows "grew" as much as one of 10,000)
            from django.test import override_settings

            warm_filters = mark_recommendations(WARM_UP_ROWS)
            with override_settings(BOARD_EXPORT_ASYNC_ABOVE=0):
                warm = export_services.export_start(by=by, format=format, filters=warm_filters)
                tasks.build_export(warm.pk)
        filters = mark_recommendations(rows)
        before = rss_mib()
        start = time.perf_counter()
        job = export_services.export_start(by=by, format=format, filters=filters)
        if job is None:
            raise RuntimeError("The export answered at once: raise the job's rows")
        tasks.build_export(job.pk)
        seconds = time.perf_counter() - start
        job = ExportJob.objects.get(pk=job.pk)
        if job.status != ExportJob.Status.DONE:
            raise RuntimeError(f"Export failed: {job.error}")
        result = {
            "seconds": seconds,
            "baseline_mib": before,
            "rows": job.done_rows,
            "file_mib": job.file.size / MIB,
        }
        if format == "pdf":
            from pypdf import PdfReader

            with job.file.open("rb") as handle:
                result["pages"] = len(PdfReader(handle).pages)
        job.file.delete(save=False)
    return result


def job_applications_export(*, format):
    """Staff's export of every application (the admin's action, calls.exports), to a file."""
    from calls import exports
    from calls.models import Application
    from coopportal.core.spreadsheets import csv_lines, write_xlsx

    if format == "xlsx":
        import openpyxl  # noqa: F401
    queryset = Application.objects.all()
    before = rss_mib()
    start = time.perf_counter()
    count = 0

    def counted():
        nonlocal count
        for row in exports.application_rows(queryset):
            count += 1
            yield row

    with tempfile.TemporaryFile() as out:
        if format == "csv":
            text = io.TextIOWrapper(out, encoding="utf-8", newline="")
            for line in csv_lines(exports.APPLICATION_HEADERS, counted()):
                text.write(line)
            text.flush()
            text.detach()
        else:
            write_xlsx([("candidature", exports.APPLICATION_HEADERS, counted())], out)
        size = out.tell()
    return {
        "seconds": time.perf_counter() - start,
        "baseline_mib": before,
        "rows": count,
        "file_mib": size / MIB,
    }


def start_worker(env):
    """A Celery worker of our own (queues of our own) for the fan-out."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "coopportal",
            "worker",
            "--pool",
            "solo",
            "-Q",
            f"{env['CELERY_QUEUE']},{env['CELERY_BULK_QUEUE']}",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process


def wait_for_worker(app, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if app.control.ping(timeout=1):
                return True
        time.sleep(0.5)
    return False


def job_fan_out(*, recipients):
    """One event to `recipients` people: `notify()` as a request calls it (in its transaction,
    timed until the commit and its hooks are done), then until every row is written (by a real
    worker, if Redis is configured), and how long an urgent notification for one person waits
    meanwhile. The rows are committed (a worker must read them), then deleted."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from calls.notifications import APPLICATION_STATUS, NEW_MATCHING_CALL
    from coopportal.celery import app
    from coopportal.notifications.models import Notification, OutgoingEmail
    from coopportal.notifications.services import notify

    User = get_user_model()
    created_users = []
    active = User.objects.filter(is_active=True)
    missing = recipients - active.count()
    if missing > 0:
        tag = uuid.uuid4().hex[:8]
        created_users = User.objects.bulk_create(
            [
                User(email=f"bench-fan-{tag}-{i}@example.invalid", password="!")
                for i in range(missing)
            ],
            batch_size=2000,
        )
    ids = list(active.order_by("pk").values_list("pk", flat=True)[:recipients])
    person = User.objects.create(email=f"bench-urgent-{uuid.uuid4().hex[:8]}@example.invalid")
    created_users.append(person)
    urgent_to = person.pk
    worker = None
    result = {}
    started_at = timezone.now()
    try:
        if os.environ.get("REDIS_URL"):
            worker = start_worker(dict(os.environ))
            if not wait_for_worker(app):
                raise RuntimeError("The bench's Celery worker did not start")
        rows = Notification.objects.filter(kind=NEW_MATCHING_CALL.name, created_at__gte=started_at)
        before = rss_mib()
        start = time.perf_counter()
        with transaction.atomic():
            notify(
                NEW_MATCHING_CALL.name,
                User.objects.filter(pk__in=ids),
                context={"search": "bench", "call": "bench", "funder": "bench"},
            )
        request = time.perf_counter() - start
        urgent_at = time.perf_counter()
        with transaction.atomic():
            notify(APPLICATION_STATUS.name, [urgent_to], context={"application": "bench"})
        deadline = time.monotonic() + WORKER_TIMEOUT
        written = done = urgent = None
        while time.monotonic() < deadline:
            if written is None and rows.count() >= len(ids):
                written = time.perf_counter() - start
            if urgent is None and not worker:
                urgent = 0.0
            if urgent is None:
                sent = OutgoingEmail.objects.filter(
                    kind=APPLICATION_STATUS.name,
                    recipient_id=urgent_to,
                    created_at__gte=started_at,
                    status=OutgoingEmail.Status.SENT,
                )
                if sent.exists():
                    urgent = time.perf_counter() - urgent_at
            if written is not None and urgent is not None:
                done = True
                break
            time.sleep(0.05)
        result = {
            "seconds": written if written is not None else float("nan"),
            "request_seconds": request,
            "urgent_delivery_seconds": urgent if urgent is not None else float("nan"),
            "baseline_mib": before,
            "rows": rows.count(),
            "complete": bool(done),
            "worker": bool(worker),
        }
    finally:
        if worker:
            worker.terminate()
            worker.wait(timeout=30)
        kinds = [NEW_MATCHING_CALL.name, APPLICATION_STATUS.name]
        made = Notification.objects.filter(kind__in=kinds, created_at__gte=started_at)
        OutgoingEmail.objects.filter(kind__in=kinds, created_at__gte=started_at).delete()
        made.delete()
        if created_users:
            User.objects.filter(pk__in=[u.pk for u in created_users]).delete()
    return result


def incentivi_file(records: int) -> bytes:
    """`records` records in the incentives catalogue's export format: the shared sample's real
    records, repeated under new ids (ID_Incentivo) and titles."""
    docs = json.loads(INCENTIVI_SAMPLE.read_text())["response"]["docs"]
    made = []
    for i in range(records):
        doc = dict(docs[i % len(docs)])
        doc["ID_Incentivo"] = f"bench-{i}"
        doc["Titolo"] = f"{doc['Titolo']} ({i})"
        made.append(doc)
    return json.dumps({"response": {"numFound": records, "start": 0, "docs": made}}).encode()


def job_call_import(*, records):
    """`import_calls --source incentivi` of `records` records (calls.services.imports)."""
    from calls.services.imports import calls_import

    data = incentivi_file(records)
    result = {}
    with rolled_back():
        before = rss_mib()
        start = time.perf_counter()
        handle = io.BytesIO(data)
        handle.name = "bench-incentivi.json"
        run = calls_import(source="incentivi", file=handle)
        seconds = time.perf_counter() - start
        if run.error:
            raise RuntimeError(run.error)
        result = {
            "seconds": seconds,
            "baseline_mib": before,
            "rows": run.created + run.updated + run.unchanged,
            "refused": run.refused,
        }
    return result


def scheduler_problem(people, *, slots=12, tables=100, requests=1200, seed=300):
    """A matching event's day: `people` participants, 40 % with chosen hours, `requests`
    accepted meetings to place at `tables` tables over `slots` slots, at most 8 each."""
    from community.events.scheduler import Problem, Request, Slot, Table

    rng = random.Random(seed)
    persons = list(range(people))
    availability = {
        p: frozenset(rng.sample(range(slots), rng.randint(1, slots)))
        if rng.random() < 0.4
        else frozenset()
        for p in persons
    }
    pairs, seen = [], set()
    while len(pairs) < requests:
        a, b = rng.sample(persons, 2)
        if (a, b) not in seen and (b, a) not in seen:
            seen.add((a, b))
            pairs.append(Request(len(pairs) + 1, (a, b), created=rng.randint(0, 10_000)))
    return Problem(
        slots=tuple(Slot(i, i * 30) for i in range(slots)),
        tables=tuple(Table(100 + i, i) for i in range(tables)),
        requests=tuple(pairs),
        availability=availability,
        max_per_person=8,
    )


def job_scheduler(*, people):
    """The matching-event scheduler (community/events/scheduler.py) on `people` participants."""
    from community.events.scheduler import schedule

    problem = scheduler_problem(people)
    before = rss_mib()
    start = time.perf_counter()
    result = schedule(problem)
    return {
        "seconds": time.perf_counter() - start,
        "baseline_mib": before,
        "rows": len(result.placements),
        "unplaced": len(result.unplaced),
    }


def run_child(name, database_url, out):
    kind, kwargs = JOBS[name]
    setup_django(database_url)
    with tempfile.TemporaryDirectory() as media:
        from django.conf import settings

        settings.MEDIA_ROOT = media
        result = globals()[f"job_{kind}"](**kwargs)
    Path(out).write_text(json.dumps(result))


# The parent: every job, the budgets ----------------------------------------------------------


def run_job(name, database_url, env):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = handle.name
    try:
        command = [sys.executable, __file__, "--database-url", database_url, "--child", name]
        process = subprocess.Popen([*command, "--result", out], cwd=ROOT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            return {"error": f"exit {process.returncode}"}
        result = json.loads(Path(out).read_text())
    finally:
        Path(out).unlink(missing_ok=True)
    result["peak_mib"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    result["growth_mib"] = result["peak_mib"] - result.pop("baseline_mib")
    return result


def budget(name, limit, value, unit, met):
    return {"name": name, "limit": limit, "value": value, "unit": unit, "met": bool(met)}


def budgets(jobs) -> list[dict]:
    def value(job, key):
        return jobs.get(job, {}).get(key, float("nan"))

    csv_small, csv_large = (
        value("board_csv_1000", "growth_mib"),
        value("board_csv_10000", "growth_mib"),
    )
    fan_out = jobs.get("fan_out_5000", {})
    return [
        budget("CSV of 10,000 recommendations: time", "≤ 2 s",
               value("board_csv_10000", "seconds"), "s", value("board_csv_10000", "seconds") <= 2),
        budget("CSV of 10,000 recommendations: memory growth", "≤ 30 MB",
               csv_large, "MiB", csv_large * MIB <= 30e6),
        # "does not grow with rows": 10 times the rows may not need more than 5 MiB more
        budget("CSV memory growth, 10,000 rows minus 1,000 rows", "≤ 5 MiB (flat)",
               csv_large - csv_small, "MiB", csv_large - csv_small <= 5),
        budget("XLSX of 10,000 recommendations: time", "≤ 10 s",
               value("board_xlsx_10000", "seconds"), "s",
               value("board_xlsx_10000", "seconds") <= 10),
        budget("PDF dossier of 200 recommendations (Celery task): time", "≤ 30 s",
               value("dossier_pdf_200", "seconds"), "s", value("dossier_pdf_200", "seconds") <= 30),
        budget("PDF dossier of 2,000 recommendations: peak memory", "≤ 500 MB",
               value("dossier_pdf_2000", "peak_mib"), "MiB",
               value("dossier_pdf_2000", "peak_mib") * MIB <= 500e6),
        budget("Fan-out to 5,000 recipients: the request", "≤ 200 ms",
               fan_out.get("request_seconds", float("nan")) * 1000, "ms",
               fan_out.get("request_seconds", float("nan")) <= 0.2),
        budget("Fan-out to 5,000 recipients: all rows written", "≤ 10 s",
               value("fan_out_5000", "seconds"), "s",
               value("fan_out_5000", "seconds") <= 10 and fan_out.get("complete")),
        budget("Notification for one person while the fan-out drains", "≤ 60 s",
               fan_out.get("urgent_delivery_seconds", float("nan")), "s",
               fan_out.get("urgent_delivery_seconds", float("nan")) <= 60),
    ]  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--json", help="write the results here")
    parser.add_argument("--only", help="comma-separated job names (default: all)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child, args.database_url, args.result)
        return
    names = args.only.split(",") if args.only else list(JOBS)
    unknown = set(names) - set(JOBS)
    if unknown:
        parser.error(f"unknown jobs: {', '.join(sorted(unknown))}")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    queue = f"bench-jobs-{uuid.uuid4().hex[:8]}"
    env.update(CELERY_QUEUE=queue, CELERY_BULK_QUEUE=f"{queue}-bulk", TEST_CELERY_QUEUE=queue)
    jobs = {}
    for name in names:
        started = time.perf_counter()
        jobs[name] = run_job(name, args.database_url, env)
        shown = {k: round(v, 3) if isinstance(v, float) else v for k, v in jobs[name].items()}
        print(f"{name}: {shown} ({time.perf_counter() - started:.1f} s)", flush=True)
    forget_queues(env, [queue, f"{queue}-bulk"])
    result = {"jobs": jobs, "budgets": budgets(jobs)}
    for row in result["budgets"]:
        mark = "met" if row["met"] else "NOT MET"
        print(f"  {mark:8} {row['name']}: {row['value']:.3f} {row['unit']} ({row['limit']})")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str) + "\n")


def forget_queues(env, queues):
    """Remove the bench's own queues from Redis (never anything else)."""
    url = env.get("REDIS_URL")
    if not url:
        return
    import redis

    client = redis.Redis.from_url(url)
    try:
        for queue in queues:
            client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    finally:
        client.close()


if __name__ == "__main__":
    main()
