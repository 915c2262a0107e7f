"""Working groups, their phases and who belongs to them."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopportal.core.models import TimeStampedModel
from coopportal.core.search import weighted_vector
from coopportal.core.workflow import status_check

User = settings.AUTH_USER_MODEL


class WorkingGroup(TimeStampedModel):
    class JoinPolicy(models.TextChoices):
        OPEN = "open", _("Open: anyone allowed can join")
        APPROVAL = "approval", _("On request: a coordinator approves")

    class Audience(models.TextChoices):
        MEMBERS = "members", _("Members only")
        EVERYONE = "everyone", _("Members and external participants")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    theme = models.CharField(_("theme"), max_length=120, db_index=True)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), max_length=20000, blank=True)
    join_policy = models.CharField(
        _("join policy"), max_length=10, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.MEMBERS
    )
    region = models.ForeignKey(
        "accounts.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="working_groups",
    )
    province = models.ForeignKey(
        "accounts.Province",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="working_groups",
    )
    is_active = models.BooleanField(_("active"), default=True)
    members_count = models.PositiveIntegerField(_("members"), default=0)
    search_vector = SearchVectorField(null=True, editable=False)

    # what search_vector holds (coopportal.core.search), refreshed wherever the text changes
    SEARCH_VECTOR = weighted_vector(
        ("name", "A"), ("theme", "B"), ("summary", "B"), ("description", "C")
    )

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name"]
        indexes = [
            GinIndex(fields=["search_vector"], name="wg_group_search"),
            GinIndex(fields=["name"], name="wg_group_name_trgm", opclasses=["gin_trgm_ops"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("workgroups:group_detail", args=[self.slug])

    @property
    def is_territorial(self):
        return bool(self.region_id or self.province_id)

    # The person's own membership, on the groups that selectors.group_list annotates with it
    # (`my_status`): what the list's badges say.
    @property
    def is_my_group(self) -> bool:
        return getattr(self, "my_status", None) == GroupMembershipStatus.ACTIVE

    @property
    def has_my_request(self) -> bool:
        return getattr(self, "my_status", None) == GroupMembershipStatus.PENDING


class Phase(models.Model):
    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="phases"
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    outcome = models.TextField(_("outcome"), max_length=20000, blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="workgroups_phase_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.group} — {self.name}"


class GroupMembershipStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    ACTIVE = "active", _("Active")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")


# The moves of a group membership; its Workflow (GROUP_MEMBERSHIP) is in
# workgroups/workflows/groups.py.
_M = GroupMembershipStatus
GROUP_MEMBERSHIP_TRANSITIONS = {
    _M.PENDING: {_M.ACTIVE, _M.DECLINED, _M.LEFT},
    _M.ACTIVE: {_M.LEFT},
    _M.DECLINED: {_M.PENDING, _M.ACTIVE},
    _M.LEFT: {_M.PENDING, _M.ACTIVE},
}


class GroupMembership(TimeStampedModel):
    class Role(models.TextChoices):
        MEMBER = "member", _("Participant")
        COORDINATOR = "coordinator", _("Coordinator")

    Status = GroupMembershipStatus  # module level, so that Meta's status_check can name it

    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="group_memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    message = models.TextField(_("message to the coordinators"), max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        User, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="workgroups_one_membership"),
            status_check("workgroups_membership_status_valid", GroupMembershipStatus),
        ]
        indexes = [models.Index(fields=["user", "status"], name="wg_membership_user_status")]

    def __str__(self):
        return f"{self.user} @ {self.group}"

    # display facts about the status (who may change it: workgroups/workflows/groups.py)
    @property
    def is_pending(self) -> bool:
        return self.status == GroupMembershipStatus.PENDING

    @property
    def is_active(self) -> bool:
        return self.status == GroupMembershipStatus.ACTIVE
