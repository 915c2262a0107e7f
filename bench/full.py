"""`make bench`: the portal under load as production runs it, on each data set, with budgets.

For each data set (smallest first): create/migrate/seed it when missing or stale (bench/dataset.py),
start gunicorn + Celery worker + beat under coopportal.settings.bench (bench/server.py), log people
in and pick the pages (bench/prepare.py), run the baselines, saturation and mixed load
(bench/load.py), then, on the largest data set, the jobs (bench/jobs.py, when it exists); stop the
server. Writes bench/results/<date>-<commit>.md and .json with every budget (bench/budgets.py).

Environment (defaults in brackets; bench/README.md):
  BENCH_SCALES [10k,100k]  which data sets: 10k (scale 100), 100k (scale 1000)
  BENCH_DATASETS           instead, explicit "database:scale,…" (e.g. coopportal_mine:5)
  BENCH_USERS [50] BENCH_THINK [5] s BENCH_DURATION [180] s   the mixed load
  BENCH_BURST [6] s BENCH_BURST_USERS [8] BENCH_WARMUP [15] s   saturation, warm-up
  BENCH_KEEP_DATA [0]      1: use existing databases as they are (no seed-code check)
  BENCH_LABEL [full]       written into the result's name unless "full" (e.g. smoke)
"""

import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import budgets, dataset
from bench.common import PYTHON, REDIS_URL, ROOT, SCALES, database_url, env_float, env_int
from bench.server import WORKERS, Server

RESULTS = ROOT / "bench" / "results"


def log(message):
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def chosen_datasets():
    explicit = os.environ.get("BENCH_DATASETS")
    if explicit:
        pairs = [item.split(":") for item in explicit.split(",") if item]
        found = [(name, name, int(scale)) for name, scale in pairs]
    else:
        labels = os.environ.get("BENCH_SCALES", "10k,100k").split(",")
        unknown = [label for label in labels if label not in SCALES]
        if unknown:
            sys.exit(f"BENCH_SCALES: unknown {unknown}; choose among {sorted(SCALES)}")
        found = [(label, f"coopportal_bench_{label}", SCALES[label]) for label in labels]
    return sorted(found, key=lambda item: item[2])


def durations():
    return {
        "users": env_int("BENCH_USERS", 50),
        "think": env_float("BENCH_THINK", 5),
        "duration": env_float("BENCH_DURATION", 180),
        "burst": env_float("BENCH_BURST", 6),
        "burst_users": env_int("BENCH_BURST_USERS", 8),
        "warmup": env_float("BENCH_WARMUP", 15),
    }


def machine():
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        kib = int(Path("/proc/meminfo").read_text().split()[1])
    except OSError:
        kib = 0
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": round(kib / 2**20, 1),
        # the machine is shared: how busy it was when the run began (1, 5, 15 minutes)
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def versions(postgres, django_version):
    from importlib.metadata import version

    import redis

    return {
        "Python": platform.python_version(),
        "Django": django_version,
        "PostgreSQL": postgres,
        "Redis": redis.Redis.from_url(REDIS_URL).info("server")["redis_version"],
        "gunicorn": version("gunicorn"),
        "Celery": version("celery"),
        "Locust": version("locust"),
    }


def git_commit():
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout

    commit = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    return commit + ("-dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def run_jobs(name, env, workdir, script=ROOT / "bench" / "jobs.py"):
    """bench/jobs.py's JSON ({"jobs": {…}, "budgets": […]}), or None while it does not exist."""
    if not script.exists():
        log("bench/jobs.py is not there yet: no jobs measured")
        return None
    out = workdir / "jobs.json"
    log("jobs (bench/jobs.py)")
    subprocess.run(
        [PYTHON, str(script), "--database-url", database_url(name), "--json", str(out)],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=env_float("BENCH_JOBS_TIMEOUT", 900),
    )
    return json.loads(out.read_text())


def prepare(server, users):
    """bench/prepare.py's JSON for the running `server`: the people logged in, the pages."""
    return json.loads(
        subprocess.run(
            [PYTHON, str(ROOT / "bench" / "prepare.py"), str(users)],
            env=server.env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
    )


def measure(label, name, scale, plan_base, workdir, with_jobs):
    seeded = dataset.ensure(name, scale, log=log)
    measured = {"database": name, "scale": scale, "seeding": dataset.seeding_record(name)}
    if seeded and measured["seeding"]:
        measured["seeding"]["this_run"] = True
    here = workdir / label
    here.mkdir()
    with Server(name, here, log=log) as server:
        prepared = prepare(server, plan_base["users"])
        plan = {**plan_base, "host": server.url, **prepared}
        (here / "plan.json").write_text(json.dumps(plan))
        expected = (
            plan["warmup"] + plan["burst"] * (len(plan["pages"]) + 2) + plan["duration"] + 120
        )
        log(f"load on {label}: {len(plan['pages'])} pages, about {expected - 120:.0f} s")
        subprocess.run(
            [
                PYTHON,
                str(ROOT / "bench" / "load.py"),
                str(here / "plan.json"),
                str(here / "load.json"),
            ],
            cwd=ROOT,
            check=True,
            timeout=expected,
        )
        load = json.loads((here / "load.json").read_text())
        measured.update(load)
        measured["data_sizes"] = prepared["data_sizes"]
        measured["people_logged_in"] = prepared["people"]
        measured["paths"] = {page["name"]: page["path"] for page in prepared["pages"]}
        measured["pages"] = budgets.page_rows(measured)
        jobs = run_jobs(name, server.env, here) if with_jobs else None
    return measured, prepared, jobs


def main():
    # a SIGTERM (a timeout, a CI cancel) unwinds like Ctrl-C: the servers are stopped on the way out
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
    started = time.monotonic()
    chosen = chosen_datasets()
    plan_base = durations()
    result = {
        "label": os.environ.get("BENCH_LABEL", "full"),
        "date": datetime.now(UTC).date().isoformat(),
        "started_at": datetime.now(UTC).isoformat(),
        "commit": git_commit(),
        "machine": machine(),
        "settings": {**plan_base, "gunicorn_workers": WORKERS},
        "datasets": {},
        "jobs": {},
        "budgets": [],
    }
    prepared = None
    with tempfile.TemporaryDirectory(prefix="coopportal-bench-") as tmp:
        workdir = Path(tmp)
        for index, (label, name, scale) in enumerate(chosen):
            measured, prepared, jobs = measure(
                label, name, scale, plan_base, workdir, with_jobs=index == len(chosen) - 1
            )
            result["datasets"][label] = measured
            if jobs:
                result["jobs"] = jobs.get("jobs", {})
                result["jobs_budgets"] = jobs.get("budgets", [])
    order = [label for label, _name, _scale in chosen]
    result["versions"] = versions(prepared["postgres"], prepared["django"])
    result["budgets"] = budgets.evaluate(
        result["datasets"], order, seeding=result["datasets"][order[-1]].get("seeding")
    ) + result.pop("jobs_budgets", [])
    result["seconds"] = round(time.monotonic() - started, 1)
    md, js = budgets.write(result, RESULTS)
    print(budgets.markdown(result))
    log(f"written {md.relative_to(ROOT)} and {js.name} in {result['seconds']:.0f} s")


if __name__ == "__main__":
    main()
