"""Community of practice: practices (stub, filled in by its part)."""
