"""Community of practice: the toolbox of resources (stub, filled in by its part)."""
