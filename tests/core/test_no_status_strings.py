"""Pages never decide from status strings: templates do not compare a status with a literal, and
views neither import a `*_TRANSITIONS` table nor compare a status with a literal. Which moves a
person may make comes from the workflow (`WF.available_moves(user, obj)`, `WF.can(...)`); what a
status *is* comes from the model (`get_status_display`, `is_published`, `status_tone`).
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "templates").rglob("*.html")) + sorted(
    (ROOT / "templates").rglob("*.txt")
)
VIEW_MODULES = sorted(
    {
        *ROOT.glob("coopportal/*/views.py"),
        *ROOT.glob("coopportal/*/views/*.py"),
        *ROOT.glob("workgroups/views.py"),
        *ROOT.glob("workgroups/views/*.py"),
        *ROOT.glob("board/views.py"),
        *ROOT.glob("board/views/*.py"),
        *ROOT.glob("training/views/*.py"),
    }
)

TAG = re.compile(r"{%\s*(?:if|elif)\b(.*?)%}", re.DOTALL)
LITERAL = r"""(?:"[^"]*"|'[^']*')"""
STATUS = r"[\w.]*status\b"  # status, run.status, group.my_status, event.to_status …
STATUS_COMPARE = re.compile(
    rf"{STATUS}\s*(?:==|!=|(?:not\s+)?in\b)\s*[(\[]?\s*{LITERAL}"
    rf"|{LITERAL}\s*(?:==|!=)\s*{STATUS}"
)


def status_compares_in_template(text: str) -> list[str]:
    """The `{% if %}` / `{% elif %}` conditions of `text` that compare a status with a literal."""
    return [
        match.group(0)
        for tag in TAG.finditer(text)
        for match in STATUS_COMPARE.finditer(tag.group(1))
    ]


def _is_status(node) -> bool:
    name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
    return name == "status" or name.endswith("_status")


def _is_literal(node) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_is_literal(element) for element in node.elts)
    return False


def status_rules_in_view(source: str) -> list[str]:
    """What in a view module reads a TRANSITIONS table or compares a status with a literal."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            found += [f"imports {a.name}" for a in node.names if a.name.endswith("TRANSITIONS")]
        elif isinstance(node, ast.Attribute) and node.attr.endswith("TRANSITIONS"):
            found.append(f"reads .{node.attr} (line {node.lineno})")
        elif isinstance(node, ast.Name) and node.id.endswith("TRANSITIONS"):
            found.append(f"reads {node.id} (line {node.lineno})")
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_is_status(side) for side in sides) and any(_is_literal(s) for s in sides):
                found.append(f"compares a status with a string (line {node.lineno})")
    return found


def test_the_scans_find_templates_and_views():
    assert len(TEMPLATES) > 50
    names = {path.relative_to(ROOT).as_posix() for path in VIEW_MODULES}
    assert {"workgroups/views/proposals.py", "board/views/meetings.py"} <= names
    assert "coopportal/accounts/views.py" in names


@pytest.mark.parametrize(
    "text",
    [
        '{% if proposal.status == "published" %}',
        "{% elif run.status != 'failed' %}",
        '{% if endorsed and proposal.status == "published" %}',
        '{% if group.my_status == "active" %}',
        '{% if job.status in "pending running" %}',
        '{% if "done" == run.status %}',
        '{% if x and\n   item.status == "accepted" %}',
    ],
)
def test_the_template_scan_sees_a_status_compare(text):
    assert status_compares_in_template(text)


@pytest.mark.parametrize(
    "text",
    [
        "{% if proposal.is_published %}",
        "{% if moves.submitted %}{{ moves.submitted.label }}{% endif %}",
        "{% if value == status %} selected{% endif %}",  # a filter's chosen value, no literal
        '{% if group.join_policy == "approval" %}',  # not a status
        '{{ run.get_status_display }} {% translate "status" %}',
    ],
)
def test_the_template_scan_leaves_other_conditions_alone(text):
    assert not status_compares_in_template(text)


@pytest.mark.parametrize(
    "source",
    [
        "from ..models import MEETING_TRANSITIONS\n",
        "allowed = to in meeting.TRANSITIONS[meeting.status]\n",
        'shown = proposal.status == "published"\n',
        'shown = job.status in ("pending", "running")\n',
        'shown = "rejected" != proposal.answer_status\n',
    ],
)
def test_the_view_scan_sees_a_table_or_a_status_compare(source):
    assert status_rules_in_view(source)


@pytest.mark.parametrize(
    "source",
    [
        "moves = MEETING.available_moves(user, meeting)\n",
        "working = job.is_working\n",
        'return render(request, "x.html", context, status=400)\n',
        "if status not in Proposal.Status.values:\n    status = ''\n",
    ],
)
def test_the_view_scan_leaves_other_code_alone(source):
    assert not status_rules_in_view(source)


def test_no_template_compares_a_status_with_a_string():
    found = {}
    for path in TEMPLATES:
        compares = status_compares_in_template(path.read_text(encoding="utf-8"))
        if compares:
            found[path.relative_to(ROOT).as_posix()] = compares
    assert not found, (
        "Templates decide from status strings; use the workflow's moves (`moves.<status>`) or a "
        f"model property (`is_published`, `get_status_display`): {found}"
    )


def test_no_view_reads_a_transitions_table_or_compares_a_status_with_a_string():
    found = {}
    for path in VIEW_MODULES:
        rules = status_rules_in_view(path.read_text(encoding="utf-8"))
        if rules:
            found[path.relative_to(ROOT).as_posix()] = rules
    assert not found, (
        "Views decide from the table or from status strings; ask the workflow "
        f"(`WF.can`, `WF.available_moves`) or the model: {found}"
    )
