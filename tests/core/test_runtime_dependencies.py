"""Every library the portal's code imports is installed by `pip install .` (the Docker image,
`make run`), not only by the development extras `make test` installs: pypdf, which the long PDF
dossiers need, was once a development dependency only, so the image could not build them while
every test passed.

The imports are read from the source (every module of the portal's packages, tests and bench
left out); each top-level name outside the standard library must belong to a distribution that
the runtime dependencies of pyproject.toml bring, directly or through their own requirements.
"""

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["coopportal", "board", "workgroups", "calls", "training", "matching", "community",
            "spaces"]  # fmt: skip


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_closure() -> set[str]:
    """The distributions `pip install .` installs: the runtime requirements and, recursively,
    theirs (with the extras asked for, as `celery[redis]`)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pending = [Requirement(line) for line in project["dependencies"]]
    seen: dict[str, set[str]] = {}
    while pending:
        requirement = pending.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = _normal(requirement.name)
        extras = set(requirement.extras)
        if name in seen and extras <= seen[name]:
            continue
        seen[name] = seen.get(name, set()) | extras
        try:
            requires = metadata.requires(requirement.name) or []
        except metadata.PackageNotFoundError:
            continue
        for line in requires:
            sub = Requirement(line)
            if sub.marker is None or any(
                sub.marker.evaluate({"extra": extra}) for extra in ("", *seen[name])
            ):
                pending.append(sub)
    return set(seen)


def imported_top_levels() -> dict[str, str]:
    """{top-level module: a file importing it} for every absolute import of the portal's code."""
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                for name in names:
                    found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def test_every_imported_library_is_a_runtime_dependency():
    closure = runtime_closure()
    providers = metadata.packages_distributions()
    missing = []
    for module, where in sorted(imported_top_levels().items()):
        if module in sys.stdlib_module_names or module in PACKAGES:
            continue
        distributions = {_normal(d) for d in providers.get(module, [])}
        if not distributions & closure:
            missing.append(f"{module} ({where}): from {sorted(distributions) or 'nowhere'}")
    assert not missing, "imported but not installed by `pip install .`:\n" + "\n".join(missing)


def test_the_check_finds_a_development_only_library():
    """The check can fail: pytest is imported by no portal module and comes from the
    development extras only."""
    assert "pytest" not in runtime_closure()
    assert "django" in runtime_closure() and "kombu" in runtime_closure()
