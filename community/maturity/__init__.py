"""Community of practice: maturity (stub, filled in by its part)."""
