"""The matching events' scheduler: places accepted meetings into time slots and tables.

A pure module: plain frozen dataclasses in (`Problem`), plain dataclasses out (`Schedule`); no
database, no clock, no randomness. The service that reads and writes the meetings is
services/schedule.py.

What it is given
    - the event's slots (`Slot`: id, start) and, for an on-site event, its tables (`Table`: id,
      position); `online=True` places meetings without a table;
    - each person's availability (a set of slot ids; missing or empty means every slot);
    - the accepted meetings to place (`Request`: id, the two people, the order they were made in);
    - the meetings already placed (`Booked`), which hold their two people and their table at their
      slot, and count for the per-person limit;
    - the per-person limit of meetings (None: no limit);
    - optionally pairs of slots that overlap in time: a person or a table busy at one of them is
      busy at the other too (slots are otherwise distinct times).

The algorithm (most constrained first, greedy, one bounded repair)
    1. Everything is sorted by stable keys first (slots by start then id, tables by position then
       id, meetings by creation order then id), so the same input gives the same schedule whatever
       order its lists come in.
    2. For every meeting to place, its *feasible* slots: the slots both people are available at,
       where neither is already busy (at that slot or one overlapping it) and a table is free.
    3. Repeatedly take the pending meeting with the fewest feasible slots (then the oldest, then the
       lowest id) and place it at its earliest feasible slot, at the free table with the lowest
       position. The feasible slots of the meetings that share a person, or that wanted the table
       just taken, shrink accordingly; a person who reaches the limit takes no more meetings.
    4. A meeting left with no feasible slot gets one repair attempt: at each common slot in time
       order, if exactly one meeting *placed in this run* stands in the way (it holds one of the two
       people, or the last table), that meeting is moved to its own earliest other feasible slot and
       this one takes its place. Meetings placed before the run are never moved, and a moved
       meeting is never moved twice in a row for the same request (depth one), so the run ends.
    5. What still cannot be placed is reported with the first reason that applies:
       `no_common_slot` (the two have no available slot in common), `person_limit` (one of them
       already has the maximum number of meetings), `no_table` (both are free at some common slot
       but no table is), `people_busy` (at every common slot one of them has another meeting).

Guarantees (tests/community/events/test_scheduler.py checks them on random input with
hypothesis): nobody and no table is booked twice at a slot (or at overlapping slots), every
placement is at a slot both people are available at, the limit is respected, and every meeting
to place comes out either placed or reported, never both.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

Id = Hashable  # ids are compared, so ints (or strings) of one kind per list


class Reason(StrEnum):
    NO_COMMON_SLOT = "no_common_slot"
    PEOPLE_BUSY = "people_busy"
    NO_TABLE = "no_table"
    PERSON_LIMIT = "person_limit"


@dataclass(frozen=True)
class Slot:
    id: Id
    start: Any  # a datetime, or anything that sorts in time order


@dataclass(frozen=True)
class Table:
    id: Id
    position: int = 0


@dataclass(frozen=True)
class Request:
    """An accepted meeting waiting for a slot: `people` are the two sides (registration ids)."""

    id: Id
    people: tuple[Id, Id]
    created: Any = 0  # sorts in creation order (a datetime or a counter)


@dataclass(frozen=True)
class Booked:
    """A meeting already placed before this run: it keeps its slot and its table (None: online)."""

    id: Id
    people: tuple[Id, Id]
    slot: Id
    table: Id | None = None


@dataclass(frozen=True)
class Problem:
    slots: tuple[Slot, ...]
    tables: tuple[Table, ...] = ()
    requests: tuple[Request, ...] = ()
    booked: tuple[Booked, ...] = ()
    availability: Mapping[Id, frozenset] = field(default_factory=dict)
    max_per_person: int | None = None
    overlaps: tuple[tuple[Id, Id], ...] = ()
    online: bool = False


@dataclass(frozen=True)
class Placement:
    meeting: Id
    slot: Id
    table: Id | None
    options: int  # feasible slots it had when it was placed
    moved_for: Id | None = None  # the meeting it made room for, when the repair moved it
    made_room: Id | None = None  # the meeting moved to make room for it

    @property
    def explanation(self) -> str:
        if self.made_room is not None:
            return _(
                "Placed after moving meeting %(moved)s to another slot: no other common slot "
                "was free."
            ) % {"moved": self.made_room}
        if self.moved_for is not None:
            return _("Moved to its earliest other free slot to make room for meeting %(for)s.") % {
                "for": self.moved_for
            }
        return ngettext(
            "The only slot free for both; the free table with the lowest number.",
            "The earliest of %(count)d slots free for both; the free table with the lowest number.",
            self.options,
        ) % {"count": self.options}


@dataclass(frozen=True)
class Unplaced:
    meeting: Id
    reason: Reason
    person: Id | None = None  # the person at the limit, for PERSON_LIMIT
    limit: int | None = None

    @property
    def explanation(self) -> str:
        if self.reason == Reason.NO_COMMON_SLOT:
            return _("The two sides have no available slot in common.")
        if self.reason == Reason.PERSON_LIMIT:
            return ngettext(
                "One side already has the maximum of %(limit)d meeting.",
                "One side already has the maximum of %(limit)d meetings.",
                self.limit or 0,
            ) % {"limit": self.limit or 0}
        if self.reason == Reason.NO_TABLE:
            return _("Both sides are free at a common slot, but no table is free then.")
        return _("At every common slot one of the two sides already has another meeting.")


@dataclass(frozen=True)
class Schedule:
    placements: tuple[Placement, ...]  # in slot order, then table position, then meeting id
    unplaced: tuple[Unplaced, ...]  # in the meetings' creation order

    def placement(self, meeting: Id) -> Placement | None:
        return next((p for p in self.placements if p.meeting == meeting), None)


def _key(value):
    """A sort key for ids that may be None (an online meeting's table)."""
    return (value is not None, value)


class _State:
    def __init__(self, problem: Problem):
        self.slots = sorted(
            {s.id: s for s in problem.slots}.values(), key=lambda s: (s.start, s.id)
        )
        self.order = {s.id: i for i, s in enumerate(self.slots)}
        self.tables = sorted(
            {t.id: t for t in problem.tables}.values(), key=lambda t: (t.position, t.id)
        )
        self.online = problem.online
        self.limit = problem.max_per_person
        # a slot conflicts with itself and with every slot overlapping it
        self.conflicts: dict[Id, set] = {s.id: {s.id} for s in self.slots}
        for a, b in problem.overlaps:
            if a in self.conflicts and b in self.conflicts:
                self.conflicts[a].add(b)
                self.conflicts[b].add(a)
        all_slots = frozenset(self.order)
        self.available = {
            person: frozenset(slots) & all_slots if slots else all_slots
            for person, slots in problem.availability.items()
        }
        self.position = {t.id: t.position for t in self.tables}
        self.all_slots = all_slots
        self.busy: dict[Id, dict[Id, Id]] = {}  # person -> {slot: meeting}
        self.tables_at: dict[Id, dict[Id, Id]] = {}  # slot -> {table: meeting}
        self.count: dict[Id, int] = {}
        self.where: dict[Id, tuple[Id, Id | None]] = {}  # meeting -> (slot, table)
        self.people: dict[Id, tuple[Id, Id]] = {}
        self.fixed: set = set()
        for booked in sorted(problem.booked, key=lambda b: _key(b.id)):
            if booked.slot not in self.order or booked.id in self.where:
                continue  # a slot outside the event, or twice the same meeting: ignored
            self.people[booked.id] = booked.people
            self.put(booked.id, booked.slot, booked.table)
            self.fixed.add(booked.id)

    def availability_of(self, person) -> frozenset:
        return self.available.get(person, self.all_slots)

    def common(self, people) -> list:
        a, b = people
        both = self.availability_of(a) & self.availability_of(b)
        return sorted(both, key=self.order.__getitem__)

    def person_free(self, person, slot) -> bool:
        busy = self.busy.get(person)
        return not busy or not any(s in busy for s in self.conflicts[slot])

    def free_table(self, slot):
        """The free table with the lowest position at `slot` (None online), or False."""
        if self.online:
            return None
        taken = set()
        for s in self.conflicts[slot]:
            taken.update(self.tables_at.get(s, ()))
        return next((t.id for t in self.tables if t.id not in taken), False)

    def at_limit(self, person) -> bool:
        return self.limit is not None and self.count.get(person, 0) >= self.limit

    def feasible(self, meeting) -> list:
        a, b = self.people[meeting]
        if self.at_limit(a) or self.at_limit(b):
            return []
        return [
            s
            for s in self.common((a, b))
            if self.person_free(a, s) and self.person_free(b, s) and self.free_table(s) is not False
        ]

    def put(self, meeting, slot, table):
        self.where[meeting] = (slot, table)
        for person in self.people[meeting]:
            self.busy.setdefault(person, {})[slot] = meeting
            self.count[person] = self.count.get(person, 0) + 1
        if table is not None:
            self.tables_at.setdefault(slot, {})[table] = meeting

    def take(self, meeting):
        slot, table = self.where.pop(meeting)
        for person in self.people[meeting]:
            del self.busy[person][slot]
            self.count[person] -= 1
        if table is not None:
            del self.tables_at[slot][table]
        return slot, table

    def blockers(self, meeting, slot) -> set:
        """The meetings holding one of the two people at `slot` (or one overlapping it)."""
        found = set()
        for person in self.people[meeting]:
            busy = self.busy.get(person, {})
            found.update(busy[s] for s in self.conflicts[slot] if s in busy)
        return found

    def table_holders(self, slot) -> list:
        holders = set()
        for s in self.conflicts[slot]:
            holders.update(self.tables_at.get(s, {}).values())
        return sorted(holders, key=_key)


def _repair(state: _State, meeting, *, limit_blocked: bool):
    """One move: (slot, table, moved meeting, its new slot and table) or None; the state is left
    as it was when no move works."""
    if limit_blocked:
        return None
    for slot in state.common(state.people[meeting]):
        blockers = state.blockers(meeting, slot)
        if len(blockers) > 1:
            continue
        if blockers:
            candidates = list(blockers)
        elif state.free_table(slot) is False:
            candidates = state.table_holders(slot)
        else:
            continue  # not blocked at this slot (cannot happen when called), look further
        for other in candidates:
            if other in state.fixed:
                continue
            old_slot, old_table = state.take(other)
            for new_slot in state.feasible(other):
                if new_slot in state.conflicts[slot]:
                    continue
                new_table = state.free_table(new_slot)
                state.put(other, new_slot, new_table)
                if slot in state.feasible(meeting):
                    table = state.free_table(slot)
                    state.put(meeting, slot, table)
                    return slot, table, other, new_slot, new_table
                state.take(other)
            state.put(other, old_slot, old_table)
    return None


def _reason(state: _State, meeting) -> Unplaced:
    a, b = state.people[meeting]
    common = state.common((a, b))
    if not common:
        return Unplaced(meeting, Reason.NO_COMMON_SLOT)
    for person in sorted((a, b), key=_key):
        if state.at_limit(person):
            return Unplaced(meeting, Reason.PERSON_LIMIT, person=person, limit=state.limit)
    if any(state.person_free(a, s) and state.person_free(b, s) for s in common):
        return Unplaced(meeting, Reason.NO_TABLE)
    return Unplaced(meeting, Reason.PEOPLE_BUSY)


def schedule(problem: Problem) -> Schedule:
    """Place `problem.requests`; see the module's docstring for how."""
    state = _State(problem)
    requests = sorted(
        {r.id: r for r in problem.requests if r.id not in state.where}.values(),
        key=lambda r: (r.created, _key(r.id)),
    )
    rank = {r.id: i for i, r in enumerate(requests)}
    for request in requests:
        a, b = request.people
        if a == b:
            raise ValueError(f"meeting {request.id!r} has the same person on both sides")
        state.people[request.id] = (a, b)
    by_person: dict[Id, set] = {}
    for request in requests:
        for person in request.people:
            by_person.setdefault(person, set()).add(request.id)

    feasible = {r.id: state.feasible(r.id) for r in requests}
    pending = set(feasible)
    placements: dict[Id, Placement] = {}
    unplaced: list[Unplaced] = []

    def refresh(meetings: Iterable):
        for m in meetings:
            if m in pending:
                feasible[m] = state.feasible(m)

    while pending:
        meeting = min(pending, key=lambda m: (len(feasible[m]), rank[m]))
        pending.discard(meeting)
        people = state.people[meeting]
        options = feasible.pop(meeting)
        if options:
            slot = options[0]
            table = state.free_table(slot)
            state.put(meeting, slot, table)
            placements[meeting] = Placement(meeting, slot, table, options=len(options))
            touched = set().union(*(by_person[p] for p in people))
            if table is not None:
                full = {s for s in state.conflicts[slot] if state.free_table(s) is False}
                if full:
                    touched.update(m for m in pending if not full.isdisjoint(feasible[m]))
            refresh(touched)
            continue
        limit_blocked = any(state.at_limit(p) for p in people)
        repaired = _repair(state, meeting, limit_blocked=limit_blocked)
        if repaired is None:
            unplaced.append(_reason(state, meeting))
            continue
        slot, table, other, new_slot, new_table = repaired
        placements[meeting] = Placement(meeting, slot, table, options=0, made_room=other)
        placements[other] = Placement(
            other, new_slot, new_table, options=placements[other].options, moved_for=meeting
        )
        refresh(list(pending))  # a move frees and takes places anywhere: recompute all

    ordered = sorted(
        placements.values(),
        key=lambda p: (
            state.order[p.slot],
            state.position.get(p.table, -1),
            _key(p.table),
            _key(p.meeting),
        ),
    )
    unplaced.sort(key=lambda u: rank[u.meeting])
    return Schedule(placements=tuple(ordered), unplaced=tuple(unplaced))
