"""Real parallel database connections: jobs released together, each in its own thread."""

import threading

from django.db import connection

from coopportal.core.exceptions import DomainError


def run_at_once(jobs):
    """Each job in its own thread, with its own database connection, released together. Returns
    "ok" or the DomainError's code per job, in order; any other exception (a deadlock) is raised."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)
    failures = []

    def run(index, job):
        try:
            barrier.wait(timeout=30)
            job()
            outcomes[index] = "ok"
        except DomainError as exc:
            outcomes[index] = exc.code
        except Exception as exc:  # a deadlock: reported below
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a job never finished"
    assert not failures, failures
    return outcomes
