"""Audit the installed packages for known vulnerabilities with pip-audit (make audit, make test).

pip-audit asks PyPI's vulnerability service about every installed release. Some machines reach a
PyPI mirror that serves packages but no vulnerability data (this project's development machines
do): pip-audit then reports every package as "not found" and "no known vulnerabilities", which
would be a false all-clear. So the audit first asks about a canary, Django 3.2.0, whose advisories
are public: when the service does not report them, the audit says plainly that it could not be
done, and fails only with --strict (`make audit`), so that `make test` stays usable offline.

A finding fails the audit unless its id is listed, with the reason, in SECURITY.md's table of
accepted advisories (lines of the form "| PYSEC-… | package | reason |").
"""

import argparse
import json
import re
import subprocess  # fixed command lines only  # nosec B404
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CANARY = "django==3.2.0"


def pip_audit(*args):
    command = [sys.executable, "-m", "pip_audit", "--progress-spinner", "off", "--format", "json"]
    result = subprocess.run(  # noqa: S603 - a fixed command line of our own  # nosec B603
        [*command, *args], capture_output=True, text=True, timeout=600, check=False
    )
    try:
        return json.loads(result.stdout), result
    except json.JSONDecodeError:
        return None, result


def service_answers():
    with tempfile.TemporaryDirectory() as folder:
        requirements = Path(folder) / "canary.txt"
        requirements.write_text(CANARY + "\n", encoding="utf-8")
        report, _result = pip_audit("-r", str(requirements), "--no-deps", "--disable-pip")
    if not report:
        return False
    return any(dependency.get("vulns") for dependency in report.get("dependencies", []))


def accepted_ids():
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\|\s*((?:PYSEC|GHSA|CVE)-[\w-]+)\s*\|", text, flags=re.MULTILINE))


def unexplained(report, accepted):
    """(package, version, advisory id) of every finding of pip-audit's JSON `report` whose id and
    aliases are all missing from `accepted`."""
    return [
        (dependency["name"], dependency["version"], vuln["id"])
        for dependency in report.get("dependencies", [])
        for vuln in dependency.get("vulns", [])
        if vuln["id"] not in accepted and not set(vuln.get("aliases", [])) & accepted
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="fail when no audit can be done")
    options = parser.parse_args()

    if not service_answers():
        print(
            "Dependency audit NOT done: the vulnerability service does not answer from this "
            f"machine (pip-audit found no advisory for the canary {CANARY})."
        )
        return 1 if options.strict else 0

    report, result = pip_audit("--skip-editable")
    if report is None:
        print(result.stdout, result.stderr, sep="\n")
        return 1
    findings = unexplained(report, accepted_ids())
    skipped = [d["name"] for d in report.get("dependencies", []) if d.get("skip_reason")]
    for name, version, vuln_id in findings:
        print(f"{name} {version}: {vuln_id}")
    print(
        f"Dependency audit: {len(report.get('dependencies', []))} packages, "
        f"{len(findings)} unexplained finding(s), {len(skipped)} not audited"
        + (f" ({', '.join(skipped)})" if skipped else "")
    )
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
