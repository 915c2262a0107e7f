"""Every non-trivial read of the calls app, by feature."""
