"""A circuit breaker for calls to a service outside the process (the Celery broker).

When Redis is down, each attempt to publish waits for kombu's connection timeout (~2 s). After a
failure the breaker opens for `seconds`: callers in that window skip the call at once and leave the
work where a background job finds it later (the outbox); the first success closes it again.
State is per process (each gunicorn worker learns on its own), guarded by a lock for threads.
"""

import threading
import time


class CircuitBreaker:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self._open_until = 0.0
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def failed(self) -> None:
        with self._lock:
            self._open_until = time.monotonic() + self.seconds

    def succeeded(self) -> None:
        with self._lock:
            self._open_until = 0.0
