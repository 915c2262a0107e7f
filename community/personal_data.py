"""What the community of practice holds about a person (see coopportal.core.data_rights):
event registrations and their meetings, maturity assessments, practices, toolbox suggestions and
bookmarks. Erasure keeps practices and resources (under "Deleted member"), empties what describes
the person in registrations (search vectors refreshed) and deletes bookmarks."""

from django.db.models import Q
from django.utils.translation import gettext as _

from coopportal.core.data_rights import export_holds, rows
from coopportal.core.search import vector_refresh

from .events.models import MeetingFeedback, MeetingRequest, MeetingSide, Registration
from .maturity.models import MaturityAssessment
from .toolbox.models import ResourceBookmark

HOLDS = {
    "community.MatchingEvent": ["created_by"],
    "community.Registration": ["user"],
    "community.MaturityAssessment": ["user"],
    "community.Practice": ["proposer", "decided_by"],
    "community.Resource": ["suggested_by", "published_by", "rejected_by"],
    "community.ResourceBookmark": ["user"],
}


def export(user) -> dict[str, list[dict]]:
    sections = export_holds(HOLDS, user)
    mine = Registration.objects.filter(user=user)
    sections["community.MeetingRequest"] = rows(
        MeetingRequest.objects.filter(Q(requester__in=mine) | Q(recipient__in=mine))
    )
    sections["community.MeetingSide"] = rows(MeetingSide.objects.filter(registration__in=mine))
    sections["community.MeetingFeedback"] = rows(
        MeetingFeedback.objects.filter(side__registration__in=mine)
    )
    return sections


def erase(user) -> None:
    mine = Registration.objects.filter(user=user)
    mine.update(
        display_name=_("Deleted member"),
        organisation_name="",
        presentation="",
        offers_text="",
        requests_text="",
        tags_text="",
    )
    vector_refresh(Registration.objects.filter(user=user), Registration.SEARCH_VECTOR)
    MeetingRequest.objects.filter(requester__in=mine).update(message="")
    MeetingFeedback.objects.filter(side__registration__in=mine).update(comment="")
    MaturityAssessment.objects.filter(user=user).update(organisation_name="")
    ResourceBookmark.objects.filter(user=user).delete()
