"""The matching events' figures for the board and the periodic report (contract in
coopportal.core.figures, gathered by community/board_figures.py): meeting requests, meetings held,
the no-show rate and what came of the meetings. Aggregate queries only."""

from django.utils.translation import gettext_lazy as _

from coopportal.core.figures import Figure, Period, Ranking, who

from .models import Meeting, MeetingFeedback, MeetingRequest, MeetingSide, Registration
from .selectors.agenda import meeting_figures


def active_people(since, until) -> list:
    return [
        who(Registration, "user_id", since, until),
        who(MeetingRequest, "requester__user_id", since, until),
        who(MeetingSide, "registration__user_id", since, until, when="marked_at"),
    ]


def describe_outcomes(n: int) -> str:
    return str(_("What came of the meetings, as their sides said right after the events."))


def figures(period: Period) -> list:
    numbers = meeting_figures(
        requests=MeetingRequest.objects.filter(period.within("created_at")),
        meetings=Meeting.objects.filter(
            period.within("slot__starts_at"), cancelled_at__isnull=True
        ),
        feedback=MeetingFeedback.objects.filter(period.within("created_at")),
    )
    rows = [(str(row["label"]), row["after"] + row["six_months"]) for row in numbers["outcomes"]]
    return [
        Figure("events_requests_sent", _("Meeting requests at matching events"), numbers["sent"]),
        Figure(
            "events_meetings_held",
            _("Meetings held at matching events"),
            numbers["held"],
            note=_("Held: a side said the meeting took place and neither said it did not."),
        ),
        Figure(
            "events_no_show_rate",
            _("No-shows at matching events (%)"),
            numbers["no_show_rate"],
            note=_(
                "No-shows: of the meetings someone answered for, those a side said did not take "
                "place."
            ),
        ),
        Ranking(
            "events_outcomes",
            _("What came of the meetings at matching events"),
            [_("Outcome"), _("Answers")],
            sorted((row for row in rows if row[1]), key=lambda r: -r[1]),
            describe_outcomes,
            empty=_("No answers yet on what came of the meetings."),
        ),
    ]
