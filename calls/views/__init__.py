"""The calls app's views, by feature."""
