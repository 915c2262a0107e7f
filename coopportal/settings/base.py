"""Settings shared by every environment, read from the environment (12-factor).

Unset `DATABASE_URL` means a SQLite file (to try the portal); unset `REDIS_URL` means Celery
runs tasks inline and the cache is local memory. PostgreSQL and Redis are what production and
the tests use.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env(
    "DJANGO_SECRET_KEY", default=env("SECRET_KEY", default="insecure-dev-key-change-me")
)
DEBUG = env.bool("DJANGO_DEBUG", default=env.bool("DEBUG", default=False))
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "coopportal.core.apps.PortalAdminConfig",  # django.contrib.admin with the portal's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "django_celery_beat",
    "django_filters",
    "csp",
    "coopportal.core",
    "coopportal.accounts",
    "coopportal.notifications",
    "workgroups",
    "calls",
    "training",
    "matching",
    "community",
    "spaces",
    "board",
    "coopportal.web",
]

# The portal's own apps in layers, top first: an app imports only from the layers below it, and
# the apps of one layer ("a | b") not from each other. [tool.importlinter] in pyproject.toml
# checks the same list (tests/core/test_layers.py keeps the two equal); coopportal.core.discovery
# asks the apps for their hook modules in this order, bottom first.
PORTAL_LAYERS = [
    "board | coopportal.web",
    "community | spaces",
    "matching",
    "workgroups | calls | training",
    "coopportal.accounts",
    "coopportal.notifications",
    "coopportal.core",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "coopportal.accounts.middleware.PortalLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "coopportal.accounts.middleware.SecondFactorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "coopportal.core.middleware.PrivateCacheMiddleware",
]

ROOT_URLCONF = "coopportal.urls"
CSRF_FAILURE_VIEW = "coopportal.core.views.csrf_failure"
WSGI_APPLICATION = "coopportal.wsgi.application"
ASGI_APPLICATION = "coopportal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "coopportal.web.context_processors.portal",
                "coopportal.notifications.context_processors.bell",
            ],
            # the portal's `date` filter ("1° marzo 2018"): coopportal/core/dates.py
            "builtins": ["coopportal.core.templatetags.portal_dates"],
        },
    },
]

# Database: PostgreSQL in production and tests; a SQLite file when DATABASE_URL is unset.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env.bool(
    "DATABASE_JIT", default=False
):
    # PostgreSQL's JIT compiler pays off on long analytic queries, not on a page's: its planner
    # turned it on for the member suggestions with 100,000 profiles and compiling took 3.7 of
    # their 5.6 seconds (bench). Off for the portal's connections unless DATABASE_JIT=true.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: broker and cache. Unset means tasks run inline and the cache is in process memory.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "coopportal",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery (coopportal/celery.py reads every CELERY_* setting).
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A task killed in the middle (SIGKILL, the OOM killer, a machine lost) is run again, once, by
# another worker — so every task is idempotent (it checks the state before acting):
# - acks late: the message is acknowledged when the task returns, not when it starts, so a worker
#   that dies mid-task leaves it unacknowledged in Redis;
# - reject on worker lost: a pool process that dies mid-task puts its message back on the queue at
#   once (instead of recording a failure), for the next process;
# - a whole worker that dies leaves its unacknowledged message in Redis, which gives it back after
#   the visibility timeout (CELERY_BROKER_TRANSPORT_OPTIONS below), to the first worker that polls:
#   one hour, longer than any task runs or waits (the longest: a PDF export or report, minutes;
#   a retry's countdown, at most 10 minutes) — a shorter one would hand a message that is still
#   running to a second worker, and the task would run twice;
# - a worker that loses its broker connection cancels the tasks it was running (their messages
#   return to the queue) rather than finishing them while Redis gives them to another worker;
# - prefetch 1: with acks late, a worker process holds only the message it runs, so one that dies
#   keeps no queued messages from the others until the timeout.
# tests/faults/test_worker_killed.py kills a worker with SIGKILL mid-export and proves it.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Rome"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Publishing must fail fast when Redis is down: the outbox keeps the work and beat sends it later.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
# max_retries 0: a refused connection fails at once instead of kombu retrying for ~2 s (the
# notifications' circuit breaker then skips the broker for a while; tests/faults prove both).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # seconds before Redis gives an unacknowledged message to another worker (see above; the
    # tests shorten it to prove the redelivery in seconds)
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "socket_connect_timeout": 2,
    "max_retries": 0,
}
# Two queues: the default one for what people wait for (their e-mails, reminders, small jobs) and a
# bulk one for long or large work (fan-outs to thousands, exports, reports), consumed by a worker
# of its own in production (docker-compose.yml), so that people's notifications never wait
# behind it. The router (coopportal/celery.py) reads BULK_TASKS and BULK_QUEUE when it sends.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="celery")
BULK_QUEUE = env("CELERY_BULK_QUEUE", default="bulk")
BULK_TASKS = ("notifications.write_notifications", "board.build_export", "board.build_report")
CELERY_TASK_ROUTES = ("coopportal.celery.route_task",)

# Notifications (coopportal/notifications): outbox delivery, retries and the daily digest.
WORKGROUPS_EDIT_WINDOW_MINUTES = 30  # authors may edit their posts this long
WORKGROUPS_MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# Member matching: how many contact requests a member may send in 24 hours
MATCHING_CONTACTS_PER_DAY = env.int("MATCHING_CONTACTS_PER_DAY", default=10)

BOARD_EXPORT_ASYNC_ABOVE = env.int("BOARD_EXPORT_ASYNC_ABOVE", default=300)  # rows
BOARD_EXPORT_PDF_ASYNC_ABOVE = env.int("BOARD_EXPORT_PDF_ASYNC_ABOVE", default=20)  # dossiers
BOARD_EXPORT_KEEP_HOURS = env.int("BOARD_EXPORT_KEEP_HOURS", default=48)
BOARD_FIGURES_CACHE_SECONDS = env.int("BOARD_FIGURES_CACHE_SECONDS", default=600)

NOTIFICATIONS_INSERT_BATCH = 2000
# notify() to more people than this writes their rows in Celery (the bulk queue), this many a task
NOTIFICATIONS_DEFER_ABOVE = env.int("NOTIFICATIONS_DEFER_ABOVE", default=500)
NOTIFICATIONS_DEFER_BATCH = 1000
NOTIFICATIONS_SEND_BATCH = 100
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=5)
NOTIFICATIONS_RETRY_BACKOFF = env.int("NOTIFICATIONS_RETRY_BACKOFF", default=60)  # seconds, doubled
NOTIFICATIONS_CLAIM_TIMEOUT = env.int("NOTIFICATIONS_CLAIM_TIMEOUT", default=600)  # seconds

# Your data and retention (coopportal.accounts.your_data; README "What is kept and for how long")
YOUR_DATA_ARCHIVE_DAYS = env.int("YOUR_DATA_ARCHIVE_DAYS", default=7)
RETENTION_NOTIFICATIONS_DAYS = env.int("RETENTION_NOTIFICATIONS_DAYS", default=365)
RETENTION_OUTBOX_DAYS = env.int("RETENTION_OUTBOX_DAYS", default=90)
RETENTION_OFFERS_DAYS = env.int("RETENTION_OFFERS_DAYS", default=30)
RETENTION_AUDIT_DETAILS_DAYS = env.int("RETENTION_AUDIT_DETAILS_DAYS", default=3650)
NOTIFICATIONS_REDISPATCH_AFTER = env.int("NOTIFICATIONS_REDISPATCH_AFTER", default=60)  # seconds
NOTIFICATIONS_REDISPATCH_LIMIT = 5000
NOTIFICATIONS_DIGEST_HOUR = env.int("NOTIFICATIONS_DIGEST_HOUR", default=7)  # Europe/Rome
NOTIFICATIONS_SUBJECT_PREFIX = "[Coop Portal] "
NOTIFICATIONS_MESSAGE_ID_DOMAIN = env("NOTIFICATIONS_MESSAGE_ID_DOMAIN", default="coopportal.local")

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_SIGNUP_FORM_CLASS = "coopportal.accounts.forms.SignupForm"
ACCOUNT_FORMS = {"signup": "coopportal.accounts.signup.SignupForm"}  # same cost for taken e-mails
ACCOUNT_ADAPTER = "coopportal.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Coop Portal] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
# allauth's rate limits stay on (login failures, sign-up, password reset, confirmation e-mails).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "send_email": "5/m/key",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
# A second factor (allauth.mfa): an authenticator app with recovery codes; staff, board members and
# superusers must turn it on before the admin or the board area (accounts.middleware).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Coop Portal"

# Internationalisation: Italian first, English complete.
LANGUAGE_CODE = "it"
LANGUAGES = [("it", _("Italian")), ("en", _("English")), ("de", _("German")), ("fr", _("French"))]
# coopportal/locale_overrides corrects third-party catalogues: lowercase Italian month and weekday
# names (Django), "e-mail" and sentence case (allauth). The portal's own messages are in locale/.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "coopportal" / "locale_overrides"]
FORMAT_MODULE_PATH = ["coopportal.formats"]
LANGUAGE_COOKIE_NAME = "coopportal_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Every form of the portal takes one file; the admin's inlines a few (a space's photos). A request
# with more files is refused (400) before they are written to temporary files (Django: 100).
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# E-mail: console by default; EMAIL_URL (smtp://user:pass@host:port) for a real server.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Coop Portal <noreply@coopportal.local>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content-Security-Policy (django-csp): only the portal's own files, and a script runs only from
# there or with the nonce of its response (`{{ CSP_NONCE }}` in templates). No 'unsafe-inline' for
# scripts or styles: pages carry no style attributes (progress bars take their width in
# static/js/portal.js, the SVG charts of board/figures.html use presentation attributes, which the
# policy does not govern) and htmx injects no <style> (includeIndicatorStyles is off in base.html).
# data: images are Bootstrap's icons (navbar toggler, form validation) in its CSS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
