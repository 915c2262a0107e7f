"""The calls app's pages, by feature: the public catalogue (catalogue.py)."""
