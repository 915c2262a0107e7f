"""Every write of the matching events (the scheduler's and outcomes' are in their own modules)."""
