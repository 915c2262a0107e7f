"""The Celery tasks of the three parts (Celery's autodiscovery imports this module)."""

from .events.tasks import *  # noqa: F403
from .maturity.tasks import *  # noqa: F403
from .practices.tasks import *  # noqa: F403
from .toolbox.tasks import *  # noqa: F403
