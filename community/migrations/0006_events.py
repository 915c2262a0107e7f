"""The business matching events: their models, the staff's permissions in the admin (staff edit
events, sessions, slots and tables; read registrations, requests and meetings) and the beat job
that expires the requests left unanswered at the registration deadline."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models

from coopportal.core.migration_helpers import (
    baseline,
    grant_permissions,
    periodic_task_ensure,
    periodic_task_remove,
)

STAFF_PERMISSIONS = {
    "matchingevent": ("view", "add", "change", "delete"),
    "eventsession": ("view", "add", "change", "delete"),
    "timeslot": ("view", "add", "change", "delete"),
    "eventtable": ("view", "add", "change", "delete"),
    "registration": ("view",),
    "meetingrequest": ("view",),
    "meeting": ("view",),
    "meetingside": ("view",),
    "meetingfeedback": ("view",),
}

EXPIRY = "community: expire the meeting requests unanswered at an event's registration deadline"


@baseline
def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "Staff",
        [
            ("community", f"{action}_{model}")
            for model, actions in STAFF_PERMISSIONS.items()
            for action in actions
        ],
    )


@baseline
def create_schedules(apps, schema_editor):
    periodic_task_ensure(
        apps, name=EXPIRY, task="community.events_expire_requests", every=(15, "minutes")
    )


def remove_schedules(apps, schema_editor):
    periodic_task_remove(apps, EXPIRY)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_calendarfeed"),
        ("community", "0005_maturity_staff_permissions"),
        ("matching", "0003_beat_jobs"),
        ("accounts", "0003_roles"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="MatchingEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        auto_now_add=True, db_index=True, verbose_name="created at"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "description",
                    models.TextField(
                        help_text="Markdown.", max_length=10000, verbose_name="description"
                    ),
                ),
                (
                    "format",
                    models.CharField(
                        choices=[("in_person", "In person"), ("online", "Online")],
                        default="in_person",
                        max_length=10,
                        verbose_name="format",
                    ),
                ),
                (
                    "venue",
                    models.CharField(
                        blank=True,
                        help_text="Address of the venue, or the online platform used.",
                        max_length=300,
                        verbose_name="venue",
                    ),
                ),
                ("starts_at", models.DateTimeField(verbose_name="starts at")),
                ("ends_at", models.DateTimeField(verbose_name="ends at")),
                (
                    "registration_deadline",
                    models.DateTimeField(
                        help_text="Registrations, profile changes and meeting requests close at this time; unanswered requests expire.",
                        verbose_name="registration deadline",
                    ),
                ),
                (
                    "open_to_participants",
                    models.BooleanField(
                        default=False,
                        help_text="Registered people who are not (yet) members may register too.",
                        verbose_name="open to participants",
                    ),
                ),
                (
                    "max_meetings_per_person",
                    models.PositiveSmallIntegerField(
                        default=8, verbose_name="meetings per person (at most)"
                    ),
                ),
                (
                    "slot_choice",
                    models.CharField(
                        choices=[
                            ("requester", "The person who asks for the meeting"),
                            ("recipient", "The person who accepts the meeting"),
                            ("automatic", "Automatic (the organisers' scheduler)"),
                        ],
                        default="recipient",
                        max_length=10,
                        verbose_name="who chooses the time of a meeting",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft (staff only)"),
                            ("published", "Published"),
                            ("cancelled", "Cancelled"),
                        ],
                        default="draft",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
            ],
            options={
                "verbose_name": "matching event",
                "verbose_name_plural": "matching events",
                "ordering": ["-starts_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="EventTable",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="The name people read in their agenda, e.g. “tavolo 3” or “stanza 3”.", max_length=100, verbose_name="name"
                    ),
                ),
                (
                    "online_url",
                    models.URLField(
                        blank=True,
                        help_text="Shown only to the two people of each meeting held there.",
                        max_length=500,
                        verbose_name="link of the online room",
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tables",
                        to="community.matchingevent",
                        verbose_name="event",
                    ),
                ),
            ],
            options={
                "verbose_name": "table or room",
                "verbose_name_plural": "tables and rooms",
                "ordering": ["position", "pk"],
            },
        ),
        migrations.CreateModel(
            name="EventSession",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("starts_at", models.DateTimeField(verbose_name="starts at")),
                ("ends_at", models.DateTimeField(verbose_name="ends at")),
                (
                    "meeting_minutes",
                    models.PositiveSmallIntegerField(
                        default=20, verbose_name="length of a meeting (minutes)"
                    ),
                ),
                (
                    "break_minutes",
                    models.PositiveSmallIntegerField(
                        default=0, verbose_name="break between meetings (minutes)"
                    ),
                ),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sessions",
                        to="community.matchingevent",
                        verbose_name="event",
                    ),
                ),
            ],
            options={
                "verbose_name": "session",
                "verbose_name_plural": "sessions",
                "ordering": ["starts_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="MeetingRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        auto_now_add=True, db_index=True, verbose_name="created at"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                ("message", models.TextField(blank=True, max_length=1000, verbose_name="message")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting for an answer"),
                            ("accepted", "Accepted"),
                            ("declined", "Declined"),
                            ("expired", "Expired"),
                            ("cancelled", "Cancelled"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "answered_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="answered at"),
                ),
                (
                    "expired_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="expired at"),
                ),
                (
                    "cancelled_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="cancelled at"),
                ),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="meeting_requests",
                        to="community.matchingevent",
                        verbose_name="event",
                    ),
                ),
            ],
            options={
                "verbose_name": "meeting request",
                "verbose_name_plural": "meeting requests",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="Meeting",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        auto_now_add=True, db_index=True, verbose_name="created at"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "placed_by",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("requester", "The person who asked"),
                            ("recipient", "The person who accepted"),
                            ("scheduler", "The scheduler"),
                            ("staff", "Staff"),
                        ],
                        max_length=10,
                        verbose_name="placed by",
                    ),
                ),
                (
                    "placed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="placed at"),
                ),
                (
                    "cancelled_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="cancelled at"),
                ),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="meetings",
                        to="community.matchingevent",
                        verbose_name="event",
                    ),
                ),
                (
                    "table",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="meetings",
                        to="community.eventtable",
                        verbose_name="table or room",
                    ),
                ),
                (
                    "request",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="meeting",
                        to="community.meetingrequest",
                        verbose_name="request",
                    ),
                ),
            ],
            options={
                "verbose_name": "meeting",
                "verbose_name_plural": "meetings",
                "ordering": ["slot__starts_at", "table__position", "pk"],
            },
        ),
        migrations.CreateModel(
            name="MeetingSide",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("held", models.BooleanField(blank=True, null=True, verbose_name="held")),
                (
                    "marked_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="marked at"),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sides",
                        to="community.meeting",
                        verbose_name="meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "side of a meeting",
                "verbose_name_plural": "sides of meetings",
                "ordering": ["meeting", "pk"],
            },
        ),
        migrations.CreateModel(
            name="MeetingFeedback",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "stage",
                    models.CharField(
                        choices=[
                            ("after", "Right after the event"),
                            ("six_months", "Six months later"),
                        ],
                        max_length=12,
                        verbose_name="when",
                    ),
                ),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("possible", "A cooperation is possible"),
                            ("agreement", "An agreement was reached"),
                            ("talks", "Further talks planned"),
                            ("none", "No follow-up"),
                        ],
                        max_length=12,
                        verbose_name="outcome",
                    ),
                ),
                ("comment", models.TextField(blank=True, max_length=2000, verbose_name="comment")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "side",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="feedback",
                        to="community.meetingside",
                        verbose_name="side",
                    ),
                ),
            ],
            options={
                "verbose_name": "meeting feedback",
                "verbose_name_plural": "meeting feedback",
                "ordering": ["side", "stage"],
            },
        ),
        migrations.CreateModel(
            name="Registration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        auto_now_add=True, db_index=True, verbose_name="created at"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "status",
                    models.CharField(
                        choices=[("registered", "Registered"), ("cancelled", "Cancelled")],
                        default="registered",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "cancelled_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="cancelled at"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("person", "A person"), ("enterprise", "An enterprise")],
                        default="person",
                        max_length=12,
                        verbose_name="I take part",
                    ),
                ),
                (
                    "display_name",
                    models.CharField(editable=False, max_length=200, verbose_name="name shown"),
                ),
                (
                    "organisation_name",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="name of the enterprise"
                    ),
                ),
                (
                    "presentation",
                    models.TextField(blank=True, max_length=3000, verbose_name="presentation"),
                ),
                (
                    "offers_text",
                    models.TextField(blank=True, max_length=2000, verbose_name="what I offer"),
                ),
                (
                    "requests_text",
                    models.TextField(blank=True, max_length=2000, verbose_name="what I look for"),
                ),
                ("tags_text", models.TextField(blank=True, editable=False)),
                (
                    "search_vector",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="registrations",
                        to="community.matchingevent",
                        verbose_name="event",
                    ),
                ),
                (
                    "offer_tags",
                    models.ManyToManyField(
                        blank=True,
                        related_name="event_offers",
                        to="matching.tag",
                        verbose_name="I offer (tags)",
                    ),
                ),
                (
                    "province",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="accounts.province",
                        verbose_name="province",
                    ),
                ),
                (
                    "request_tags",
                    models.ManyToManyField(
                        blank=True,
                        related_name="event_requests",
                        to="matching.tag",
                        verbose_name="I look for (tags)",
                    ),
                ),
                (
                    "sector",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="accounts.sector",
                        verbose_name="sector",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="event_registrations",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="person",
                    ),
                ),
            ],
            options={
                "verbose_name": "registration",
                "verbose_name_plural": "registrations",
                "ordering": ["display_name", "pk"],
            },
        ),
        migrations.AddField(
            model_name="meetingside",
            name="registration",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="meeting_sides",
                to="community.registration",
                verbose_name="registration",
            ),
        ),
        migrations.AddField(
            model_name="meetingrequest",
            name="recipient",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="requests_received",
                to="community.registration",
                verbose_name="to",
            ),
        ),
        migrations.AddField(
            model_name="meetingrequest",
            name="requester",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="requests_sent",
                to="community.registration",
                verbose_name="from",
            ),
        ),
        migrations.CreateModel(
            name="TimeSlot",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("starts_at", models.DateTimeField(verbose_name="starts at")),
                ("ends_at", models.DateTimeField(verbose_name="ends at")),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="slots",
                        to="community.eventsession",
                        verbose_name="session",
                    ),
                ),
            ],
            options={
                "verbose_name": "time slot",
                "verbose_name_plural": "time slots",
                "ordering": ["starts_at", "pk"],
            },
        ),
        migrations.AddField(
            model_name="registration",
            name="available_slots",
            field=models.ManyToManyField(
                blank=True,
                help_text="None chosen: available at every time slot.",
                related_name="available_registrations",
                to="community.timeslot",
                verbose_name="available at",
            ),
        ),
        migrations.AddField(
            model_name="meetingside",
            name="slot",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="community.timeslot",
                verbose_name="time slot",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="slot",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="meetings",
                to="community.timeslot",
                verbose_name="time slot",
            ),
        ),
        migrations.AddIndex(
            model_name="matchingevent",
            index=models.Index(fields=["status", "starts_at"], name="community_event_listed"),
        ),
        migrations.AddConstraint(
            model_name="matchingevent",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["cancelled", "draft", "published"])),
                name="community_event_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="matchingevent",
            constraint=models.CheckConstraint(
                condition=models.Q(("format__in", ["in_person", "online"])),
                name="community_event_format_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="matchingevent",
            constraint=models.CheckConstraint(
                condition=models.Q(("slot_choice__in", ["automatic", "recipient", "requester"])),
                name="community_event_slot_choice_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="matchingevent",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_at__gt", models.F("starts_at"))),
                name="community_event_ends_after_start",
            ),
        ),
        migrations.AddConstraint(
            model_name="matchingevent",
            constraint=models.CheckConstraint(
                condition=models.Q(("registration_deadline__lte", models.F("ends_at"))),
                name="community_event_deadline_before_end",
            ),
        ),
        migrations.AddConstraint(
            model_name="matchingevent",
            constraint=models.CheckConstraint(
                condition=models.Q(("max_meetings_per_person__gte", 1)),
                name="community_event_max_meetings_positive",
            ),
        ),
        migrations.AddConstraint(
            model_name="eventtable",
            constraint=models.UniqueConstraint(
                fields=("event", "name"), name="community_table_name_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="eventsession",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_at__gt", models.F("starts_at"))),
                name="community_session_ends_after_start",
            ),
        ),
        migrations.AddConstraint(
            model_name="eventsession",
            constraint=models.CheckConstraint(
                condition=models.Q(("meeting_minutes__gte", 5), ("meeting_minutes__lte", 240)),
                name="community_session_meeting_minutes_range",
            ),
        ),
        migrations.AddConstraint(
            model_name="meetingfeedback",
            constraint=models.UniqueConstraint(
                fields=("side", "stage"), name="community_feedback_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="meetingfeedback",
            constraint=models.CheckConstraint(
                condition=models.Q(("stage__in", ["after", "six_months"])),
                name="community_feedback_stage_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="meetingfeedback",
            constraint=models.CheckConstraint(
                condition=models.Q(("outcome__in", ["agreement", "none", "possible", "talks"])),
                name="community_feedback_outcome_valid",
            ),
        ),
        migrations.AddIndex(
            model_name="meetingrequest",
            index=models.Index(fields=["recipient", "status"], name="community_request_received"),
        ),
        migrations.AddIndex(
            model_name="meetingrequest",
            index=models.Index(fields=["requester", "status"], name="community_request_sent"),
        ),
        migrations.AddIndex(
            model_name="meetingrequest",
            index=models.Index(
                condition=models.Q(("status", "pending")),
                fields=["event"],
                name="community_request_pending",
            ),
        ),
        migrations.AddConstraint(
            model_name="meetingrequest",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status__in", ["accepted", "cancelled", "declined", "expired", "pending"])
                ),
                name="community_request_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="meetingrequest",
            constraint=models.CheckConstraint(
                condition=models.Q(("requester", models.F("recipient")), _negated=True),
                name="community_request_not_self",
            ),
        ),
        migrations.AddConstraint(
            model_name="meetingrequest",
            constraint=models.UniqueConstraint(
                django.db.models.functions.comparison.Least("requester", "recipient"),
                django.db.models.functions.comparison.Greatest("requester", "recipient"),
                condition=models.Q(("status__in", ["pending", "accepted"])),
                name="community_request_one_open_per_pair",
            ),
        ),
        migrations.AddConstraint(
            model_name="timeslot",
            constraint=models.UniqueConstraint(
                fields=("session", "starts_at"), name="community_slot_session_start_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="timeslot",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_at__gt", models.F("starts_at"))),
                name="community_slot_ends_after_start",
            ),
        ),
        migrations.AddIndex(
            model_name="registration",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="community_registration_search"
            ),
        ),
        migrations.AddIndex(
            model_name="registration",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["display_name"],
                name="community_registration_trgm",
                opclasses=["gin_trgm_ops"],
            ),
        ),
        migrations.AddIndex(
            model_name="registration",
            index=models.Index(
                fields=["event", "status", "display_name"], name="community_reg_list"
            ),
        ),
        migrations.AddConstraint(
            model_name="registration",
            constraint=models.UniqueConstraint(
                fields=("event", "user"), name="community_registration_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="registration",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["cancelled", "registered"])),
                name="community_registration_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="registration",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["enterprise", "person"])),
                name="community_registration_kind_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="meetingside",
            constraint=models.UniqueConstraint(
                fields=("meeting", "registration"), name="community_side_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="meetingside",
            constraint=models.UniqueConstraint(
                condition=models.Q(("slot__isnull", False)),
                fields=("registration", "slot"),
                name="community_side_one_meeting_per_slot",
            ),
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["event", "slot"], name="community_meeting_event_slot"),
        ),
        migrations.AddConstraint(
            model_name="meeting",
            constraint=models.UniqueConstraint(
                condition=models.Q(("slot__isnull", False), ("table__isnull", False)),
                fields=("slot", "table"),
                name="community_meeting_slot_table_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="meeting",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("slot__isnull", True), ("table__isnull", True)),
                    models.Q(("slot__isnull", False), ("table__isnull", False)),
                    _connector="OR",
                ),
                name="community_meeting_slot_and_table",
            ),
        ),
        migrations.AddConstraint(
            model_name="meeting",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("placed_by", ""),
                    ("placed_by__in", ["requester", "recipient", "scheduler", "staff"]),
                    _connector="OR",
                ),
                name="community_meeting_placed_by_valid",
            ),
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(create_schedules, remove_schedules),
    ]
