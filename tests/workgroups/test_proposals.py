import pytest
from django.urls import reverse

from coopportal.notifications.models import Notification
from tests.factories import UserFactory, staff_user
from tests.workgroups.factories import MembershipFactory, ProposalFactory, WorkingGroupFactory
from workgroups.exceptions import WorkgroupError
from workgroups.models import Endorsement, Proposal
from workgroups.selectors.proposals import proposal_timeline
from workgroups.services import proposals as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return WorkingGroupFactory()


@pytest.fixture
def author(group):
    return MembershipFactory(group=group).user


@pytest.fixture
def coordinator(group):
    return MembershipFactory(group=group, coordinator=True).user


@pytest.fixture
def colleague(group):
    return MembershipFactory(group=group).user


def draft(group, author, **kwargs):
    return services.proposal_create(
        group=group,
        by=author,
        title=kwargs.get("title", "Corsi sui bandi europei"),
        summary="Chiediamo corsi sui bandi europei.",
        body="Motivazioni **forti**.",
    )


def test_full_workflow_records_every_step_and_notifies(group, author, coordinator, colleague):
    staff = staff_user()
    proposal = draft(group, author)
    services.proposal_submit(proposal=proposal, by=author)
    services.proposal_publish(proposal=proposal, by=staff)
    services.proposal_endorse(proposal=proposal, by=colleague)
    services.proposal_forward(proposal=proposal, by=coordinator, reason="Urgente")
    proposal.refresh_from_db()
    assert proposal.status == "forwarded"
    assert proposal.endorsements_count == 1
    assert proposal.submitted_at and proposal.published_at and proposal.forwarded_at
    steps = [(e.data["from"], e.data["to"], e.actor_id) for e in proposal_timeline(proposal)]
    assert steps == [
        ("", "draft", author.pk),
        ("draft", "submitted", author.pk),
        ("submitted", "published", staff.pk),
        ("published", "forwarded", coordinator.pk),
    ]
    kinds = list(
        Notification.objects.filter(recipient=author).values_list("kind", flat=True).order_by("pk")
    )
    assert kinds.count("workgroups.proposal_changed") == 2  # published, forwarded
    assert "workgroups.proposal_activity" in kinds  # the endorsement
    assert Notification.objects.filter(
        recipient=staff, kind="workgroups.proposal_submitted"
    ).exists()


@pytest.mark.parametrize(
    ("setup", "move"),
    [
        ("draft", "publish"),
        ("draft", "forward"),
        ("submitted", "forward"),
        ("published", "submit"),
        ("forwarded", "publish"),
    ],
)
def test_illegal_transitions_are_clear_errors_and_change_nothing(group, author, setup, move):
    staff = staff_user()
    proposal = ProposalFactory(
        group=group, created_by=author, **({} if setup == "draft" else {setup: True})
    )
    action = {
        "publish": lambda: services.proposal_publish(proposal=proposal, by=staff),
        "forward": lambda: services.proposal_forward(proposal=proposal, by=staff),
        "submit": lambda: services.proposal_submit(proposal=proposal, by=author),
    }[move]
    with pytest.raises(WorkgroupError) as exc:
        action()
    assert exc.value.code == "illegal_transition"
    proposal.refresh_from_db()
    assert proposal.status == setup
    assert proposal_timeline(proposal) == []


def test_moderation_needs_staff_and_a_reason(group, author, coordinator):
    proposal = ProposalFactory(group=group, created_by=author, submitted=True)
    with pytest.raises(WorkgroupError) as exc:
        services.proposal_publish(proposal=proposal, by=coordinator)
    assert exc.value.code == "forbidden"
    with pytest.raises(WorkgroupError) as exc:
        services.proposal_reject(proposal=proposal, by=staff_user(), reason="  ")
    assert exc.value.code == "reason"
    proposal.refresh_from_db()
    assert proposal.status == "submitted"


def test_changes_requested_then_edited_and_resubmitted(group, author):
    staff = staff_user()
    proposal = ProposalFactory(group=group, created_by=author, submitted=True)
    services.proposal_request_changes(proposal=proposal, by=staff, reason="Aggiungi i costi")
    proposal.refresh_from_db()
    assert proposal.moderation_reason == "Aggiungi i costi"
    services.proposal_update(
        proposal=proposal, by=author, title="Nuovo titolo", summary="S", body="B"
    )
    services.proposal_submit(proposal=proposal, by=author)
    proposal.refresh_from_db()
    assert (proposal.title, proposal.status) == ("Nuovo titolo", "submitted")


def test_only_authors_edit_and_only_while_editable(group, author, colleague):
    proposal = ProposalFactory(group=group, created_by=author)
    with pytest.raises(WorkgroupError):
        services.proposal_update(proposal=proposal, by=colleague, title="X", summary="S", body="B")
    published = ProposalFactory(group=group, created_by=author, published=True)
    with pytest.raises(WorkgroupError):
        services.proposal_update(proposal=published, by=author, title="X", summary="S", body="B")


def test_endorse_once_not_own_and_withdrawable_until_forwarded(group, author, colleague):
    proposal = ProposalFactory(group=group, created_by=author, published=True)
    services.proposal_endorse(proposal=proposal, by=colleague)
    with pytest.raises(WorkgroupError) as exc:
        services.proposal_endorse(proposal=proposal, by=colleague)
    assert exc.value.code in {"already", "forbidden"}
    with pytest.raises(WorkgroupError):
        services.proposal_endorse(proposal=proposal, by=author)
    assert Endorsement.objects.count() == 1
    services.proposal_unendorse(proposal=proposal, by=colleague)
    assert Proposal.objects.get(pk=proposal.pk).endorsements_count == 0
    services.proposal_endorse(proposal=proposal, by=colleague)
    Proposal.objects.filter(pk=proposal.pk).update(status="forwarded")
    with pytest.raises(WorkgroupError) as exc:
        services.proposal_unendorse(proposal=proposal, by=colleague)
    assert exc.value.code == "forwarded"


def test_outsiders_cannot_endorse_or_comment(group, author):
    proposal = ProposalFactory(group=group, created_by=author, published=True)
    outsider = MembershipFactory().user  # member of another group
    with pytest.raises(WorkgroupError):
        services.proposal_endorse(proposal=proposal, by=outsider)
    with pytest.raises(WorkgroupError):
        services.proposal_comment(proposal=proposal, by=outsider, body="Ciao")


def test_participants_cannot_propose(group):
    participant = MembershipFactory(group=group, user=UserFactory()).user
    with pytest.raises(WorkgroupError) as exc:
        draft(group, participant)
    assert exc.value.code == "forbidden"
    assert not Proposal.objects.exists()


def test_coauthor_invitation_accept_then_can_edit(group, author, colleague):
    proposal = draft(group, author)
    invitation = services.coauthor_invite(proposal=proposal, by=author, user=colleague)
    assert Notification.objects.filter(
        recipient=colleague, kind="workgroups.coauthor_invited"
    ).exists()
    with pytest.raises(WorkgroupError):
        services.proposal_update(proposal=proposal, by=colleague, title="X", summary="S", body="B")
    services.coauthor_respond(invitation=invitation, by=colleague, accept=True)
    services.proposal_update(
        proposal=proposal, by=colleague, title="Insieme", summary="S", body="B"
    )
    with pytest.raises(WorkgroupError):
        services.coauthor_invite(proposal=proposal, by=author, user=colleague)
    outsider = MembershipFactory().user
    with pytest.raises(WorkgroupError) as exc:
        services.coauthor_invite(proposal=proposal, by=author, user=outsider)
    assert exc.value.code == "not_member"


def test_similar_proposals_match_across_word_forms(group, author, colleague):
    from workgroups.selectors.proposals import similar_proposals

    existing = ProposalFactory(
        group=group,
        published=True,
        title="Promozione delle attività culturali dei soci",
        summary="Eventi culturali",
        body="...",
    )
    services._update_search_vector(existing)
    ProposalFactory(
        group=group, published=True, title="Riduzione dei costi energetici", summary="x", body="y"
    )
    found = list(similar_proposals(text="Cultura e teatro per i soci", user=colleague))
    assert found == [existing]
    assert list(similar_proposals(text="", user=colleague)) == []


# --- views ----------------------------------------------------------------------------------


def url(name, proposal, *extra):
    return reverse(f"workgroups:{name}", args=[proposal.group.slug, proposal.pk, *extra])


def test_draft_is_invisible_to_others_by_guessed_url(client, group, author, colleague):
    proposal = ProposalFactory(group=group, created_by=author)
    client.force_login(colleague)
    assert client.get(url("proposal_detail", proposal)).status_code == 404
    client.force_login(author)
    assert client.get(url("proposal_detail", proposal)).status_code == 200


def test_published_proposal_visible_to_the_group_only(client, group, author, colleague):
    proposal = ProposalFactory(group=group, created_by=author, published=True)
    client.force_login(colleague)
    assert client.get(url("proposal_detail", proposal)).status_code == 200
    client.force_login(MembershipFactory().user)
    assert client.get(url("proposal_detail", proposal)).status_code == 404
    client.logout()
    assert client.get(url("proposal_detail", proposal)).status_code == 404


def test_forwarded_proposals_are_public(client, group, author):
    proposal = ProposalFactory(group=group, created_by=author, forwarded=True)
    assert client.get(url("proposal_detail", proposal)).status_code == 200


def test_a_proposal_under_another_groups_url_is_a_404(client, group, author):
    proposal = ProposalFactory(group=group, created_by=author, forwarded=True)
    other = WorkingGroupFactory()
    assert (
        client.get(
            reverse("workgroups:proposal_detail", args=[other.slug, proposal.pk])
        ).status_code
        == 404
    )


def test_create_from_the_page(client, group, author):
    client.force_login(author)
    response = client.post(
        reverse("workgroups:proposal_create", args=[group.slug]),
        {"title": "Titolo", "summary": "Sintesi", "body": "Testo <script>alert(1)</script>"},
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page


@pytest.mark.parametrize(
    "data",
    [
        {"title": "", "summary": "S", "body": "B"},
        {"title": "   ", "summary": "S", "body": "B"},
        {"title": "T" * 201, "summary": "S", "body": "B"},
        {"title": "T", "summary": "S", "body": "B" * 30001},
        {"title": "T", "summary": "S", "body": "B", "phase": "99999"},
    ],
)
def test_create_bad_input_writes_nothing(client, group, author, data):
    client.force_login(author)
    response = client.post(reverse("workgroups:proposal_create", args=[group.slug]), data)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not Proposal.objects.exists()


def test_create_refused_to_non_members_and_participants(client, group):
    client.force_login(MembershipFactory().user)
    assert client.get(reverse("workgroups:proposal_create", args=[group.slug])).status_code == 404
    client.logout()
    response = client.get(reverse("workgroups:proposal_create", args=[group.slug]))
    assert response.status_code == 302


def test_workflow_buttons_need_post_and_the_right_role(client, group, author, colleague):
    proposal = ProposalFactory(group=group, created_by=author, published=True)
    client.force_login(colleague)
    assert client.get(url("proposal_forward", proposal)).status_code == 405
    client.post(url("proposal_forward", proposal))
    proposal.refresh_from_db()
    assert proposal.status == "published"  # a plain member cannot forward


def test_double_endorsement_by_page_is_refused(client, group, author, colleague):
    proposal = ProposalFactory(group=group, created_by=author, published=True)
    client.force_login(colleague)
    client.post(url("proposal_endorse", proposal))
    client.post(url("proposal_endorse", proposal))
    assert Endorsement.objects.count() == 1
    assert Proposal.objects.get(pk=proposal.pk).endorsements_count == 1


def test_proposal_page_query_count_does_not_grow(client, group, author, assert_flat_queries):
    staff = staff_user()
    proposal = draft(group, author)
    services.proposal_submit(proposal=proposal, by=author)
    services.proposal_publish(proposal=proposal, by=staff)
    client.force_login(author)

    def grow(n):
        for _ in range(n):
            member = MembershipFactory(group=group).user
            services.proposal_endorse(proposal=proposal, by=member)
            services.proposal_comment(proposal=proposal, by=member, body="Sono d'accordo")

    def fetch():
        assert client.get(proposal.get_absolute_url()).status_code == 200

    assert_flat_queries.check(fetch, grow, few=1, many=15)


def test_proposal_list_query_count_does_not_grow(client, group, author, assert_flat_queries):
    client.force_login(author)
    list_url = reverse("workgroups:proposal_list", args=[group.slug])
    assert_flat_queries.check(
        lambda: client.get(list_url),
        lambda n: ProposalFactory.create_batch(n, group=group, published=True),
        few=2,
        many=25,
    )


# --- admin moderation -------------------------------------------------------------------------


def test_staff_moderate_in_the_admin_with_a_reason_the_authors_see(staff_client, group, author):
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    first = ProposalFactory(group=group, created_by=author, submitted=True)
    second = ProposalFactory(group=group, created_by=author, submitted=True)
    changelist = reverse("admin:workgroups_proposal_changelist")
    queue = staff_client.get(changelist, {"status__exact": "submitted"})
    assert queue.context["cl"].result_count == 2
    data = {"action": "request_changes", ACTION_CHECKBOX_NAME: [first.pk, second.pk], "apply": "1"}
    refused = staff_client.post(changelist, {**data, "reason": ""})
    assert refused.status_code == 200  # the reason is required
    staff_client.post(changelist, {**data, "reason": "Servono i costi"})
    for proposal in (first, second):
        proposal.refresh_from_db()
        assert (proposal.status, proposal.moderation_reason) == (
            "changes_requested",
            "Servono i costi",
        )
    page = staff_client.get(reverse("admin:workgroups_proposal_change", args=[first.pk]))
    assert "Servono i costi" in page.content.decode()  # the history inline


@pytest.mark.parametrize("role", ["participant", "member", "board"])
def test_other_roles_cannot_moderate(role, request):
    from django.test import Client

    client = Client()
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("admin:workgroups_proposal_changelist")).status_code == 302


def test_a_proposal_born_in_a_meeting_links_back_to_it(client, group, author):
    from datetime import timedelta

    from django.utils import timezone

    from tests.workgroups.factories import MeetingFactory

    past = timezone.now() - timedelta(days=2)
    meeting = MeetingFactory(group=group, starts_at=past, ends_at=past + timedelta(hours=2))
    client.force_login(author)
    page = client.get(meeting.get_absolute_url()).content.decode()
    create_url = reverse("workgroups:proposal_create", args=[group.slug])
    assert f"{create_url}?meeting={meeting.pk}" in page
    form = client.get(create_url, {"meeting": meeting.pk}).context["form"]
    assert str(form["meeting"].value()) == str(meeting.pk)
    client.post(
        create_url, {"title": "Dal tavolo", "summary": "S", "body": "B", "meeting": meeting.pk}
    )
    proposal = Proposal.objects.get()
    assert proposal.meeting == meeting
    assert meeting.get_absolute_url() in client.get(proposal.get_absolute_url()).content.decode()
    other_meeting = MeetingFactory(starts_at=past, ends_at=past + timedelta(hours=2))
    response = client.post(
        create_url, {"title": "X", "summary": "S", "body": "B", "meeting": other_meeting.pk}
    )
    assert response.status_code == 400  # another group's meeting is not a choice


# --- the board's answer and the implementation ------------------------------------------------


def test_board_answers_a_forwarded_proposal_and_everyone_concerned_hears(
    group, author, colleague, board
):
    proposal = ProposalFactory(group=group, created_by=author, published=True)
    services.proposal_endorse(proposal=proposal, by=colleague)
    bystander = MembershipFactory(group=group).user
    Proposal.objects.filter(pk=proposal.pk).update(status="forwarded")
    services.proposal_answer(
        proposal=proposal, by=board, answer="partially_accepted", text="Sì ai webinar."
    )
    proposal.refresh_from_db()
    assert (proposal.answer, proposal.answer_text, proposal.implementation) == (
        "partially_accepted",
        "Sì ai webinar.",
        "not_started",
    )
    event = proposal_timeline(proposal)[-1]
    assert (event.data["from"], event.data["to"], event.actor) == (
        "forwarded",
        "partially_accepted",
        board,
    )
    changed = Notification.objects.filter(
        kind="workgroups.proposal_changed", target_id=str(proposal.pk)
    )
    assert {author.pk, colleague.pk} <= set(changed.values_list("recipient_id", flat=True))
    assert Notification.objects.filter(
        recipient=bystander, kind="workgroups.proposal_answered"
    ).exists()


@pytest.mark.parametrize("who", ["author", "coordinator", "staff"])
def test_only_the_board_answers(group, author, coordinator, who):
    person = {"author": author, "coordinator": coordinator, "staff": staff_user()}[who]
    proposal = ProposalFactory(group=group, created_by=author, forwarded=True)
    with pytest.raises(WorkgroupError) as exc:
        services.proposal_answer(proposal=proposal, by=person, answer="accepted", text="Ok")
    assert exc.value.code == "forbidden"
    assert Proposal.objects.get(pk=proposal.pk).answer == ""


def test_answer_bad_input_changes_nothing(group, author, board):
    published = ProposalFactory(group=group, created_by=author, published=True)
    with pytest.raises(WorkgroupError):  # not forwarded yet
        services.proposal_answer(proposal=published, by=board, answer="accepted", text="Ok")
    forwarded = ProposalFactory(group=group, created_by=author, forwarded=True)
    for answer, text in (("maybe", "Ok"), ("accepted", "   ")):
        with pytest.raises(WorkgroupError):
            services.proposal_answer(proposal=forwarded, by=board, answer=answer, text=text)
    assert Proposal.objects.get(pk=forwarded.pk).answer == ""


def test_implementation_progress_notes(group, author, board):
    proposal = ProposalFactory(group=group, created_by=author, forwarded=True)
    with pytest.raises(WorkgroupError):  # no answer yet
        services.proposal_progress(proposal=proposal, by=board, text="Avviato", percent=10)
    services.proposal_answer(proposal=proposal, by=board, answer="accepted", text="Sì")
    services.proposal_progress(proposal=proposal, by=staff_user(), text="Avviato", percent=40)
    proposal.refresh_from_db()
    assert (proposal.implementation, proposal.implementation_percent) == ("in_progress", 40)
    services.proposal_progress(proposal=proposal, by=board, text="Fatto", percent=100)
    proposal.refresh_from_db()
    assert proposal.implementation == "done"
    assert list(proposal.progress_notes.values_list("percent", flat=True)) == [40, 100]
    for percent in (-1, 101, "50"):
        with pytest.raises(WorkgroupError):
            services.proposal_progress(proposal=proposal, by=board, text="x", percent=percent)
    with pytest.raises(WorkgroupError):
        services.proposal_progress(proposal=proposal, by=author, text="x", percent=50)
    page = proposal.get_absolute_url()
    from django.test import Client

    html = Client().get(page).content.decode()  # public: the accountability of the board
    assert "Fatto" in html and "100%" in html
