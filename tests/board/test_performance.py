"""The board's pages stay the same size and speed as the federation grows: the filter offers only
the groups and phases with recommendations (cached, with a key that follows the data), the lists
walk the partial indexes of forwarded proposals, a meeting's agenda choices are read once, with
LIMIT in SQL."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from board import selectors
from board.filters import RecommendationFilter, forwarding_choices
from board.models import BoardMeeting
from board.views.meetings import AGENDA_CHOICES
from tests.helpers.queries import count_queries
from tests.workgroups.factories import PhaseFactory, ProposalFactory, WorkingGroupFactory
from workgroups.models import Proposal

pytestmark = pytest.mark.django_db

INDEX = reverse("board:index")


def recommendation(**kwargs):
    return ProposalFactory(forwarded=True, **kwargs)


def plan(queryset, *, count=False) -> str:
    """EXPLAIN of a queryset (or of its count), after ANALYZE, with sequential scans, bitmap scans
    and sorts off: on a test's few rows the planner would otherwise read them all and sort, whatever
    the indexes (on the large data set it picks the partial indexes by itself)."""
    query = queryset.query.clone()
    if count:
        query.clear_ordering(force=True)
        query.select_related = False
        sql, params = query.get_compiler("default").as_sql()
        sql, params = f"SELECT count(*) FROM ({sql}) counted", params
    else:
        sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE workgroups_proposal")
        # deterministic on a few rows: no reading it all, no bitmap of the status index to sort
        for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture
def many_proposals():
    """Forwarded recommendations among many more proposals that never were."""
    group = WorkingGroupFactory()
    ProposalFactory.create_batch(40, group=group, published=True)
    ProposalFactory.create_batch(20, group=group)
    forwarded = [recommendation(group=group) for _ in range(5)]
    Proposal.objects.filter(pk=forwarded[0].pk).update(
        answer="accepted", answer_text="Sì", answered_at=timezone.now()
    )
    return forwarded


# The partial indexes ---------------------------------------------------------------------------


def test_the_recommendation_list_and_its_count_use_the_partial_index(many_proposals):
    listed = selectors.recommendation_list()
    assert "wg_forwarded_recent" in plan(listed[:25]), plan(listed[:25])
    # the count reads only the forwarded entries of an index (the partial one or the status
    # index, whichever the planner prefers), never the whole table
    counted = plan(listed, count=True)
    assert "Seq Scan" not in counted, counted
    assert "wg_forwarded_recent" in counted or "(status = 'forwarded'::text)" in counted, counted
    assert "Sort" not in plan(listed[:25])  # read in the index's order, 25 rows, not sorted


def test_the_public_answers_use_their_partial_index(many_proposals):
    answered = selectors.recommendation_list().exclude(answer="").order_by("-answered_at", "-pk")
    assert "wg_answered_recent" in plan(answered[:20]), plan(answered[:20])


def test_a_meetings_agenda_choices_use_their_partial_index(many_proposals):
    board_meeting = BoardMeeting.objects.create(
        title="CdA", starts_at=timezone.now() + timedelta(days=7)
    )
    candidates = selectors.schedulable_recommendations(board_meeting)[:AGENDA_CHOICES]
    explained = plan(candidates)
    assert "wg_forwarded_waiting_first" in explained, explained
    assert "Sort" not in explained, explained


# The filter's choices ----------------------------------------------------------------------------


def test_the_filter_offers_only_groups_and_phases_with_recommendations(board_client):
    with_one = WorkingGroupFactory(name="Formazione")
    phase = PhaseFactory(group=with_one, name="Ascolto")
    recommendation(group=with_one, phase=phase)
    ProposalFactory(published=True, group=WorkingGroupFactory(name="Solo pubblicate"))
    WorkingGroupFactory(name="Senza proposte")
    html = board_client.get(INDEX).content.decode()
    assert f'<option value="{with_one.pk}">Formazione</option>' in html
    assert "Ascolto" in html
    assert "Solo pubblicate" not in html and "Senza proposte" not in html
    # accessible as before: a labelled select, the chosen group marked as selected
    html = board_client.get(INDEX, {"group": with_one.pk}).content.decode()
    assert 'for="id_group"' in html and re.search(r'<select[^>]* id="id_group"', html)
    assert f'<option value="{with_one.pk}" selected>Formazione</option>' in html


def test_the_filter_still_filters_and_refuses_other_groups(board_client):
    first, second = WorkingGroupFactory(), WorkingGroupFactory()
    mine = recommendation(group=first, title="Nel primo gruppo")
    recommendation(group=second, title="Nel secondo gruppo")
    page = board_client.get(INDEX, {"group": first.pk}).context["page"]
    assert [p.pk for p in page.object_list] == [mine.pk]
    silent = WorkingGroupFactory()  # no recommendation: not a choice, a clear error, no 500
    response = board_client.get(INDEX, {"group": silent.pk})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["group"]
    response = board_client.get(INDEX, {"group": "abc"})
    assert response.status_code == 200 and response.context["filter"].form.errors["group"]


def test_the_cached_choices_follow_forwardings_and_renames():
    first = WorkingGroupFactory(name="Formazione")
    recommendation(group=first)
    assert forwarding_choices()[0] == [(str(first.pk), "Formazione")]
    assert count_queries(forwarding_choices) == 1  # cached: only the key's small query
    later = WorkingGroupFactory(name="Ricerca")
    ProposalFactory(group=later, published=True)
    assert forwarding_choices()[0] == [(str(first.pk), "Formazione")]
    Proposal.objects.filter(group=later).update(
        status=Proposal.Status.FORWARDED, forwarded_at=timezone.now() + timedelta(seconds=1)
    )
    assert [name for _pk, name in forwarding_choices()[0]] == ["Formazione", "Ricerca"]
    first.name = "Formazione continua"
    first.save()  # its updated_at moves
    assert [name for _pk, name in forwarding_choices()[0]] == ["Formazione continua", "Ricerca"]


def test_the_exports_filter_by_a_group_as_before():
    group = WorkingGroupFactory(name="Formazione")
    mine = recommendation(group=group)
    recommendation()
    filterset = RecommendationFilter(
        {"group": str(group.pk)}, queryset=selectors.recommendation_list()
    )
    assert [p.pk for p in filterset.qs] == [mine.pk]


def test_the_dashboard_reads_the_choices_only_when_they_changed(board_client):
    from board.filters import _choices_version

    for _ in range(3):
        recommendation(group=WorkingGroupFactory())
    board_client.get(INDEX)
    warm = count_queries(lambda: board_client.get(INDEX))
    assert warm <= 15
    cache.delete(f"board:forwarded-summary:{_choices_version()}")
    # the groups, the phases, the count of all forwarded ones
    assert count_queries(lambda: board_client.get(INDEX)) == warm + 3


def test_the_unfiltered_count_follows_new_forwardings(board_client):
    recommendation()
    assert board_client.get(INDEX).context["page"].paginator.count == 1
    late = ProposalFactory(published=True)
    Proposal.objects.filter(pk=late.pk).update(
        status=Proposal.Status.FORWARDED, forwarded_at=timezone.now() + timedelta(seconds=1)
    )
    assert board_client.get(INDEX).context["page"].paginator.count == 2
    filtered = board_client.get(INDEX, {"group": late.group_id}).context["page"]
    assert filtered.paginator.count == 1


# The meeting page ------------------------------------------------------------------------------


def test_the_meeting_page_reads_its_agenda_choices_once_limited(board_client):
    board_meeting = BoardMeeting.objects.create(
        title="CdA", starts_at=timezone.now() + timedelta(days=7)
    )
    group = WorkingGroupFactory()
    for _ in range(AGENDA_CHOICES + 5):
        recommendation(group=group)
    url = reverse("board:meeting_detail", args=[board_meeting.pk])
    board_client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = board_client.get(url)
    assert response.status_code == 200
    choices = [
        q["sql"]
        for q in captured.captured_queries
        if 'FROM "workgroups_proposal"' in q["sql"] and "board_agendaentry" in q["sql"]
    ]
    assert len(choices) == 1, choices  # no second reading as .exists()
    assert f"LIMIT {AGENDA_CHOICES}" in choices[0]
    assert len(response.context["add_form"].fields["proposal"].choices) == AGENDA_CHOICES
    assert len(captured.captured_queries) <= 25
