"""What every schedule must satisfy, checked on the scheduler's input and output (used by the
hand-built, the property and the large tests)."""

from collections import Counter, defaultdict

from community.events.scheduler import Reason


def conflicts_of(problem):
    conflicts = {s.id: {s.id} for s in problem.slots}
    for a, b in problem.overlaps:
        conflicts[a].add(b)
        conflicts[b].add(a)
    return conflicts


def available(problem, person, slot):
    slots = problem.availability.get(person)
    return not slots or slot in slots


def check_schedule(problem, result):
    requests = {r.id: r for r in problem.requests}
    placed = [p.meeting for p in result.placements]
    reported = [u.meeting for u in result.unplaced]
    assert len(placed) == len(set(placed)), "a meeting placed twice"
    assert len(reported) == len(set(reported)), "a meeting reported twice"
    assert set(placed).isdisjoint(reported), "a meeting both placed and reported"
    assert set(placed) | set(reported) == set(requests), "a meeting neither placed nor reported"

    conflicts = conflicts_of(problem)
    person_slots = defaultdict(list)
    table_slots = defaultdict(list)
    for booked in problem.booked:
        for person in booked.people:
            person_slots[person].append(booked.slot)
        if booked.table is not None:
            table_slots[booked.table].append(booked.slot)
    counts = Counter()
    for placement in result.placements:
        people = requests[placement.meeting].people
        for person in people:
            assert available(problem, person, placement.slot), "outside availability"
            person_slots[person].append(placement.slot)
            counts[person] += 1
        if problem.online:
            assert placement.table is None
        else:
            assert placement.table in {t.id for t in problem.tables}
            table_slots[placement.table].append(placement.slot)
    for owner_slots in (person_slots, table_slots):
        for slots in owner_slots.values():
            for i, a in enumerate(slots):
                for b in slots[i + 1 :]:
                    assert b not in conflicts[a], "double booked"
    if problem.max_per_person is not None:
        for person, n in counts.items():
            booked = sum(person in b.people for b in problem.booked)
            assert booked + n <= problem.max_per_person, "limit exceeded"
    for unplaced in result.unplaced:
        a, b = requests[unplaced.meeting].people
        common = [
            s.id
            for s in problem.slots
            if available(problem, a, s.id) and available(problem, b, s.id)
        ]
        assert (unplaced.reason == Reason.NO_COMMON_SLOT) == (not common)
        assert unplaced.explanation
    for placement in result.placements:
        assert placement.explanation
