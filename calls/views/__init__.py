"""The calls app's pages, by feature: the public catalogue (catalogue.py), following calls and
searches and "calls for me" (follows.py), applications and reviews (applications.py), calls to
action (actions.py)."""
