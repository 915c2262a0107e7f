"""`make soak`: a long mixed load on the portal as production runs it, and the memory it keeps.

Not in CI (it takes SOAK_SECONDS, 30 minutes by default). On the 10,000-people data set (or
SOAK_DATASET), the same server as `make bench` (bench/server.py: gunicorn, a Celery worker and
beat) gets the benchmark's mixed logged-in load (bench/load.py, every page as often, exponential
think time) for SOAK_SECONDS after SOAK_WARMUP seconds of the same load. Every SOAK_SAMPLE seconds
the resident memory (VmRSS) of every process of the web server (the gunicorn master and its
workers) and of the Celery worker (and its pool) is summed per role. The budget: from the end of the
warm-up (imports, caches and connections settled) to the end, each role's memory grows by at most
SOAK_LIMIT percent (10). The growth compares the median of the first three samples after the
warm-up with the median of the last three, so that one garbage collection does not decide it.

Writes bench/results/<date>-<commit>-soak.md and .json: machine, settings, the samples, the load's
percentiles and errors, and the budgets with `met`.

Environment: SOAK_SECONDS [1800], SOAK_WARMUP [120], SOAK_SAMPLE [30], SOAK_USERS [50],
SOAK_THINK [5], SOAK_LIMIT [10], SOAK_DATASET [10k].
"""

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import dataset
from bench.common import PYTHON, ROOT, SCALES, env_float, env_int
from bench.full import git_commit, log, machine, prepare
from bench.server import WORKERS, Server

RESULTS = ROOT / "bench" / "results"
ROLES = {"gunicorn": "web", "worker": "worker"}


def rss_kib(pid: int) -> int:
    """Resident memory of one process in KiB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return 0
    return 0


def group_members(pgid: int) -> list[int]:
    """Every process of the process group `pgid` (each server process starts its own session)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        if int(fields[2]) == pgid:  # after the name: state, ppid, pgrp
            members.append(int(entry.name))
    return members


def sample(server: Server) -> dict:
    """{role: {"mib": total resident memory, "processes": n}} of the server's processes now."""
    out = {}
    for name, role in ROLES.items():
        process, _log = server.processes[name]
        pids = group_members(process.pid)
        out[role] = {
            "mib": round(sum(rss_kib(pid) for pid in pids) / 1024, 1),
            "processes": len(pids),
        }
    return out


def growth(samples: list[dict], role: str, warmup: float) -> dict:
    """The role's memory after the warm-up and at the end (medians of three samples) and the
    growth between them in percent."""
    settled = [row for row in samples if row["t"] >= warmup]
    if len(settled) < 2:
        return {"start_mib": None, "end_mib": None, "percent": None}
    head = [row[role]["mib"] for row in settled[:3]]
    tail = [row[role]["mib"] for row in settled[-3:]]
    start, end = statistics.median(head), statistics.median(tail)
    return {
        "start_mib": start,
        "end_mib": end,
        "percent": round((end - start) / start * 100, 2) if start else None,
    }


def budgets_of(samples: list[dict], load: dict, warmup: float, limit: float) -> list[dict]:
    entries = []
    for role in ROLES.values():
        grown = growth(samples, role, warmup)
        entries.append(
            {
                "name": f"{role} processes: memory growth after the warm-up",
                "limit": f"≤ {limit:g} %",
                "value": grown["percent"],
                "unit": "%",
                "met": grown["percent"] is not None and grown["percent"] <= limit,
                **grown,
            }
        )
    errors = sum(row.get("errors", 0) for row in load.get("mixed", {}).values())
    entries.append(
        {
            "name": "errors during the soak",
            "limit": "0",
            "value": errors,
            "unit": "requests",
            "met": errors == 0 and bool(load.get("mixed")),
        }
    )
    return entries


def markdown(result: dict) -> str:
    machine_, settings = result["machine"], result["settings"]
    lines = [
        f"# Soak {result['date']} at {result['commit']}",
        "",
        f"Machine: {machine_['cpu']}, {machine_['cores']} cores, {machine_['ram_gib']} GiB RAM, "
        f"load average {machine_.get('load_average')} at the start, "
        f"{result.get('load_average_end')} at the end.  ",
        "Settings: " + ", ".join(f"{k}={v}" for k, v in settings.items()) + ".  ",
        f"Data set: {result['database']}; {result['requests']:,} requests in "
        f"{settings['seconds']:g} s after {settings['warmup']:g} s of warm-up.",
        "",
        "| page | requests | errors | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, row in result["load"].get("mixed", {}).items():
        lines.append(
            f"| {name} | {row['requests']} | {row['errors']} | {row['p50_ms']} | "
            f"{row['p95_ms']} | {row['p99_ms']} |"
        )
    lines += [
        "",
        "## Memory (resident, MiB)",
        "",
        "| seconds | web | processes | worker | processes |",
        "|---:|---:|---:|---:|---:|",
    ]
    for row in result["samples"]:
        lines.append(
            f"| {row['t']:.0f} | {row['web']['mib']} | {row['web']['processes']} | "
            f"{row['worker']['mib']} | {row['worker']['processes']} |"
        )
    met = sum(1 for entry in result["budgets"] if entry["met"])
    lines += [
        "",
        f"## Budgets: {met} of {len(result['budgets'])} met",
        "",
        "| budget | limit | value | met |",
        "|---|---|---:|:---:|",
    ]
    for entry in result["budgets"]:
        value = "–" if entry["value"] is None else f"{entry['value']} {entry['unit']}"
        lines.append(
            f"| {entry['name']} | {entry['limit']} | {value} | {'yes' if entry['met'] else 'NO'} |"
        )
    return "\n".join(lines) + "\n"


def write(result: dict, directory: Path = RESULTS) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    stem = f"{result['date']}-{result['commit']}-soak"
    md, js = directory / f"{stem}.md", directory / f"{stem}.json"
    md.write_text(markdown(result))
    js.write_text(json.dumps(result, indent=2, default=str) + "\n")
    return md, js


def main():
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
    settings = {
        "seconds": env_float("SOAK_SECONDS", 1800),
        "warmup": env_float("SOAK_WARMUP", 120),
        "sample_every": env_float("SOAK_SAMPLE", 30),
        "users": env_int("SOAK_USERS", 50),
        "think": env_float("SOAK_THINK", 5),
        "limit_percent": env_float("SOAK_LIMIT", 10),
        "gunicorn_workers": WORKERS,
    }
    label = os.environ.get("SOAK_DATASET", "10k")
    name = f"coopportal_bench_{label}"
    result = {
        "date": datetime.now(UTC).date().isoformat(),
        "started_at": datetime.now(UTC).isoformat(),
        "commit": git_commit(),
        "machine": machine(),
        "settings": settings,
        "database": name,
    }
    dataset.ensure(name, SCALES[label], log=log)
    with tempfile.TemporaryDirectory(prefix="coopportal-soak-") as tmp:
        workdir = Path(tmp)
        with Server(name, workdir, log=log) as server:
            prepared = prepare(server, settings["users"])
            total = settings["warmup"] + settings["seconds"]
            plan = {
                "host": server.url,
                **prepared,
                "mixed_only": True,
                "warmup": 0,
                "burst": 0,
                "burst_users": 0,
                "users": settings["users"],
                "think": settings["think"],
                "duration": total,
            }
            (workdir / "plan.json").write_text(json.dumps(plan))
            log(
                f"soak: {settings['users']} users for {total:.0f} s, memory every "
                f"{settings['sample_every']:g} s"
            )
            samples, stop = [], threading.Event()
            started = time.monotonic()

            def sampler():
                while not stop.is_set():
                    samples.append({"t": round(time.monotonic() - started, 1), **sample(server)})
                    stop.wait(settings["sample_every"])

            thread = threading.Thread(target=sampler, daemon=True)
            thread.start()
            try:
                subprocess.run(
                    [
                        PYTHON,
                        str(ROOT / "bench" / "load.py"),
                        str(workdir / "plan.json"),
                        str(workdir / "load.json"),
                    ],
                    cwd=ROOT,
                    check=True,
                    timeout=total + 300,
                )
            finally:
                stop.set()
                thread.join()
            samples.append({"t": round(time.monotonic() - started, 1), **sample(server)})
            load = json.loads((workdir / "load.json").read_text())
    # the machine may be shared: its load at the end says whether the response times mean much
    result["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    result["samples"] = samples
    result["load"] = load
    result["requests"] = sum(row["requests"] for row in load.get("mixed", {}).values())
    result["budgets"] = budgets_of(samples, load, settings["warmup"], settings["limit_percent"])
    md, js = write(result)
    print(markdown(result))
    log(f"written {md.relative_to(ROOT)} and {js.name}")


if __name__ == "__main__":
    main()
