from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.workgroups.factories import (
    PhaseFactory,
    ProposalFactory,
    WorkingGroupFactory,
    proposal_step,
)
from workgroups.models import Proposal
from workgroups.selectors.proposals import proposal_timeline

pytestmark = pytest.mark.django_db

INDEX = reverse("board:index")


def recommendation(**kwargs):
    return ProposalFactory(forwarded=True, **kwargs)


@pytest.fixture
def one():
    return recommendation(title="Webinar gratuiti per i soci")


def board_urls(pk):
    return [
        ("get", INDEX),
        ("get", reverse("board:recommendation_detail", args=[pk])),
        ("post", reverse("board:recommendation_answer", args=[pk])),
        ("post", reverse("board:recommendation_progress", args=[pk])),
    ]


def test_visitors_are_sent_to_login(client, one):
    for method, url in board_urls(one.pk):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["participant", "member", "staff"])
def test_every_other_role_is_refused_also_by_url(role, request, one):
    client = Client()
    client.force_login(request.getfixturevalue(role))
    for method, url in board_urls(one.pk):
        assert getattr(client, method)(url, {"answer": "accepted", "text": "x"}).status_code == 403
    assert Proposal.objects.get(pk=one.pk).answer == ""


def test_board_sees_only_forwarded_recommendations(board_client, one):
    ProposalFactory(published=True, title="Non ancora inoltrata")
    listed = [p.title for p in board_client.get(INDEX).context["page"].object_list]
    assert listed == ["Webinar gratuiti per i soci"]


def test_filters_group_state_search_and_dates(board_client, one):
    other_group = WorkingGroupFactory(name="Ricerca")
    answered = recommendation(group=other_group, title="Un laboratorio di ricerca")
    Proposal.objects.filter(pk=answered.pk).update(answer="accepted", answer_text="Sì")

    def titles(**params):
        return {p.title for p in board_client.get(INDEX, params).context["page"].object_list}

    assert titles(group=other_group.pk) == {"Un laboratorio di ricerca"}
    assert titles(state="waiting") == {"Webinar gratuiti per i soci"}
    assert titles(state="answer:accepted") == {"Un laboratorio di ricerca"}
    assert titles(q="laboratorio") == {"Un laboratorio di ricerca"}
    next_year = (timezone.localdate() + timedelta(days=365)).isoformat()
    assert titles(forwarded_after=next_year) == set()  # 2999 is refused: two years at most
    response = board_client.get(INDEX, {"forwarded_after": "not-a-date", "state": "nonsense"})
    assert response.status_code == 200  # invalid filters are reported on the form, never a 500


def test_board_answers_from_the_page_and_the_authors_hear(board_client, board, one):
    from coopportal.notifications.models import Notification

    response = board_client.post(
        reverse("board:recommendation_answer", args=[one.pk]),
        {"answer": "partially_accepted", "text": "Sì ai webinar, i corsi nel 2027."},
    )
    assert response.status_code == 302
    one.refresh_from_db()
    assert (one.answer, one.implementation) == ("partially_accepted", "not_started")
    answered = [e for e in proposal_timeline(one) if e.data["to"] == "partially_accepted"]
    assert [(e.data["from"], e.actor) for e in answered] == [("forwarded", board)]
    assert Notification.objects.filter(
        recipient=one.created_by, kind="workgroups.proposal_changed"
    ).exists()
    board_client.post(
        reverse("board:recommendation_progress", args=[one.pk]),
        {"text": "Primi webinar", "percent": 30},
    )
    one.refresh_from_db()
    assert (one.implementation, one.implementation_percent) == ("in_progress", 30)


@pytest.mark.parametrize(
    "data",
    [{"answer": "forse", "text": "x"}, {"answer": "accepted", "text": ""}, {"answer": "accepted"}],
)
def test_answer_bad_input_writes_nothing(board_client, one, data):
    response = board_client.post(
        reverse("board:recommendation_answer", args=[one.pk]), data, follow=True
    )
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Proposal.objects.get(pk=one.pk).answer == ""


def test_progress_bad_input_writes_nothing(board_client, one):
    Proposal.objects.filter(pk=one.pk).update(answer="accepted", implementation="not_started")
    for data in ({"text": "x", "percent": 150}, {"text": "", "percent": 10}, {"percent": "molto"}):
        board_client.post(reverse("board:recommendation_progress", args=[one.pk]), data)
    assert not one.progress_notes.exists()


def test_unknown_recommendation_is_a_404(board_client):
    assert (
        board_client.get(reverse("board:recommendation_detail", args=[999999])).status_code == 404
    )
    draft = ProposalFactory()
    assert (
        board_client.get(reverse("board:recommendation_detail", args=[draft.pk])).status_code == 404
    )


@pytest.mark.parametrize("page", ["list", "detail"])
def test_query_count_does_not_grow(board_client, one, page, assert_flat_queries):
    from tests.factories import UserFactory
    from workgroups.models import Endorsement

    url = INDEX if page == "list" else reverse("board:recommendation_detail", args=[one.pk])

    def fetch():
        assert board_client.get(url).status_code == 200

    def grow(n):
        for _ in range(n):
            group = WorkingGroupFactory()  # the filter offers one more group and phase
            recommendation(group=group, phase=PhaseFactory(group=group))
            Endorsement.objects.create(proposal=one, user=UserFactory())
            proposal_step(one, "forwarded", source="published")
        fetch()  # a new forwarding changes the filter's cached choices: read them again once

    count = assert_flat_queries.check(fetch, grow, few=2, many=20)
    assert count <= (15 if page == "list" else 25)


def test_public_answers_list(client, one, assert_flat_queries):
    url = reverse("board:answer_list")
    assert "Webinar gratuiti" not in client.get(url).content.decode()
    Proposal.objects.filter(pk=one.pk).update(answer="accepted", answer_text="Approvata")
    html = client.get(url).content.decode()
    assert "Webinar gratuiti" in html and "Approvata" in html

    def grow(n):
        for _ in range(n):
            item = recommendation()
            Proposal.objects.filter(pk=item.pk).update(answer="rejected", answer_text="No")

    assert_flat_queries.check(lambda: client.get(url), grow, few=0, many=15)


def test_the_answer_form_preselects_nothing_even_when_revising(board_client, one):
    import re

    for answer in ("", Proposal.Answer.ACCEPTED):
        Proposal.objects.filter(pk=one.pk).update(answer=answer, answer_text="Testo")
        page = board_client.get(reverse("board:recommendation_detail", args=[one.pk]))
        html = page.content.decode()
        inputs = re.findall(r"<input[^>]*name=\"answer\"[^>]*>", html)
        assert len(inputs) == len(Proposal.Answer.choices)
        assert all('type="radio"' in tag for tag in inputs)
        assert not any(re.search(r"\schecked\b", tag) for tag in inputs)
        assert '<option value="accepted" selected' not in html


def test_answering_without_a_choice_says_so_and_writes_nothing(board_client, board, one):
    board.language = "en"
    board.save(update_fields=["language"])
    response = board_client.post(
        reverse("board:recommendation_answer", args=[one.pk]),
        {"text": "Ne parleremo."},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1 and "Choose the board's answer" in messages[0]
    one.refresh_from_db()
    assert one.answer == "" and one.answer_text == ""
