"""The training app in the admin, one module per part (each registers its own admins)."""

from . import (
    admin_catalogue,  # noqa: F401 - areas, trainers, courses and sessions, enrolments
    admin_certificates,  # noqa: F401 - certificates: revoke, issue again
    admin_feedback,  # noqa: F401 - feedback, read only
    admin_requests,  # noqa: F401 - needs, applications to teach, consultations
)
