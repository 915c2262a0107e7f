"""The Celery application: reads every CELERY_* Django setting and finds each app's tasks.py.

Worker: `celery -A coopportal worker -l info -Q celery,bulk` (in production one worker per queue,
docker-compose.yml); beat: `celery -A coopportal beat -l info`.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopportal.settings.local")

app = Celery("coopportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def route_task(name, args, kwargs, options, task=None, **kw):
    """CELERY_TASK_ROUTES: the tasks named in BULK_TASKS go to the bulk queue, the rest to the
    default one (settings/base.py)."""
    from django.conf import settings

    if name in settings.BULK_TASKS:
        return {"queue": settings.BULK_QUEUE}
    return None
