"""State machines, declared once per model, moved by one `transition()`.

A model declares its statuses (`Status(TextChoices)`), a module-level `TRANSITIONS` table
(`{Status.DRAFT: {Status.SUBMITTED, …}, …}`) and one `Workflow(...)` that says, per target status,
who may make the move (a predicate tested on the locked row), whether it needs a reason and which
`<event>_at` / actor / reason fields it sets::

    PROPOSAL = Workflow(
        model=Proposal,
        action="workgroups.proposal",
        table=TRANSITIONS,
        moves={
            Status.SUBMITTED: Move(Status.SUBMITTED, can_submit, stamp="submitted_at"),
            Status.WITHDRAWN: Move(Status.WITHDRAWN, can_withdraw, label=_("Withdraw")),
        },
    )

Only services change a status, through `transition(PROPOSAL, proposal, Status.SUBMITTED, by=user)`
inside `transaction.atomic`; notifications and counters follow in the service. Views and templates
ask `PROPOSAL.can(user, proposal, to)` or `PROPOSAL.available(user, proposal)` (a view passes
`PROPOSAL.available_moves(user, proposal)` to its template as `moves`, and the buttons show each
move's `label`); they never read the table or compare status strings. `status_check()` backs the
statuses with a `CheckConstraint`. Every `Workflow` registers itself; `all_workflows()` lists them
(tests/core/test_workflows.py checks each one).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import connections, models, router
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import log_action
from .exceptions import DomainError

# The codes transition() raises with (a Workflow may rename them through `codes=`).
ILLEGAL = "illegal_transition"
NOT_ALLOWED = "not_allowed"
REASON_REQUIRED = "reason_required"


@dataclass(frozen=True)
class Move:
    """One move into status `to`: who may make it and what it records."""

    to: str
    allowed: Callable[..., bool]  # (user, obj) -> bool: a rules predicate, run on the LOCKED row
    needs_reason: bool = False
    stamp: str | None = None  # "<event>_at" field set to now()
    actor_field: str | None = None  # FK to the user who made the move
    reason_field: str | None = None  # text field that keeps the reason
    guard: Callable[..., None] | None = None  # (obj) -> None; raises DomainError to refuse
    label: str = ""  # button text for templates and admin


_REGISTRY: dict[tuple[str, str], Workflow] = {}


@dataclass(frozen=True, eq=False)
class Workflow:
    """The state machine of `model.<field>`: the table of moves and, per target, its `Move`.

    `codes` renames the engine's refusal codes (`not_allowed`, `reason_required`) where a domain
    already answers with its own (e.g. `{"not_allowed": "forbidden"}`); `messages` replaces the
    default refusal text per engine code (`%(status)s` is the current status's label, `%(to)s`
    the target's).
    """

    model: type[models.Model]
    action: str  # audit prefix, e.g. "workgroups.proposal"
    table: Mapping[str, Iterable[str]]
    moves: Mapping[str, Move]
    error: type[DomainError] = DomainError
    field: str = "status"
    codes: Mapping[str, str] = dataclasses.field(default_factory=dict)
    messages: Mapping[str, str] = dataclasses.field(default_factory=dict)
    register: bool = True  # False: not listed by all_workflows() (a test's throwaway workflow)
    # (locked row, status it left) -> details that complete or replace the audit event's
    # {"from", "to", "reason"}: e.g. a proposal's answer is told as a move "from" its status.
    audit: Callable[..., Mapping] | None = None

    def __post_init__(self):
        if self.register:
            _REGISTRY[(self.model._meta.label, self.field)] = self

    def __repr__(self):
        return f"Workflow({self.model._meta.label}.{self.field})"

    # --- reading -------------------------------------------------------------------------
    def state(self, obj) -> str:
        return getattr(obj, self.field)

    def targets(self, obj) -> frozenset[str]:
        """The statuses the table allows from `obj`'s current one (who may is not asked)."""
        return frozenset(self.table.get(self.state(obj), ()))

    def can(self, user, obj, to: str) -> bool:
        """The table allows the move and `user` may make it (for views, templates and admin)."""
        move = self.moves.get(to)
        return move is not None and to in self.targets(obj) and bool(move.allowed(user, obj))

    def available(self, user, obj) -> list[Move]:
        """The moves `user` may make on `obj` now, in the order they are declared."""
        return [move for to, move in self.moves.items() if self.can(user, obj, to)]

    def available_moves(self, user, obj) -> dict[str, Move]:
        """available() keyed by target status, for a page's buttons: the template asks
        `{% if moves.submitted %}` and shows `{{ moves.submitted.label }}`."""
        return {move.to: move for move in self.available(user, obj)}

    def label(self, value: str) -> str:
        """The translated label of a status value (from the model field's choices)."""
        return str(dict(self._field().flatchoices).get(value, value))

    def check(self) -> None:
        """Raise ImproperlyConfigured unless the table covers exactly the field's choices, every
        target is a choice with a Move, and the fields the moves set exist on the model."""
        model_field = self._field()
        values = {str(value) for value, _label in model_field.flatchoices}
        if model_field.blank:
            values.add("")  # a blank field starts empty: the table says where it may go from ""
        keys = {str(key) for key in self.table}
        problems = []
        if keys != values:
            problems.append(f"table keys {sorted(keys)} != choices {sorted(values)}")
        targets = {str(to) for tos in self.table.values() for to in tos}
        if targets - values:
            problems.append(f"targets {sorted(targets - values)} are not choices")
        if targets - {str(to) for to in self.moves}:
            problems.append(f"targets {sorted(targets - set(map(str, self.moves)))} have no Move")
        for to, move in self.moves.items():
            if str(move.to) != str(to):
                problems.append(f"moves[{to!r}].to is {move.to!r}")
            if str(to) not in values:
                problems.append(f"move {to!r} is not a choice")
            for name in (move.stamp, move.actor_field, move.reason_field):
                if name is not None and not self._has_field(name):
                    problems.append(f"move {to!r} sets {name!r}, which the model lacks")
        if problems:
            raise ImproperlyConfigured(f"{self!r}: " + "; ".join(problems))

    # --- helpers -------------------------------------------------------------------------
    def _field(self):
        return self.model._meta.get_field(self.field)

    def _has_field(self, name) -> bool:
        try:
            self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        return True

    def _refuse(self, code, default, obj, to=""):
        message = str(self.messages.get(code, default))
        if "%(" in message:
            message = message % {"status": self.label(self.state(obj)), "to": self.label(to)}
        return self.error(message, code=self.codes.get(code, code))


def transition(wf: Workflow, obj, to: str, *, by, reason: str = "", audit=None, **fields):
    """Move `obj` to status `to` by `by`, inside the caller's transaction; return the locked row.

    Locks the row alone (`select_for_update(of=("self",))`), checks the table, then the move's
    predicate on the locked row, then its guard and reason; sets the status, stamp, actor, reason
    and `fields`; saves those fields only and writes one audit event `<action>.<to>` (with the
    `audit` dict's extra data, e.g. the cause). The row returned carries `transition_from`, the
    status it left.
    """
    using = router.db_for_write(wf.model, instance=obj)
    if not connections[using].in_atomic_block:
        raise RuntimeError("transition() must run inside transaction.atomic")
    locked = wf.model._default_manager.using(using).select_for_update(of=("self",)).get(pk=obj.pk)
    previous = wf.state(locked)
    move = wf.moves.get(to)
    if move is None or to not in wf.targets(locked):
        raise wf._refuse(ILLEGAL, _("This cannot be done: it is %(status)s."), locked, to)
    if not move.allowed(by, locked):
        raise wf._refuse(NOT_ALLOWED, _("You are not allowed to do this."), locked)
    if move.guard is not None:
        move.guard(locked)
    reason = (reason or "").strip()
    if move.needs_reason and not reason:
        raise wf._refuse(REASON_REQUIRED, _("Please give a reason."), locked)

    changed = {wf.field: to}
    if move.stamp:
        changed[move.stamp] = timezone.now()
    if move.actor_field:
        changed[move.actor_field] = by if by is not None and by.is_authenticated else None
    if move.reason_field:
        changed[move.reason_field] = reason
    changed.update(fields)
    for name, value in changed.items():
        setattr(locked, name, value)
    update_fields = list(changed)
    if wf._has_field("updated_at") and "updated_at" not in update_fields:
        update_fields.append("updated_at")
    locked.save(update_fields=update_fields)
    locked.transition_from = previous  # the status it left, for the service
    details = {**(audit or {}), "from": str(previous), "to": str(to), "reason": reason}
    if wf.audit is not None:
        details.update(wf.audit(locked, previous))
    log_action(target=locked, action=f"{wf.action}.{to}", by=by, **details)
    return locked


def status_check(name: str, choices, field: str = "status") -> models.CheckConstraint:
    """A CheckConstraint that keeps `field` within `choices` (a TextChoices class or values)."""
    values = choices.values if hasattr(choices, "values") else choices
    values = sorted(str(value[0] if isinstance(value, tuple) else value) for value in values)
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": values}), name=name)


def all_workflows() -> list[Workflow]:
    """Every registered Workflow, after importing each installed app's models and workflows."""
    for app_config in apps.get_app_configs():
        for name in ("models", "workflows"):
            module = f"{app_config.name}.{name}"
            if find_spec(module) is not None:
                import_module(module)
    return sorted(_REGISTRY.values(), key=repr)
