"""The matching events' notification kinds (registered when the app is ready)."""

from .notifications_agenda import *  # noqa: F403
from .notifications_catalogue import *  # noqa: F403
