"""The cooperative's places (spaces), the bookable resources inside them (desks, rooms), their
opening hours and photos, and the bookings.

A booking is a seat of the core capacity engine (coopportal/core/capacity.py): its parent is the
`Slot`, one row per resource and exact time range, that holds the limit (the resource's capacity
when the slot was first asked for) and the counter of places held or offered. A full slot has a
first-come waiting list; a freed place is offered to the first person waiting until a deadline.

Double booking is impossible in the database twice over: the engine's constraints (a slot's
counter never above its limit, one booking per person and slot) and, for the resources of
capacity 1 (a desk), an exclusion constraint on the booking's time range: no two bookings that
hold the desk overlap, whatever slots they belong to.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopportal.core.capacity import not_overbooked, seat_constraints
from coopportal.core.models import TimeStampedModel
from coopportal.core.workflow import status_check

from .constraints import no_overlap

User = settings.AUTH_USER_MODEL
PRICE = {"max_digits": 8, "decimal_places": 2, "null": True, "blank": True}


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Space(TimeStampedModel):
    """One of the cooperative's places: a coworking, a meeting room."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    city = models.CharField(_("city"), max_length=80)
    address = models.CharField(_("address"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    equipment = models.TextField(
        _("equipment"), max_length=2000, blank=True, help_text=_("One item per line.")
    )
    is_active = models.BooleanField(_("open for bookings"), default=True)

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["city", "name"]

    def __str__(self):
        return f"{self.name} ({self.city})"

    def get_absolute_url(self):
        return reverse("spaces:space_detail", args=[self.pk, self.slug])

    @property
    def equipment_items(self) -> list[str]:
        return [line.strip() for line in self.equipment.splitlines() if line.strip()]


class SpacePhoto(models.Model):
    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(_("image"), upload_to="spaces/photos/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["space", "position", "pk"]

    def __str__(self):
        return self.caption or self.image.name

    def get_absolute_url(self):
        return reverse("spaces:photo", args=[self.pk])


class OpeningHours(models.Model):
    """The space is open on `weekday` from `opens` to `closes` (Europe/Rome wall clock). Several
    rows on one day make a break (9–13, 14–18)."""

    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="hours"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens at"))
    closes = models.TimeField(_("closes at"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["space", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens__lt=models.F("closes")), name="spaces_hours_opens_before_closes"
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6), name="spaces_hours_weekday_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class ResourceKind(models.TextChoices):
    DESK = "desk", _("Desk")
    ROOM = "room", _("Room")


class Audience(models.TextChoices):
    MEMBERS = "members", _("Members of the cooperative only")
    ALL = "all", _("Members and participants")


class Resource(TimeStampedModel):
    """Something bookable inside a space, with its rules."""

    Kind = ResourceKind

    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="resources"
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=ResourceKind.choices)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("People who can book it at the same time (1 for a desk)."),
    )
    audience = models.CharField(
        _("who may book"), max_length=10, choices=Audience.choices, default=Audience.MEMBERS
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"),
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(720)],
    )
    max_minutes = models.PositiveSmallIntegerField(
        _("longest booking (minutes)"),
        default=240,
        validators=[MinValueValidator(15), MaxValueValidator(1440)],
    )
    horizon_days = models.PositiveSmallIntegerField(
        _("bookable days ahead"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    max_active = models.PositiveSmallIntegerField(
        _("bookings a person may hold at once"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    cancel_hours_before = models.PositiveSmallIntegerField(
        _("cancellation closes (hours before)"), default=2
    )
    price_member = models.DecimalField(_("price for members (€)"), **PRICE)
    price_public = models.DecimalField(_("price for participants (€)"), **PRICE)
    is_active = models.BooleanField(_("bookable"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("bookable resource")
        verbose_name_plural = _("bookable resources")
        ordering = ["space", "position", "name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="spaces_resource_capacity"),
            models.CheckConstraint(
                condition=Q(max_minutes__gte=models.F("slot_minutes")),
                name="spaces_resource_max_at_least_a_slot",
            ),
            status_check("spaces_resource_kind_valid", ResourceKind, field="kind"),
            status_check("spaces_resource_audience_valid", Audience, field="audience"),
        ]

    def __str__(self):
        return f"{self.name} — {self.space.name}"

    @property
    def is_exclusive(self) -> bool:
        return self.capacity == 1

    @property
    def is_free(self) -> bool:
        return not self.price_member and not self.price_public

    @property
    def for_members_only(self) -> bool:
        return self.audience == Audience.MEMBERS


class Slot(models.Model):
    """One resource over one exact time range: the capacity engine's parent."""

    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="slots"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(_("places"))
    going_count = models.PositiveSmallIntegerField(_("places taken"), default=0, editable=False)

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["resource", "starts_at"]
        constraints = [
            not_overbooked("spaces_slot_not_overbooked"),
            models.UniqueConstraint(
                fields=["resource", "starts_at", "ends_at"], name="spaces_slot_once"
            ),
            models.CheckConstraint(
                condition=Q(starts_at__lt=models.F("ends_at")), name="spaces_slot_starts_first"
            ),
        ]
        indexes = [models.Index(fields=["resource", "starts_at"], name="spaces_slot_when")]

    def __str__(self):
        return f"{self.resource_id} {self.starts_at:%Y-%m-%d %H:%M}"


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("Offered: confirm it")
    EXPIRED = "expired", _("Offer lapsed")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("No-show")


HOLDING = (
    BookingStatus.CONFIRMED,
    BookingStatus.OFFERED,
    BookingStatus.ATTENDED,
    BookingStatus.NO_SHOW,
)
ACTIVE = (BookingStatus.CONFIRMED, BookingStatus.OFFERED, BookingStatus.WAITING)


class Booking(TimeStampedModel):
    """A person's booking of a resource for a slot, place on its waiting list, or offer.

    `resource`, `starts_at`, `ends_at` and `exclusive` repeat the slot's (set once
    when the booking is made) so that the exclusion constraint and the lists need no join."""

    Status = BookingStatus

    slot = models.ForeignKey(
        Slot, verbose_name=_("slot"), on_delete=models.CASCADE, related_name="bookings"
    )
    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="bookings"
    )
    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="space_bookings"
    )
    status = models.CharField(_("status"), max_length=10, choices=BookingStatus.choices)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    exclusive = models.BooleanField(_("one person at a time"), default=False)
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    marked_at = models.DateTimeField(_("marked at"), null=True, blank=True)
    marked_by = models.ForeignKey(
        User,
        verbose_name=_("marked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at", "pk"]
        constraints = [
            *seat_constraints("spaces_booking", parent_fk="slot"),
            status_check("spaces_booking_status_valid", BookingStatus),
            no_overlap("spaces_booking_no_overlap", Q(exclusive=True, status__in=list(HOLDING))),
        ]
        indexes = [
            models.Index(
                fields=["offer_expires_at"],
                condition=Q(status="offered"),
                name="spaces_booking_offers",
            ),
            models.Index(
                fields=["slot", "waiting_since", "id"],
                condition=Q(status="waiting"),
                name="spaces_booking_waiting",
            ),
            models.Index(fields=["user", "starts_at"], name="spaces_booking_mine"),
            models.Index(fields=["resource", "starts_at"], name="spaces_booking_when"),
        ]

    def __str__(self):
        return f"{self.user} → {self.resource_id} {self.starts_at:%Y-%m-%d %H:%M}"
