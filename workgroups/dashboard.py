"""The working-groups panel of a person's dashboard and what waits for them (found by
coopportal.core.discovery): staff moderation queues, coordinators' hand-offs, members' invitations
and the meetings they will attend. Counts are aggregate queries: flat as data grows."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from coopportal.accounts.permissions import is_authenticated, is_staff_member
from coopportal.core.waiting import COORDINATOR, STAFF, YOU, Waiting, counts

from .models import GroupMembership, Meeting, MeetingRSVP, PostReport, Proposal, ProposalAuthor
from .permissions import memberships_of

SHOWN = 5  # entries listed under an item


def panel(request):
    user = request.user
    memberships = list(
        GroupMembership.objects.filter(user=user, status__in=["active", "pending"])
        .select_related("group")
        .order_by("group__name")
    )
    return {
        "template": "workgroups/partials/_dashboard_panel.html",
        "memberships": memberships,
        "drafts": list(
            Proposal.objects.filter(
                created_by=user,
                status__in=[Proposal.Status.DRAFT, Proposal.Status.CHANGES_REQUESTED],
            ).select_related("group")[:10]
        ),
    }


def waiting(user) -> list[Waiting]:
    if not is_authenticated(user):
        return []
    items = []
    if is_staff_member(user):
        items += _for_staff()
    coordinated = [
        m.group_id
        for m in memberships_of(user).values()
        if m.status == GroupMembership.Status.ACTIVE and m.role == GroupMembership.Role.COORDINATOR
    ]
    if coordinated:
        items += _for_coordinators(coordinated)
    return items + _for_members(user)


def _admin(name, **filters):
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return f"{reverse(f'admin:workgroups_{name}_changelist')}?{query}"


def _for_staff():
    found = counts(
        proposals=Proposal.objects.filter(status=Proposal.Status.SUBMITTED),
        meetings=Meeting.objects.filter(status=Meeting.Status.PROPOSED),
        reports=PostReport.objects.filter(status=PostReport.Status.OPEN),
    )
    proposals, meetings, reports = found["proposals"], found["meetings"], found["reports"]
    return [
        Waiting(
            STAFF,
            ngettext("%(count)s proposal to moderate", "%(count)s proposals to moderate", proposals)
            % {"count": proposals},
            proposals,
            _admin("proposal", status__exact="submitted"),
        ),
        Waiting(
            STAFF,
            ngettext(
                "%(count)s proposed meeting to approve",
                "%(count)s proposed meetings to approve",
                meetings,
            )
            % {"count": meetings},
            meetings,
            _admin("meeting", status__exact="proposed"),
        ),
        Waiting(
            STAFF,
            ngettext(
                "%(count)s reported post to handle", "%(count)s reported posts to handle", reports
            )
            % {"count": reports},
            reports,
            _admin("postreport", status__exact="open"),
        ),
    ]


def _per_group(queryset, group_ids):
    return list(
        queryset.filter(group_id__in=group_ids)
        .values("group__slug", "group__name")
        .annotate(n=Count("pk"))
        .order_by("group__name")
    )


def _for_coordinators(group_ids):
    items = []
    published = Proposal.objects.filter(status=Proposal.Status.PUBLISHED)
    for row in _per_group(published, group_ids):
        n = row["n"]
        items.append(
            Waiting(
                COORDINATOR,
                ngettext(
                    "%(count)s proposal of “%(group)s” to forward to the board",
                    "%(count)s proposals of “%(group)s” to forward to the board",
                    n,
                )
                % {"count": n, "group": row["group__name"]},
                n,
                reverse("workgroups:proposal_list", args=[row["group__slug"]])
                + "?status=published",
            )
        )
    pending = GroupMembership.objects.filter(status=GroupMembership.Status.PENDING)
    for row in _per_group(pending, group_ids):
        n = row["n"]
        items.append(
            Waiting(
                COORDINATOR,
                ngettext(
                    "%(count)s request to join “%(group)s”",
                    "%(count)s requests to join “%(group)s”",
                    n,
                )
                % {"count": n, "group": row["group__name"]},
                n,
                reverse("workgroups:membership_list", args=[row["group__slug"]]),
            )
        )
    return items


def _for_members(user):
    invitations = ProposalAuthor.objects.filter(user=user, status=ProposalAuthor.Status.INVITED)
    going = MeetingRSVP.objects.filter(
        user=user,
        answer=MeetingRSVP.Answer.GOING,
        meeting__status=Meeting.Status.PUBLISHED,
        meeting__starts_at__gt=timezone.now(),
    )
    found = counts(invited=invitations, attending=going)
    invited, attending = found["invited"], found["attending"]
    items = []
    if invited:
        shown = [
            (f"{i.proposal.title} ({i.proposal.group.name})", i.proposal.get_absolute_url())
            for i in invitations.select_related("proposal__group").order_by("-created_at")[:SHOWN]
        ]
        items.append(
            Waiting(
                YOU,
                ngettext(
                    "%(count)s invitation to co-author a proposal",
                    "%(count)s invitations to co-author a proposal",
                    invited,
                )
                % {"count": invited},
                invited,
                shown[0][1],
                shown,
            )
        )
    if attending:
        shown = [
            (f"{r.meeting.title} ({r.meeting.group.name})", r.meeting.get_absolute_url())
            for r in going.select_related("meeting__group").order_by("meeting__starts_at")[:SHOWN]
        ]
        items.append(
            Waiting(
                YOU,
                ngettext(
                    "%(count)s upcoming meeting you will attend",
                    "%(count)s upcoming meetings you will attend",
                    attending,
                )
                % {"count": attending},
                attending,
                shown[0][1],
                shown,
            )
        )
    return items
