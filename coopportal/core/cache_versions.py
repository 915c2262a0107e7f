"""Versioned cache keys: counts and orders computed from many rows are cached under a version that
every write to those rows bumps, so that a write shows at once and nothing waits for a lifetime.

    key = versioned_key("calls:facets", get_language(), params)   # …:<version>:<it>:<digest>
    changed("calls:facets")   # in the services (or signals) that write what the entry counts

`changed` bumps the version now and again once the transaction commits: a page read between the
write and the commit may have cached what it saw before. The version itself never expires; the
entries keep their own lifetime (their timeout) as a backstop for writes no one announced.
"""

import hashlib

from django.core.cache import cache
from django.db import transaction
from django.http import QueryDict


def _version_key(name: str) -> str:
    return f"{name}:version"


def _bump(name: str) -> None:
    try:
        cache.incr(_version_key(name))
    except ValueError:  # not set yet: nothing was cached under a version
        cache.set(_version_key(name), 1, None)


def changed(name: str) -> None:
    """Every entry cached under `name` is out of date (now, and again at the commit)."""
    _bump(name)
    transaction.on_commit(lambda: _bump(name))


def digest(params) -> str:
    """A short digest of a query string or QueryDict, without its page number."""
    asked = (QueryDict(params) if isinstance(params, str) else (params or QueryDict())).copy()
    asked.pop("page", None)
    return hashlib.sha256(asked.urlencode().encode()).hexdigest()[:32]


def versioned_key(name: str, *parts) -> str:
    """The key of an entry of `name` for `parts` (strings; a QueryDict is digested) under the
    current version."""
    version = cache.get_or_set(_version_key(name), 1, None)
    shown = [digest(part) if isinstance(part, QueryDict) else str(part) for part in parts]
    return ":".join([name, str(version), *shown])
