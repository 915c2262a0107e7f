"""Issue 9, item 2: a person whose membership of the cooperative ended keeps nothing of the groups
for members only — not through a membership row left behind, nor after staff revoke it (which ends
those memberships and every coordinator role, with the reason, and tells the person once)."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import translation

from coopportal.accounts import services as accounts
from coopportal.core.models import AuditEvent
from coopportal.notifications.models import Notification
from tests.core.test_uploads import PDF
from tests.factories import UserFactory, staff_user
from tests.workgroups.factories import (
    MeetingFactory,
    MembershipFactory,
    PostFactory,
    ProposalFactory,
    ThreadFactory,
    WorkingGroupFactory,
)
from workgroups.exceptions import WorkgroupError
from workgroups.models import (
    GroupMembership,
    Meeting,
    MeetingRSVP,
    Post,
    ProposalComment,
    ProposalFollow,
    ThreadFollow,
    WorkingGroup,
)
from workgroups.services import discussion, documents, groups, proposals, seats

pytestmark = pytest.mark.django_db

REASON = "Recesso dalla cooperativa"


@pytest.fixture
def group():
    return WorkingGroupFactory(name="Formazione")


@pytest.fixture
def staff():
    return staff_user()


@pytest.fixture
def anna(group):
    return MembershipFactory(group=group, user=UserFactory(member=True, language="en")).user


@pytest.fixture
def content(group):
    """What a group for members only holds: a thread, a meeting, a private document, a proposal."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    coordinator = MembershipFactory(group=group, coordinator=True).user
    thread = ThreadFactory(group=group, title="Bandi europei")
    PostFactory(thread=thread, body="Primo intervento")
    document = documents.document_upload(
        group=group,
        by=coordinator,
        title="Regolamento interno",
        file=SimpleUploadedFile("regolamento.pdf", PDF),
    )
    return {
        "thread": thread,
        "meeting": MeetingFactory(group=group),
        "document": document,
        "proposal": ProposalFactory(group=group, published=True, created_by=coordinator),
    }


def end_membership_leaving_the_row(person):
    """The membership ends behind the groups' back (data from before the fix, a bulk update):
    the GroupMembership row still says active."""
    type(person).objects.filter(pk=person.pk).update(
        membership_number=None, member_since=None, membership_verified_at=None
    )
    person.refresh_from_db()
    return person


def url(name, *args):
    return reverse(f"workgroups:{name}", args=args)


def _pages_refuse(client, group, content):
    thread, meeting = content["thread"], content["meeting"]
    document, proposal = content["document"], content["proposal"]
    assert client.get(url("thread_list", group.slug)).status_code == 404
    assert client.get(url("thread_detail", group.slug, thread.pk)).status_code == 404
    reply = client.post(url("thread_detail", group.slug, thread.pk), {"body": "Ci sono ancora"})
    assert reply.status_code == 404
    rsvp = client.post(url("meeting_rsvp", group.slug, meeting.pk), {"answer": "going"})
    assert rsvp.status_code == 404
    comment = client.post(url("proposal_comment", group.slug, proposal.pk), {"body": "Io dico"})
    assert comment.status_code == 404
    assert client.get(url("document_download", group.slug, document.pk)).status_code == 404
    assert client.get(url("meeting_detail", group.slug, meeting.pk)).status_code == 404
    assert client.get(url("proposal_detail", group.slug, proposal.pk)).status_code == 404
    assert not Post.objects.filter(body="Ci sono ancora").exists()
    assert not MeetingRSVP.objects.exists()
    assert not ProposalComment.objects.exists()


def _services_refuse(person, group, content):
    thread, meeting, proposal = content["thread"], content["meeting"], content["proposal"]
    attempts = [
        lambda: discussion.thread_create(group=group, by=person, title="T", body="B"),
        lambda: discussion.post_create(thread=thread, by=person, body="Ci sono ancora"),
        lambda: seats.meeting_rsvp(meeting=meeting, by=person, answer="going"),
        lambda: proposals.proposal_comment(proposal=proposal, by=person, body="Io dico"),
        lambda: proposals.proposal_endorse(proposal=proposal, by=person),
        lambda: proposals.proposal_create(group=group, by=person, title="T", summary="S", body="B"),
    ]
    for attempt in attempts:
        with pytest.raises(WorkgroupError) as exc:
            attempt()
        assert exc.value.code == "forbidden"


def test_a_membership_row_left_behind_gives_nothing_in_a_members_only_group(
    client, group, anna, content
):
    end_membership_leaving_the_row(anna)
    assert GroupMembership.objects.get(user=anna).status == "active"  # the stale row
    client.force_login(anna)
    _pages_refuse(client, group, content)
    _services_refuse(anna, group, content)
    page = client.get(group.get_absolute_url()).content.decode()
    with translation.override("en"):
        assert "You are in this group" not in page
        assert "This group is for members of the cooperative only." in page


def test_a_stale_coordinator_row_coordinates_nothing(client, group, content):
    former = MembershipFactory(group=group, coordinator=True).user
    end_membership_leaving_the_row(former)
    client.force_login(former)
    assert client.get(url("meeting_create", group.slug)).status_code == 404
    assert client.get(url("membership_list", group.slug)).status_code == 404
    with pytest.raises(WorkgroupError):
        proposals.proposal_forward(proposal=content["proposal"], by=former)


def test_a_revoked_member_is_refused_everywhere_in_a_members_only_group(
    client, group, anna, content, staff
):
    accounts.membership_revoke(user=anna, by=staff, reason=REASON)
    anna.refresh_from_db()
    client.force_login(anna)
    _pages_refuse(client, group, content)
    _services_refuse(anna, group, content)


def test_a_revoked_author_no_longer_reads_or_writes_their_draft(client, group, anna, staff):
    draft = ProposalFactory(group=group, created_by=anna)
    accounts.membership_revoke(user=anna, by=staff, reason=REASON)
    anna.refresh_from_db()
    client.force_login(anna)
    assert client.get(url("proposal_detail", group.slug, draft.pk)).status_code == 404
    with pytest.raises(WorkgroupError):
        proposals.proposal_update(proposal=draft, by=anna, title="T", summary="S", body="B")
    with pytest.raises(WorkgroupError):
        proposals.proposal_submit(proposal=draft, by=anna)


def test_revocation_ends_the_memberships_with_the_reason_and_tells_the_person(
    group, anna, content, staff
):
    pending_group = WorkingGroupFactory(name="Energia", approval=True)
    MembershipFactory(group=pending_group, user=anna, pending=True)
    seats.meeting_rsvp(meeting=content["meeting"], by=anna, answer="going")
    discussion.thread_follow(thread=content["thread"], by=anna, follow=True)
    proposals.proposal_follow(proposal=content["proposal"], by=anna)

    accounts.membership_revoke(user=anna, by=staff, reason=REASON)

    rows = {m.group_id: m for m in GroupMembership.objects.filter(user=anna)}
    assert rows[group.pk].status == "left" and rows[pending_group.pk].status == "left"
    assert WorkingGroup.objects.get(pk=group.pk).members_count == 1  # the coordinator
    event = AuditEvent.objects.get(
        action="workgroups.membership.left", object_id=str(rows[group.pk].pk)
    )
    assert event.actor == staff
    assert event.data == {
        "from": "active",
        "to": "left",
        "reason": REASON,
        "cause": "membership_revoked",
    }  # "to" since memberships move through transition(), like every workflow
    # no more news of the group, and the seat is free for someone else
    assert not ThreadFollow.objects.filter(user=anna).exists()
    assert not ProposalFollow.objects.filter(user=anna).exists()
    assert not MeetingRSVP.objects.filter(user=anna).exists()
    assert Meeting.objects.get(pk=content["meeting"].pk).going_count == 0
    # one notification, with the reason and the groups
    notification = Notification.objects.get(recipient=anna)
    assert notification.kind == "accounts.membership_revoked"
    assert notification.url == reverse("accounts:membership")
    with translation.override("en"):
        assert REASON in notification.message
        assert "no longer in the groups for members only “Energia”, “Formazione”" in (
            notification.message
        )


def test_revocation_takes_the_coordinator_role_in_an_open_group_and_keeps_the_participant(
    staff,
):
    open_group = WorkingGroupFactory(name="Quartiere", open_to_all=True)
    carla = MembershipFactory(
        group=open_group, coordinator=True, user=UserFactory(member=True, language="en")
    ).user
    MembershipFactory(group=open_group, coordinator=True)  # another coordinator stays

    accounts.membership_revoke(user=carla, by=staff, reason=REASON)

    membership = GroupMembership.objects.get(user=carla)
    assert membership.status == "active" and membership.role == "member"
    assert AuditEvent.objects.filter(
        action="workgroups.membership.role", object_id=str(membership.pk), data__reason=REASON
    ).exists()
    with translation.override("en"):
        assert "You stay in “Quartiere” as a participant, no longer as coordinator." in (
            Notification.objects.get(recipient=carla).message
        )
    assert not Notification.objects.filter(kind="workgroups.coordinator_needed").exists()
    # as a participant, the open group is still theirs
    carla.refresh_from_db()
    thread = ThreadFactory(group=open_group)
    assert discussion.post_create(thread=thread, by=carla, body="Ci sono")


def test_a_group_left_without_coordinator_is_reported_to_staff(group, staff):
    carla = MembershipFactory(group=group, coordinator=True).user
    MembershipFactory(group=group)  # the group goes on, without a coordinator

    accounts.membership_revoke(user=carla, by=staff, reason=REASON)

    assert not GroupMembership.objects.filter(group=group, role="coordinator").exists()
    alert = Notification.objects.get(kind="workgroups.coordinator_needed")
    assert alert.recipient == staff
    assert alert.url.startswith(reverse("admin:workgroups_groupmembership_changelist"))
    with translation.override("en"):
        assert "“Formazione” has no coordinator any more" in alert.message


def test_revocation_from_the_user_admin_ends_the_groups_too(group, anna, staff):
    from django.test import Client

    client = Client()
    client.force_login(staff)
    data = {"action": "revoke_membership", ACTION_CHECKBOX_NAME: [anna.pk], "apply": "1"}
    client.post(reverse("admin:accounts_user_changelist"), {**data, "reason": REASON})
    assert GroupMembership.objects.get(user=anna).status == "left"
    assert Notification.objects.filter(recipient=anna, kind="accounts.membership_revoked").exists()


def test_a_failing_group_step_undoes_the_whole_revocation(group, anna, staff, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(groups, "_drop_what_needed_the_groups", lambda *a: broken())
    with pytest.raises(RuntimeError):
        accounts.membership_revoke(user=anna, by=staff, reason=REASON)
    anna.refresh_from_db()
    assert anna.is_member
    assert GroupMembership.objects.get(user=anna).status == "active"
    assert not Notification.objects.filter(recipient=anna).exists()


def test_revoking_someone_who_is_not_a_member_is_refused(staff):
    from coopportal.accounts.exceptions import MembershipError

    with pytest.raises(MembershipError) as exc:
        accounts.membership_revoke(user=UserFactory(), by=staff, reason=REASON)
    assert exc.value.code == "not_member"


def test_only_members_of_the_cooperative_are_appointed_coordinators(staff):
    participant = MembershipFactory(group=WorkingGroupFactory(open_to_all=True), user=UserFactory())
    with pytest.raises(WorkgroupError) as exc:
        groups.membership_set_role(membership=participant, by=staff, role="coordinator")
    assert exc.value.code == "not_member"
    assert GroupMembership.objects.get(pk=participant.pk).role == "member"


def test_the_group_step_refuses_anyone_but_staff_and_a_current_member(group, anna, staff):
    with pytest.raises(WorkgroupError) as exc:
        groups.memberships_end_on_revocation(user=anna, by=anna, reason=REASON)
    assert exc.value.code == "forbidden"
    with pytest.raises(WorkgroupError) as exc:
        groups.memberships_end_on_revocation(user=anna, by=staff, reason=REASON)
    assert exc.value.code == "still_member"
    assert GroupMembership.objects.get(user=anna).status == "active"
