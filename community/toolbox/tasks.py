"""The toolbox has no background work (its counters are written by the request, in one
statement)."""

__all__: list[str] = []
