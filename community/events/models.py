"""Business matching events (in the spirit of b2match and the EEN brokerage events).

Staff publish a `MatchingEvent` (in person or online) with its sessions, each cut into
`TimeSlot`s of `meeting_minutes`, and its `EventTable`s (tables in the room, or online rooms).
People register (`Registration`: their cooperation profile for the event, prefilled from their
member profile, and the slots they are available at), find each other in the event's catalogue and
send `MeetingRequest`s; an accepted request becomes a `Meeting`, placed at a slot and a table by
the requester, the recipient or the scheduler (the event's `slot_choice`). Each person of a
meeting has a `MeetingSide`: PostgreSQL keeps anyone from being at two meetings in one slot
(unique registration + slot) and any table from holding two meetings in one slot (unique slot +
table). `MeetingFeedback` is what each side says afterwards.

The statuses and their moves are in community/events/workflows.py.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopportal.core.models import TimeStampedModel
from coopportal.core.search import weighted_vector
from coopportal.core.workflow import status_check
from matching.models import ProfileKind

User = settings.AUTH_USER_MODEL

__all__ = [
    "EventFormat",
    "EventSession",
    "EventStatus",
    "EventTable",
    "FeedbackOutcome",
    "FeedbackStage",
    "MatchingEvent",
    "Meeting",
    "MeetingFeedback",
    "MeetingRequest",
    "MeetingSide",
    "PlacedBy",
    "Registration",
    "RegistrationStatus",
    "RequestStatus",
    "SlotChoice",
    "TimeSlot",
]


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (staff only)")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class SlotChoice(models.TextChoices):
    REQUESTER = "requester", _("The person who asks for the meeting")
    RECIPIENT = "recipient", _("The person who accepts the meeting")
    AUTOMATIC = "automatic", _("Automatic (the organisers' scheduler)")


class MatchingEvent(TimeStampedModel):
    """A business matching event: registration, catalogue, meeting requests and agendas."""

    Format = EventFormat
    Status = EventStatus

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10000, help_text=_("Markdown."))
    format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    venue = models.CharField(
        _("venue"),
        max_length=300,
        blank=True,
        help_text=_("Address of the venue, or the online platform used."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        help_text=_(
            "Registrations, profile changes and meeting requests close at this time; "
            "unanswered requests expire."
        ),
    )
    open_to_participants = models.BooleanField(
        _("open to participants"),
        default=False,
        help_text=_("Registered people who are not (yet) members may register too."),
    )
    max_meetings_per_person = models.PositiveSmallIntegerField(
        _("meetings per person (at most)"), default=8
    )
    slot_choice = models.CharField(
        _("who chooses the time of a meeting"),
        max_length=10,
        choices=SlotChoice.choices,
        default=SlotChoice.RECIPIENT,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    created_by = models.ForeignKey(
        User,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("matching event")
        verbose_name_plural = _("matching events")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            status_check("community_event_status_valid", EventStatus),
            status_check("community_event_format_valid", EventFormat, field="format"),
            status_check("community_event_slot_choice_valid", SlotChoice, field="slot_choice"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="community_event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__lte=F("ends_at")),
                name="community_event_deadline_before_end",
            ),
            models.CheckConstraint(
                condition=Q(max_meetings_per_person__gte=1),
                name="community_event_max_meetings_positive",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"], name="community_event_listed")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:event_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == EventStatus.PUBLISHED

    @property
    def is_draft(self) -> bool:
        return self.status == EventStatus.DRAFT

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_online(self) -> bool:
        return self.format == EventFormat.ONLINE

    @property
    def registration_open(self) -> bool:
        """Published and before its registration deadline."""
        return self.is_published and timezone.now() < self.registration_deadline

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()


class EventSession(models.Model):
    """A part of the event (a morning, an afternoon) cut into time slots of `meeting_minutes`."""

    event = models.ForeignKey(
        MatchingEvent, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    meeting_minutes = models.PositiveSmallIntegerField(
        _("length of a meeting (minutes)"), default=20
    )
    break_minutes = models.PositiveSmallIntegerField(
        _("break between meetings (minutes)"), default=0
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="community_session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(meeting_minutes__gte=5, meeting_minutes__lte=240),
                name="community_session_meeting_minutes_range",
            ),
        ]

    def __str__(self):
        return self.title


class TimeSlot(models.Model):
    """One time of a session at which meetings take place (generated from the session)."""

    session = models.ForeignKey(
        EventSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="slots"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "starts_at"], name="community_slot_session_start_unique"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="community_slot_ends_after_start"
            ),
        ]

    def __str__(self):
        start = timezone.localtime(self.starts_at)
        end = timezone.localtime(self.ends_at)
        return f"{start:%d/%m/%Y %H:%M}–{end:%H:%M}"


class EventTable(models.Model):
    """A table of the room, or an online room (its link shown only to the two people meeting)."""

    event = models.ForeignKey(
        MatchingEvent, verbose_name=_("event"), on_delete=models.CASCADE, related_name="tables"
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("The name people read in their agenda, e.g. “tavolo 3” or “stanza 3”."),
    )
    online_url = models.URLField(
        _("link of the online room"),
        max_length=500,
        blank=True,
        help_text=_("Shown only to the two people of each meeting held there."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("table or room")
        verbose_name_plural = _("tables and rooms")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="community_table_name_unique"),
        ]

    def __str__(self):
        return self.name


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(TimeStampedModel):
    """A person at an event and their cooperation profile there: what they offer and look for."""

    Status = RegistrationStatus
    Kind = ProfileKind

    event = models.ForeignKey(
        MatchingEvent,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        User,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    kind = models.CharField(
        _("I take part"), max_length=12, choices=ProfileKind.choices, default=ProfileKind.PERSON
    )
    display_name = models.CharField(_("name shown"), max_length=200, editable=False)
    organisation_name = models.CharField(_("name of the enterprise"), max_length=200, blank=True)
    presentation = models.TextField(_("presentation"), max_length=3000, blank=True)
    offers_text = models.TextField(_("what I offer"), max_length=2000, blank=True)
    requests_text = models.TextField(_("what I look for"), max_length=2000, blank=True)
    offer_tags = models.ManyToManyField(
        "matching.Tag", verbose_name=_("I offer (tags)"), blank=True, related_name="event_offers"
    )
    request_tags = models.ManyToManyField(
        "matching.Tag",
        verbose_name=_("I look for (tags)"),
        blank=True,
        related_name="event_requests",
    )
    sector = models.ForeignKey(
        "accounts.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    province = models.ForeignKey(
        "accounts.Province",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    available_slots = models.ManyToManyField(
        TimeSlot,
        verbose_name=_("available at"),
        blank=True,
        related_name="available_registrations",
        help_text=_("None chosen: available at every time slot."),
    )
    # kept by the services
    tags_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    SEARCH_VECTOR = weighted_vector(
        ("display_name", "A"),
        ("organisation_name", "A"),
        ("presentation", "B"),
        ("tags_text", "B"),
        ("offers_text", "C"),
        ("requests_text", "C"),
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["display_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="community_registration_unique"),
            status_check("community_registration_status_valid", RegistrationStatus),
            status_check("community_registration_kind_valid", ProfileKind, field="kind"),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="community_registration_search"),
            GinIndex(
                fields=["display_name"],
                name="community_registration_trgm",
                opclasses=["gin_trgm_ops"],
            ),
            models.Index(fields=["event", "status", "display_name"], name="community_reg_list"),
        ]

    def __str__(self):
        return self.display_name or str(self.user)

    @property
    def is_registered(self) -> bool:
        return self.status == RegistrationStatus.REGISTERED


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_REQUEST_STATUSES = (RequestStatus.PENDING, RequestStatus.ACCEPTED)


class MeetingRequest(TimeStampedModel):
    """A registered person asks another for a meeting at the event."""

    Status = RequestStatus

    event = models.ForeignKey(
        MatchingEvent,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="meeting_requests",
    )
    requester = models.ForeignKey(
        Registration,
        verbose_name=_("from"),
        on_delete=models.CASCADE,
        related_name="requests_sent",
    )
    recipient = models.ForeignKey(
        Registration,
        verbose_name=_("to"),
        on_delete=models.CASCADE,
        related_name="requests_received",
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    expired_at = models.DateTimeField(_("expired at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            status_check("community_request_status_valid", RequestStatus),
            models.CheckConstraint(
                condition=~Q(requester=F("recipient")), name="community_request_not_self"
            ),
            # one open (pending or accepted) request per pair of people, whoever asked
            models.UniqueConstraint(
                Least("requester", "recipient"),
                Greatest("requester", "recipient"),
                condition=Q(status__in=["pending", "accepted"]),
                name="community_request_one_open_per_pair",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "status"], name="community_request_received"),
            models.Index(fields=["requester", "status"], name="community_request_sent"),
            models.Index(
                fields=["event"], name="community_request_pending", condition=Q(status="pending")
            ),
        ]

    def __str__(self):
        return f"{self.requester} → {self.recipient}"


class PlacedBy(models.TextChoices):
    REQUESTER = "requester", _("The person who asked")
    RECIPIENT = "recipient", _("The person who accepted")
    SCHEDULER = "scheduler", _("The scheduler")
    STAFF = "staff", _("Staff")


class Meeting(TimeStampedModel):
    """An accepted request, and where and when it takes place once placed."""

    PlacedBy = PlacedBy

    request = models.OneToOneField(
        MeetingRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="meeting",
    )
    event = models.ForeignKey(
        MatchingEvent, verbose_name=_("event"), on_delete=models.CASCADE, related_name="meetings"
    )
    slot = models.ForeignKey(
        TimeSlot,
        verbose_name=_("time slot"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    table = models.ForeignKey(
        EventTable,
        verbose_name=_("table or room"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    placed_by = models.CharField(
        _("placed by"), max_length=10, choices=PlacedBy.choices, blank=True
    )
    placed_at = models.DateTimeField(_("placed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot__starts_at", "table__position", "pk"]
        constraints = [
            # a table holds one meeting per slot
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=Q(slot__isnull=False, table__isnull=False),
                name="community_meeting_slot_table_unique",
            ),
            # placed means a slot and a table, both or neither
            models.CheckConstraint(
                condition=Q(slot__isnull=True, table__isnull=True)
                | Q(slot__isnull=False, table__isnull=False),
                name="community_meeting_slot_and_table",
            ),
            models.CheckConstraint(
                condition=Q(placed_by="") | Q(placed_by__in=PlacedBy.values),
                name="community_meeting_placed_by_valid",
            ),
        ]
        indexes = [models.Index(fields=["event", "slot"], name="community_meeting_event_slot")]

    def __str__(self):
        return str(self.request)

    @property
    def is_placed(self) -> bool:
        return self.slot_id is not None


class MeetingSide(models.Model):
    """One of the two people of a meeting: their slot (the meeting's, copied so that PostgreSQL
    keeps them from two meetings at once) and whether the meeting was held for them."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="sides"
    )
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="meeting_sides",
    )
    slot = models.ForeignKey(
        TimeSlot,
        verbose_name=_("time slot"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    held = models.BooleanField(_("held"), null=True, blank=True)
    marked_at = models.DateTimeField(_("marked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("side of a meeting")
        verbose_name_plural = _("sides of meetings")
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "registration"], name="community_side_unique"
            ),
            # nobody is at two meetings at one time
            models.UniqueConstraint(
                fields=["registration", "slot"],
                condition=Q(slot__isnull=False),
                name="community_side_one_meeting_per_slot",
            ),
        ]

    def __str__(self):
        return f"{self.meeting} · {self.registration}"


class FeedbackStage(models.TextChoices):
    AFTER = "after", _("Right after the event")
    SIX_MONTHS = "six_months", _("Six months later")


class FeedbackOutcome(models.TextChoices):
    COOPERATION_POSSIBLE = "possible", _("A cooperation is possible")
    AGREEMENT = "agreement", _("An agreement was reached")
    FURTHER_TALKS = "talks", _("Further talks planned")
    NO_FOLLOW_UP = "none", _("No follow-up")


class MeetingFeedback(models.Model):
    """What one side of a meeting says came of it, right after the event and six months later."""

    Stage = FeedbackStage
    Outcome = FeedbackOutcome

    side = models.ForeignKey(
        MeetingSide, verbose_name=_("side"), on_delete=models.CASCADE, related_name="feedback"
    )
    stage = models.CharField(_("when"), max_length=12, choices=FeedbackStage.choices)
    outcome = models.CharField(_("outcome"), max_length=12, choices=FeedbackOutcome.choices)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting feedback")
        verbose_name_plural = _("meeting feedback")
        ordering = ["side", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["side", "stage"], name="community_feedback_unique"),
            status_check("community_feedback_stage_valid", FeedbackStage, field="stage"),
            status_check("community_feedback_outcome_valid", FeedbackOutcome, field="outcome"),
        ]

    def __str__(self):
        return f"{self.side} · {self.get_stage_display()}"
