"""Every write of the board area: exports, board meetings, reports (one module each)."""

from .exports import (
    export_build,
    export_filterset,
    export_queryset,
    export_start,
    export_title,
    exports_purge,
)

__all__ = [
    "export_build",
    "export_filterset",
    "export_queryset",
    "export_start",
    "export_title",
    "exports_purge",
]
