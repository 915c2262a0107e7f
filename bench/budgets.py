"""The issue's budgets, checked against a run's numbers, and the result files (.md and .json).

Every budget is an entry {"name", "limit", "value", "unit", "met"} (the format of bench/jobs.py's
too). The page budgets are judged on the largest data set of the run; one that could not be
measured (a page missing, a single data set) has value null and `met` false.

"No page's time growing with the size of the data": for each page, p95 at the largest data set ≤
GROWTH_FACTOR × p95 at the smallest + GROWTH_SLACK_MS (the slack absorbs the noise of a few ms on
fast pages; the factor allows a tenfold data set a little more cache pressure, not a scan).
"""

import json

P95_MS = 150
P99_MS = 400
SEARCH_P95_MS = 100
SEARCH_PAGES = ("directory search", "suggestions", "calls search")
CEILING_RATIO = 0.10
GROWTH_FACTOR = 1.5
GROWTH_SLACK_MS = 10
SEEDING_SECONDS = 600
CEILING = "ceiling (middleware, logged in)"
BARE = "bare (no middleware)"


def entry(name, limit, value, unit, met, **extra):
    return {"name": name, "limit": limit, "value": value, "unit": unit, "met": bool(met), **extra}


def page_rows(dataset):
    """One row per page: the mixed load's times and errors, the saturated requests/s and their
    ratio to the ceiling, the queries."""
    ceiling = (dataset.get("baselines", {}).get(CEILING) or {}).get("rps")
    rows = {}
    mixed_rows = dataset.get("mixed", {})
    order = [name for name in dataset.get("paths", {}) if name in mixed_rows]
    order += [name for name in mixed_rows if name not in order]
    for name in order:
        mixed = mixed_rows[name]
        saturated = dataset.get("saturation", {}).get(name, {})
        rps = saturated.get("rps")
        rows[name] = {
            "rps": rps,
            "ratio": round(rps / ceiling, 3) if rps and ceiling else None,
            "p50_ms": mixed["p50_ms"],
            "p95_ms": mixed["p95_ms"],
            "p99_ms": mixed["p99_ms"],
            "requests": mixed["requests"],
            "errors": mixed["errors"] + saturated.get("errors", 0),
            "queries": mixed.get("queries") or saturated.get("queries"),
        }
    return rows


def evaluate(datasets, order, seeding=None):
    """The budgets of the pages: `datasets` maps a label to its measured numbers (with "pages"
    from page_rows), `order` lists the labels from the smallest data set to the largest."""
    budgets = []
    if not order:
        return budgets
    large_label, small_label = order[-1], order[0]
    large = datasets[large_label]["pages"]
    for name, row in large.items():
        at = {"dataset": large_label}
        budgets.append(
            entry(
                f"{name}: p95", f"≤ {P95_MS} ms", row["p95_ms"], "ms", row["p95_ms"] <= P95_MS, **at
            )
        )
        budgets.append(
            entry(
                f"{name}: p99", f"≤ {P99_MS} ms", row["p99_ms"], "ms", row["p99_ms"] <= P99_MS, **at
            )
        )
        budgets.append(
            entry(f"{name}: errors", "0", row["errors"], "requests", row["errors"] == 0, **at)
        )
        ratio = row["ratio"]
        budgets.append(
            entry(
                f"{name}: saturated throughput / ceiling",
                f"≥ {CEILING_RATIO:.0%}",
                ratio,
                "ratio",
                ratio is not None and ratio >= CEILING_RATIO,
                **at,
            )
        )
        if name in SEARCH_PAGES:
            budgets.append(
                entry(
                    f"{name}: search p95",
                    f"≤ {SEARCH_P95_MS} ms",
                    row["p95_ms"],
                    "ms",
                    row["p95_ms"] <= SEARCH_P95_MS,
                    **at,
                )
            )
        small = datasets[small_label]["pages"].get(name) if small_label != large_label else None
        limit = f"p95 ≤ {GROWTH_FACTOR} × p95 at {small_label} + {GROWTH_SLACK_MS} ms"
        if small is None:
            budgets.append(
                entry(
                    f"{name}: flat with the data",
                    limit,
                    None,
                    "ms",
                    False,
                    note="not measured: one data set in this run",
                    **at,
                )
            )
        else:
            bound = GROWTH_FACTOR * small["p95_ms"] + GROWTH_SLACK_MS
            budgets.append(
                entry(
                    f"{name}: flat with the data",
                    limit,
                    row["p95_ms"],
                    "ms",
                    row["p95_ms"] <= bound,
                    bound_ms=round(bound, 1),
                    **at,
                )
            )
    if seeding is not None:
        seconds = seeding.get("seconds")
        budgets.append(
            entry(
                f"seeding (scale {seeding.get('scale')})",
                f"≤ {SEEDING_SECONDS} s",
                seconds,
                "s",
                seconds is not None and seconds <= SEEDING_SECONDS,
            )
        )
    return budgets


def _cell(value, digits=1):
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def markdown(result):
    lines = [f"# Benchmark {result['date']} at {result['commit']} ({result['label']})", ""]
    machine, versions = result["machine"], result["versions"]
    lines += [
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['ram_gib']} GiB RAM, "
        f"load average {machine.get('load_average')} at the start.  ",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()) + ".  ",
        "Settings: " + ", ".join(f"{k}={v}" for k, v in result["settings"].items()) + ".",
        "",
    ]
    for label, dataset in result["datasets"].items():
        sizes = ", ".join(f"{k} {v:,}" for k, v in dataset.get("data_sizes", {}).items())
        lines += [f"## {label} ({dataset['database']}, scale {dataset['scale']})", "", sizes, ""]
        base = dataset.get("baselines", {})
        lines.append(
            f"Baselines (saturated): bare {_cell((base.get(BARE) or {}).get('rps'))} req/s, "
            f"ceiling {_cell((base.get(CEILING) or {}).get('rps'))} req/s."
        )
        mixed = dataset.get("mixed_load")
        if mixed:
            lines.append(
                f"Mixed load: {mixed['requests']} requests in {_cell(mixed['seconds'], 0)} s, "
                f"{_cell(mixed['answered_rps'])} req/s answered of "
                f"{_cell(mixed['offered_rps'])} req/s offered."
            )
        lines += [
            "",
            "| page | req/s saturated | ratio to ceiling | p50 ms | p95 ms | p99 ms | requests"
            " | errors | queries |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for name, row in dataset["pages"].items():
            lines.append(
                f"| {name} | {_cell(row['rps'])} | {_cell(row['ratio'], 3)} | "
                f"{_cell(row['p50_ms'])} | {_cell(row['p95_ms'])} | {_cell(row['p99_ms'])} | "
                f"{row['requests']} | {row['errors']} | {_cell(row['queries'])} |"
            )
        lines.append("")
    if result.get("jobs"):
        lines += ["## Jobs", "", "| job | seconds | peak MiB |", "|---|---:|---:|"]
        for name, job in result["jobs"].items():
            lines.append(
                f"| {name} | {_cell(job.get('seconds'), 2)} | {_cell(job.get('peak_mib'))} |"
            )
        lines.append("")
    budgets = result["budgets"]
    met = sum(1 for b in budgets if b["met"])
    lines += [
        f"## Budgets: {met} of {len(budgets)} met",
        "",
        "| budget | limit | value | met |",
        "|---|---|---:|:---:|",
    ]
    for b in budgets:
        value = "–" if b["value"] is None else f"{_cell(b['value'], 3)} {b['unit']}"
        lines.append(f"| {b['name']} | {b['limit']} | {value} | {'yes' if b['met'] else 'NO'} |")
    return "\n".join(lines) + "\n"


def write(result, directory):
    """bench/results/<date>-<commit>[-label].md and .json; the two paths."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = f"{result['date']}-{result['commit']}"
    if result["label"] != "full":
        stem += f"-{result['label']}"
    md, js = directory / f"{stem}.md", directory / f"{stem}.json"
    md.write_text(markdown(result))
    js.write_text(json.dumps(result, indent=2, default=str) + "\n")
    return md, js
