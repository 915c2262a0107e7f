"""The admin of the three parts (each registers its own models)."""

from .events import admin as _events  # noqa: F401
from .maturity import admin as _maturity  # noqa: F401
from .practices import admin as _practices  # noqa: F401
from .toolbox import admin as _toolbox  # noqa: F401
