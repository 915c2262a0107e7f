"""The matching events' Celery tasks (registration and requests; agendas, reminders, feedback)."""

from .tasks_agenda import *  # noqa: F403
from .tasks_catalogue import *  # noqa: F403
