"""The Celery application: reads every CELERY_* Django setting and finds each app's tasks.py.

Worker: `celery -A coopportal worker -l info`; beat: `celery -A coopportal beat -l info`.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopportal.settings.local")

app = Celery("coopportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
