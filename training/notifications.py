"""The notification kinds of training (registered in TrainingConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from coopportal.notifications.registry import Kind, register

ENROLLED = register(
    Kind(
        name="training.enrolled",
        label=_("Your enrolments in courses"),
        message=_("You are enrolled in “%(course)s” (%(when)s)."),
        urgent=True,
    )
)
SEAT_OFFERED = register(
    Kind(
        name="training.seat_offered",
        label=_("A seat offered to you from a course's waiting list"),
        message=_(
            "A seat in “%(course)s” (%(when)s) is free for you: confirm it by %(until)s, or it "
            "goes to the next person."
        ),
        urgent=True,
    )
)
OFFER_LAPSED = register(
    Kind(
        name="training.offer_lapsed",
        label=_("A seat offered to you that you did not confirm in time"),
        message=_("The seat offered to you in “%(course)s” went to the next person."),
    )
)
ENROLMENT_CHANGED = register(
    Kind(
        name="training.enrolment_changed",
        label=_("Changes staff make to your enrolments"),
        message=_("Your enrolment in “%(course)s”: %(status)s. %(reason)s"),
        urgent=True,
    )
)
COURSE_CANCELLED = register(
    Kind(
        name="training.course_cancelled",
        label=_("Courses you are enrolled in that are cancelled"),
        message=_("“%(course)s” is cancelled. %(reason)s"),
        urgent=True,
    )
)
CERTIFICATE_ISSUED = register(
    Kind(
        name="training.certificate_issued",
        label=_("Your certificates of attendance"),
        message=_("Your certificate for “%(course)s” is ready (code %(code)s)."),
    )
)
CERTIFICATE_REVOKED = register(
    Kind(
        name="training.certificate_revoked",
        label=_("Certificates of yours that staff revoke"),
        message=_("Your certificate for “%(course)s” was revoked. %(reason)s"),
        urgent=True,
    )
)
FEEDBACK_REQUESTED = register(
    Kind(
        name="training.feedback_requested",
        label=_("Requests for your feedback on courses you attended"),
        message=_("How was “%(course)s”? Tell us with a rating and a comment."),
    )
)
NEED_PLANNED = register(
    Kind(
        name="training.need_planned",
        label=_("Training needs you support that become courses"),
        message=_("The topic “%(need)s” that you supported became a course: “%(course)s”."),
    )
)
TRAINER_APPLICATION_SUBMITTED = register(
    Kind(
        name="training.trainer_application_submitted",
        label=_("New applications to teach (staff)"),
        message=_("%(person)s applies to teach: %(topics)s"),
        staff_only=True,
    )
)
TRAINER_APPLICATION_STATUS = register(
    Kind(
        name="training.trainer_application_status",
        label=_("News of your application to teach"),
        message=_("Your application to teach: %(status)s. %(reason)s"),
        urgent=True,
    )
)
CONSULTATION_REQUESTED = register(
    Kind(
        name="training.consultation_requested",
        label=_("New requests for a consultation (staff)"),
        message=_("%(person)s asks for a consultation: “%(topic)s”."),
        staff_only=True,
    )
)
CONSULTATION_STATUS = register(
    Kind(
        name="training.consultation_status",
        label=_("News of your consultation requests"),
        message=_("Your consultation “%(topic)s”: %(status)s. %(details)s"),
        urgent=True,
    )
)
CONSULTATION_ASSIGNED = register(
    Kind(
        name="training.consultation_assigned",
        label=_("Consultations assigned to you"),
        message=_("You are the consultant for “%(topic)s” asked by %(person)s."),
        urgent=True,
    )
)
