"""The benchmark's harness (bench/, coopportal/core/bench.py) without any load: the budgets'
verdicts from given numbers, the result files, the seed hash, the baselines' absence outside the
bench settings."""

import json

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from bench import budgets, dataset
from coopportal.core import bench as core_bench


def page(p95, p99=None, errors=0, rps=50.0, requests=100, queries=5):
    return {
        "requests": requests,
        "errors": errors,
        "rps": rps,
        "p50_ms": p95 / 2,
        "p95_ms": p95,
        "p99_ms": p99 if p99 is not None else p95 * 1.5,
        "queries": queries,
    }


def measured(pages, ceiling_rps=200.0):
    data = {
        "baselines": {budgets.CEILING: {"rps": ceiling_rps}, budgets.BARE: {"rps": 900.0}},
        "mixed": pages,
        "saturation": {name: {"rps": row["rps"], "errors": 0} for name, row in pages.items()},
        "paths": {name: f"/{name}/" for name in pages},
    }
    data["pages"] = budgets.page_rows(data)
    return data


def verdicts(entries):
    return {entry["name"]: entry["met"] for entry in entries}


def test_page_budgets_met_and_not_met_from_the_numbers():
    small = measured({"home": page(40), "dashboard": page(60), "directory search": page(50)})
    large = measured(
        {
            "home": page(150, p99=400),  # exactly at the limits: met
            "dashboard": page(151, errors=1, rps=19.0),  # over, an error, under 10 %
            "directory search": page(101),  # a page, but not a search within budget
        }
    )
    result = verdicts(budgets.evaluate({"10k": small, "100k": large}, ["10k", "100k"]))
    assert result["home: p95"] is True
    assert result["home: p99"] is True
    assert result["home: errors"] is True
    assert result["home: saturated throughput / ceiling"] is True  # 50 / 200
    assert result["dashboard: p95"] is False
    assert result["dashboard: errors"] is False
    assert result["dashboard: saturated throughput / ceiling"] is False  # 19 / 200
    assert result["directory search: p95"] is True
    assert result["directory search: search p95"] is False
    # flat with the data: p95 at 100k ≤ 1.5 × p95 at 10k + 10 ms
    assert result["home: flat with the data"] is False  # 150 > 1.5 × 40 + 10
    assert result["directory search: flat with the data"] is False  # 101 > 85
    ok = measured({"home": page(70)})
    result = verdicts(
        budgets.evaluate({"10k": measured({"home": page(40)}), "100k": ok}, ["10k", "100k"])
    )
    assert result["home: flat with the data"] is True  # 70 ≤ 70


def test_growth_not_measured_on_one_data_set_is_not_met():
    entries = budgets.evaluate({"10k": measured({"home": page(10)})}, ["10k"])
    flat = next(e for e in entries if e["name"] == "home: flat with the data")
    assert flat["met"] is False
    assert flat["value"] is None


def test_seeding_budget():
    entries = budgets.evaluate(
        {"100k": measured({"home": page(10)})}, ["100k"], seeding={"scale": 1000, "seconds": 601}
    )
    assert verdicts(entries)["seeding (scale 1000)"] is False


def test_result_files_carry_every_budget_with_met(tmp_path):
    data = measured({"home": page(40)})
    result = {
        "label": "smoke",
        "date": "2026-12-06",
        "commit": "abc1234",
        "machine": {"cpu": "test", "cores": 2, "ram_gib": 4, "load_average": [0, 0, 0]},
        "versions": {"Python": "3"},
        "settings": {"users": 50},
        "datasets": {"10k": {**data, "database": "db", "scale": 100, "data_sizes": {"people": 1}}},
        "jobs": {"csv": {"seconds": 1.5, "peak_mib": 12.0}},
        "budgets": [
            *budgets.evaluate({"10k": data}, ["10k"]),
            {"name": "csv", "limit": "≤ 2 s", "value": 1.5, "unit": "s", "met": True},
        ],
    }
    md, js = budgets.write(result, tmp_path)
    assert md.name == "2026-12-06-abc1234-smoke.md"
    saved = json.loads(js.read_text())
    assert all(isinstance(entry["met"], bool) for entry in saved["budgets"])
    text = md.read_text()
    assert "| home | 50.0 | 0.250 |" in text
    assert "| home: flat with the data |" in text and "| NO |" in text
    assert "| csv | ≤ 2 s | 1.500 s | yes |" in text


def test_seed_hash_follows_the_seed_code_and_migrations(tmp_path):
    (tmp_path / "app" / "seed").mkdir(parents=True)
    (tmp_path / "app" / "migrations").mkdir()
    (tmp_path / "app" / "seed" / "rows.py").write_text("A = 1\n")
    (tmp_path / "app" / "migrations" / "0001_initial.py").write_text("")
    (tmp_path / "app" / "views.py").write_text("")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "seed_test.py").write_text("")
    names = {p.relative_to(tmp_path).as_posix() for p in dataset.seed_sources(tmp_path)}
    assert names == {"app/seed/rows.py", "app/migrations/0001_initial.py"}
    before = dataset.seed_hash(tmp_path)
    (tmp_path / "app" / "views.py").write_text("changed = True\n")
    assert dataset.seed_hash(tmp_path) == before
    (tmp_path / "app" / "seed" / "rows.py").write_text("A = 2\n")
    assert dataset.seed_hash(tmp_path) != before


@pytest.mark.django_db
def test_baselines_are_not_found_outside_the_bench_settings(client):
    assert client.get("/__bench/ceiling").status_code == 404
    assert client.get("/__bench/bare").status_code == 404
    with pytest.raises(RuntimeError):
        core_bench.make_application()


@override_settings(BENCH_VIEWS=True)
def test_bare_baseline_answers_before_django():
    application = core_bench.make_application()
    answered = {}
    body = application(
        {"PATH_INFO": core_bench.BARE_PATH, "REQUEST_METHOD": "GET"},
        lambda status, headers: answered.update(status=status),
    )
    assert answered["status"] == "200 OK"
    assert b"".join(body) == core_bench.BODY


@pytest.mark.django_db
def test_query_count_header():
    def two_queries(request):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.execute("SELECT 2")
        return HttpResponse("ok")

    response = core_bench.QueryCountMiddleware(two_queries)(RequestFactory().get("/"))
    assert response[core_bench.QUERIES_HEADER] == "2"


def test_the_jobs_json_is_read_from_the_jobs_script(tmp_path):
    from bench import full

    script = tmp_path / "jobs.py"
    script.write_text(
        "import json, sys\n"
        "args = sys.argv[1:]\n"
        "out = args[args.index('--json') + 1]\n"
        "budget = {'name': 'csv', 'limit': '≤ 2 s', 'value': 1.0, 'unit': 's', 'met': True}\n"
        "json.dump({'jobs': {'csv': {'seconds': 1.0, 'peak_mib': 3.0}}, 'budgets': [budget]},"
        " open(out, 'w'))\n"
    )
    jobs = full.run_jobs("db", None, tmp_path, script=script)
    assert jobs["jobs"]["csv"]["seconds"] == 1.0
    assert jobs["budgets"][0]["met"] is True
    assert full.run_jobs("db", None, tmp_path, script=tmp_path / "missing.py") is None
