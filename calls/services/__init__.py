"""Every write of the calls app, by feature."""
