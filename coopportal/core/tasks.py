"""What every app's tasks share (no task lives here)."""

from collections.abc import Iterable
from functools import partial

from django.db import transaction


def fan_out(task, ids: Iterable[int]) -> int:
    """A beat job's second half: one small `task.delay(pk)` per id, returns how many.

    Each message leaves when the current transaction commits (`transaction.on_commit`, as
    `delay_on_commit` does): a worker never looks for a row that is not committed yet, and nothing
    is sent for work rolled back. Outside a transaction (a beat job in a worker, autocommit) that is
    at once."""
    count = 0
    for pk in ids:
        transaction.on_commit(partial(task.delay, pk))
        count += 1
    return count
