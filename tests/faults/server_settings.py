"""The settings of the gunicorn the fault tests start: the test settings, with the database
connections kept between requests and checked before reuse, as in production."""

import os

from coopportal.settings.test import *  # noqa: F403
from coopportal.settings.test import DATABASES

DATABASES["default"]["CONN_MAX_AGE"] = 60
# FAULTS_NO_HEALTH_CHECKS=1 turns the checks off, to see the dropped-connections test fail.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = not os.environ.get("FAULTS_NO_HEALTH_CHECKS")


def _fresh_content_types(**kwargs):
    """Between two tests the flush gives every content type a new id (post_migrate creates them
    again): the server forgets the ids it cached, as a freshly started one would. A real server
    never sees content types change under it."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


def _connect():
    from django.core.signals import request_started

    request_started.connect(_fresh_content_types, dispatch_uid="faults-fresh-content-types")


_connect()
