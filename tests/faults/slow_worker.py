"""The portal's Celery app with board exports that stop in the middle, for
tests/faults/test_worker_killed.py (`celery -A tests.faults.slow_worker worker`).

A CSV export run by this worker writes its first row, saves its progress (done_rows = 1, what the
test waits for) and then waits, so the test knows for certain that the worker is in the middle of
the task when it kills it. With SLOW_WORKER_MARKER (a file path) only the first export waits, and
the file says which process holds it (a prefork pool's child: the one to kill); the export run
again afterwards goes straight through. Nothing of the portal's code changes: the export's writer
is wrapped in the worker's processes only, before their first task.
"""

import os
import time
from pathlib import Path

from celery.signals import task_prerun

from coopportal.celery import app

__all__ = ["app"]

HOLD_SECONDS = 60  # far longer than the test waits: the process is killed before


def _hold_now() -> bool:
    marker = os.environ.get("SLOW_WORKER_MARKER")
    if not marker:
        return True
    try:
        with Path(marker).open("x") as out:  # the first export only
            out.write(str(os.getpid()))
    except FileExistsError:
        return False
    return True


@task_prerun.connect
def _hold_exports_after_their_first_row(**kwargs):
    from board import exports

    if getattr(exports.write_csv, "held", False):
        return
    real = exports.write_csv

    def write_csv(rows, out, progress=None):
        def first_row_then_hold():
            for index, row in enumerate(rows):
                if index == 1 and _hold_now():
                    out.flush()
                    if progress:
                        progress(1)  # the job says one row is done: the test sees it
                    time.sleep(HOLD_SECONDS)
                yield row

        return real(first_row_then_hold(), out, progress)

    write_csv.held = True
    exports.write_csv = write_csv
