"""The soak's harness (bench/soak.py) without the 30 minutes: memory read from /proc, the growth
and its verdict from given samples, the result files."""

import json
import os
import subprocess
import sys
import time

from bench import soak


def row(t, web, worker):
    return {
        "t": t,
        "web": {"mib": web, "processes": 6},
        "worker": {"mib": worker, "processes": 2},
    }


def test_resident_memory_of_a_process_group_is_read_from_proc():
    child = subprocess.Popen(
        [sys.executable, "-c", "import time; x = bytearray(40 * 2**20); time.sleep(30)"],
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 10
        while soak.rss_kib(child.pid) < 40 * 1024 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert soak.group_members(child.pid) == [child.pid]
        assert soak.rss_kib(child.pid) >= 40 * 1024  # the 40 MiB it holds
        assert os.getpid() not in soak.group_members(child.pid)
    finally:
        child.kill()
        child.wait()
    assert soak.rss_kib(child.pid) == 0  # gone: nothing, not an error


def test_growth_compares_the_medians_after_the_warm_up_with_the_last_ones():
    samples = [row(0, 50, 40), row(30, 300, 100)]  # the warm-up: not counted
    samples += [row(t, 400 + (t == 90) * 80, 100) for t in (60, 90, 120)]  # one peak (a GC late)
    samples += [row(t, 430, 112) for t in (150, 180, 210)]
    web = soak.growth(samples, "web", warmup=60)
    assert (web["start_mib"], web["end_mib"], web["percent"]) == (400, 430, 7.5)
    assert soak.growth(samples, "worker", warmup=60)["percent"] == 12.0
    entries = {e["name"]: e for e in soak.budgets_of(samples, {"mixed": {"home": {"errors": 0}}},
                                                     60, 10)}  # fmt: skip
    assert entries["web processes: memory growth after the warm-up"]["met"] is True
    assert entries["worker processes: memory growth after the warm-up"]["met"] is False
    assert entries["errors during the soak"]["met"] is True


def test_too_few_samples_or_no_load_is_not_met():
    entries = soak.budgets_of([row(0, 10, 10)], {}, 60, 10)
    assert [e["met"] for e in entries] == [False, False, False]
    assert entries[0]["value"] is None


def test_the_result_is_written_as_markdown_and_json(tmp_path):
    samples = [row(t, 400, 100) for t in (0, 60, 90, 120, 150)]
    load = {
        "mixed": {"home": {"requests": 10, "errors": 1, "p50_ms": 5, "p95_ms": 9, "p99_ms": 12}}
    }
    result = {
        "date": "2026-12-07",
        "commit": "abc1234",
        "machine": {"cpu": "test", "cores": 2, "ram_gib": 4, "load_average": [0.1, 0.1, 0.1]},
        "settings": {"seconds": 120, "warmup": 60},
        "database": "coopportal_bench_10k",
        "samples": samples,
        "load": load,
        "requests": 10,
        "budgets": soak.budgets_of(samples, load, 60, 10),
    }
    md, js = soak.write(result, tmp_path)
    assert md.name == "2026-12-07-abc1234-soak.md"
    text = md.read_text()
    assert "| home | 10 | 1 | 5 | 9 | 12 |" in text
    assert "| errors during the soak | 0 | 1 requests | NO |" in text
    assert json.loads(js.read_text())["budgets"][0]["met"] is True
