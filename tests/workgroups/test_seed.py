import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from coopportal.core.models import AuditEvent
from coopportal.core.seed_sizes import size
from workgroups import permissions
from workgroups.models import (
    Endorsement,
    GroupMembership,
    Meeting,
    MeetingRSVP,
    Post,
    ProgressNote,
    Proposal,
    ProposalComment,
    Thread,
    WorkingGroup,
)
from workgroups.selectors.proposals import proposal_timeline, proposal_timelines

pytestmark = pytest.mark.django_db

NAMED_GROUPS = {
    "dentro-e-fuori-i-bandi", "formazione", "ricerca-e-sviluppo", "governance",
    "modello-economico", "nuovi-settori", "nuovi-servizi", "soci-di-bologna",
}  # fmt: skip
MODELS = [WorkingGroup, GroupMembership, Thread, Post, Meeting, MeetingRSVP, Proposal,
          AuditEvent, Endorsement, ProposalComment, ProgressNote]  # fmt: skip


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def _membership(email, slug):
    return GroupMembership.objects.get(user__email=email, group__slug=slug)


def _assert_counters_match_rows():
    groups = WorkingGroup.objects.annotate(
        n=Count("memberships", filter=Q(memberships__status="active"))
    )
    assert all(g.members_count == g.n for g in groups)
    threads = Thread.objects.annotate(n=Count("posts"))
    assert all(t.posts_count == t.n and t.last_post_at for t in threads)
    meetings = Meeting.objects.annotate(n=Count("rsvps", filter=Q(rsvps__answer="going")))
    assert all(m.going_count == m.n for m in meetings)
    proposals = Proposal.objects.annotate(
        e=Count("endorsements", distinct=True), c=Count("comments", distinct=True)
    )
    assert all(p.endorsements_count == p.e and p.comments_count == p.c for p in proposals)


def test_seed_demo_creates_the_groups_of_smart_in_progress(demo):

    groups = {g.slug: g for g in WorkingGroup.objects.select_related("province")}
    assert set(groups) == NAMED_GROUPS
    assert groups["nuovi-servizi"].audience == WorkingGroup.Audience.EVERYONE
    bologna = groups["soci-di-bologna"]
    assert bologna.province.sigla == "BO"
    assert bologna.join_policy == WorkingGroup.JoinPolicy.APPROVAL
    phases = list(groups["ricerca-e-sviluppo"].phases.all())
    assert [p.starts_on.year for p in phases] == [2019, 2025]
    assert phases[0].ends_on.year == 2021 and "Assemblea generale" in phases[0].outcome

    assert _membership("coordinatore@demo.coop", "formazione").role == "coordinator"
    assert (
        GroupMembership.objects.filter(user__email="socia@demo.coop", status="active").count() > 3
    )
    participant = _membership("partecipante@demo.coop", "nuovi-servizi")
    assert participant.status == "active"
    assert _membership("cda@demo.coop", "soci-di-bologna").status == "pending"
    _assert_counters_match_rows()


def test_seed_demo_writes_proposals_in_every_status_with_their_story(demo):

    statuses = set(Proposal.objects.values_list("status", flat=True))
    assert statuses == set(Proposal.Status.values)
    for proposal in Proposal.objects.all():
        events = proposal_timeline(proposal)
        assert events[0].data["from"] == "" and events[0].data["to"] == "draft"
        assert events[-1].data["to"] in {proposal.status, proposal.answer}
        assert all(e.actor_id for e in events)
        assert [e.created_at for e in events] == sorted(e.created_at for e in events)
    changes = Proposal.objects.get(status="changes_requested")
    assert changes.moderation_reason
    (step,) = [e for e in proposal_timeline(changes) if e.data["to"] == "changes_requested"]
    assert step.data["reason"] == changes.moderation_reason
    assert Proposal.objects.get(status="rejected").moderation_reason
    assert Proposal.objects.get(status="published").endorsements_count == 2

    answered = Proposal.objects.get(answer="partially_accepted")
    assert answered.status == "forwarded" and answered.answer_text
    assert answered.implementation == "in_progress" and answered.implementation_percent == 40
    assert list(answered.progress_notes.values_list("percent", flat=True)) == [15, 40]
    assert answered.coauthors.filter(status="accepted").exists()
    assert not Proposal.objects.filter(search_vector__isnull=True).exists()


def test_seed_demo_writes_meetings_threads_and_visible_outcomes(demo):

    past = Meeting.objects.get(minutes_recorded_at__isnull=False)
    assert past.outcomes and past.minutes and past.ends_at < past.minutes_recorded_at
    upcoming = Meeting.objects.get(group__slug="formazione", capacity=30)
    assert upcoming.status == "published" and upcoming.capacity
    assert upcoming.agenda_items.count() == 4 and upcoming.going_count == 2
    full = Meeting.objects.get(group__slug="formazione", capacity=2)  # the waiting list's demo
    assert full.going_count == full.capacity and full.starts_at > upcoming.starts_at
    waiting = Meeting.objects.get(status="proposed")
    assert waiting.kind == "self_organised" and waiting.province.sigla == "BO"
    assert waiting.proposed_by.email == "socia@demo.coop"
    assert Post.objects.filter(thread__group__slug="nuovi-servizi").count() == 3


def test_seed_demo_is_idempotent(demo):
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first


def test_seed_demo_scale_grows_the_data_once(demo):
    small = _counts()
    call_command("seed_demo", scale=1)
    grown = _counts()
    # the sizes of coopportal.core.seed_sizes at --scale 1
    assert grown["WorkingGroup"] == small["WorkingGroup"] + size("groups", 1)
    assert grown["Proposal"] == small["Proposal"] + size("proposals", 1) == small["Proposal"] + 10
    assert grown["Thread"] == small["Thread"] + size("threads", 1)
    assert grown["Meeting"] == small["Meeting"] + size("meetings", 1)
    assert grown["Post"] == small["Post"] + size("posts", 1) == small["Post"] + 200
    assert grown["GroupMembership"] > small["GroupMembership"] + 60
    call_command("seed_demo", scale=1)
    assert _counts() == grown
    _assert_counters_match_rows()
    assert not Proposal.objects.filter(search_vector__isnull=True).exists()


def test_seed_demo_scale_respects_who_may_be_where():
    """The scale people write only in groups they belong to; participants only where allowed."""
    call_command("seed_demo", scale=1)
    active = set(GroupMembership.objects.filter(status="active").values_list("group", "user"))
    assert set(Thread.objects.values_list("group", "created_by")) <= active
    assert set(Post.objects.values_list("thread__group", "author")) <= active
    assert set(Proposal.objects.values_list("group", "created_by")) <= active
    assert not Proposal.objects.filter(created_by__membership_verified_at__isnull=True).exists()
    for membership in GroupMembership.objects.select_related("group", "user"):
        assert permissions.may_join_by_audience(membership.user, membership.group)
    with_timeline = set(
        proposal_timelines(Proposal.objects.all()).values_list("object_id", flat=True)
    )
    assert {str(pk) for pk in Proposal.objects.values_list("pk", flat=True)} == with_timeline
    assert not Proposal.objects.filter(status="forwarded", forwarded_at__isnull=True).exists()
    assert not Endorsement.objects.exclude(proposal__status__in=["published", "forwarded"]).exists()
    coordinated = GroupMembership.objects.filter(role="coordinator", status="active")
    assert set(coordinated.values_list("group", flat=True)) >= set(
        WorkingGroup.objects.filter(slug__startswith="soci-di-").values_list("pk", flat=True)
    )
