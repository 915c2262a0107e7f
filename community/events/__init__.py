"""Community of practice: events (stub, filled in by its part)."""
