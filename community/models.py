"""The models of the three parts (each in its sub-package), gathered for Django."""

from .events.models import *  # noqa: F403
from .maturity.models import *  # noqa: F403
from .practices.models import *  # noqa: F403
from .toolbox.models import *  # noqa: F403
