"""The benchmark's server (`make bench`, bench/README.md): production's settings on loopback.

Production as it runs (DEBUG off, compressed static files through whitenoise, the Redis cache,
Celery on Redis), with only what plain http on 127.0.0.1 needs changed: no HTTPS redirect, no
secure-only cookies, no HSTS. Sessions live in the Redis cache. `BENCH_VIEWS` turns on the two
baseline views (coopportal/core/bench.py) and the query count of every response in the
`X-Bench-Queries` header: neither exists under any other settings module.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + "x" * 60)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8765")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/coopportal_bench_10k")

from .production import *  # noqa: F403
from .production import MIDDLEWARE

BENCH_VIEWS = True
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
# nothing leaves the machine: the worker's e-mails are built and dropped
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
# outermost, so that the count includes the sessions' and the authentication's queries
MIDDLEWARE = ["coopportal.core.bench.QueryCountMiddleware", *MIDDLEWARE]
