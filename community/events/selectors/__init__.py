"""Every non-trivial read of the matching events (the agendas' are in selectors/agenda*.py)."""
