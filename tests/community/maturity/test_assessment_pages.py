"""The member's side: who may take the assessment and see a result (a guessed or another
member's result is a 404), bad input refused with a message and nothing written, the result's
radar chart and table, progress between two assessments, recommendations that link to a
matching course and call (or say there is none), and flat query counts."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community.maturity.models import MaturityAssessment
from tests.calls.factories import FundingCallFactory, closed_call
from tests.factories import UserFactory, board_user, staff_user
from tests.training.factories import CourseFactory

from .conftest import answers_at, as_post, submit

pytestmark = pytest.mark.django_db

INDEX = reverse("community:maturity_index")
NEW = reverse("community:maturity_new")
HISTORY = reverse("community:maturity_history")


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


# --- who -----------------------------------------------------------------------------------------


def test_index_for_every_role(client, participant_client, member_client):
    assert client.get(INDEX).status_code == 200
    page = participant_client.get(INDEX).content.decode()
    assert reverse("accounts:membership") in page and NEW not in page
    assert NEW in member_client.get(INDEX).content.decode()


def test_visitors_log_in_and_participants_read_why_not(client, participant_client):
    for url in (NEW, HISTORY):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        refused = participant_client.get(url)
        assert refused.status_code == 403
        assert reverse("accounts:membership") in refused.content.decode()
    response = participant_client.post(NEW, as_post(answers_at(2, 2)))
    assert response.status_code == 403
    assert not MaturityAssessment.objects.exists()


def test_a_result_is_seen_by_its_member_and_staff_only(client, member_with_result):
    url = member_with_result.get_absolute_url()
    assert client.get(url).status_code == 302  # to the login page
    assert client_for(member_with_result.user).get(url).status_code == 200
    assert client_for(staff_user()).get(url).status_code == 200
    assert client_for(UserFactory(member=True)).get(url).status_code == 404
    assert client_for(UserFactory()).get(url).status_code == 404
    assert client_for(board_user()).get(url).status_code == 404


def test_guessed_ids_are_404(member_client, member_with_result):
    missing = reverse("community:maturity_result", args=[member_with_result.pk + 1000])
    assert member_client.get(missing).status_code == 404
    assert member_client.get("/community/maturity/results/abc/").status_code == 404


def test_history_lists_only_ones_own(member, member_client):
    mine = submit(member)
    theirs = submit(UserFactory(member=True))
    page = member_client.get(HISTORY).content.decode()
    assert mine.get_absolute_url() in page
    assert theirs.get_absolute_url() not in page


# --- the questionnaire ---------------------------------------------------------------------------


def test_a_member_submits_and_is_taken_to_the_result(member, member_client):
    page = member_client.get(NEW)
    assert page.status_code == 200
    assert 'name="q_strategy_plan"' in page.content.decode()
    response = member_client.post(NEW, as_post(answers_at(4, 99)))
    assessment = MaturityAssessment.objects.get()
    assert response.status_code == 302 and response["Location"] == assessment.get_absolute_url()
    assert (assessment.user, assessment.overall_score, assessment.band) == (
        member,
        100,
        "advanced",
    )


def test_the_cooperative_is_the_members_enterprise_profile(member, member_client):
    from coopportal.accounts.models import Province, Sector
    from tests.matching.factories import profile_make

    profile_make(
        user=member,
        kind="enterprise",
        organisation_name="Cooperativa Aurora",
        province="BO",
        sectors=["Q", "J"],
    )
    member.refresh_from_db()
    assessment = submit(member)
    assert assessment.organisation_name == "Cooperativa Aurora"
    assert assessment.province == Province.objects.get(sigla="BO")
    assert assessment.region == assessment.province.region
    assert assessment.sector == Sector.objects.get(code="J")  # the first by code


def _without(key):
    answers = answers_at(2, 2)
    del answers[key]
    return as_post(answers)


@pytest.mark.parametrize(
    "data",
    [
        _without("strategy_plan"),  # missing answer
        as_post(answers_at(2, 2, strategy_plan=7)),  # out of range
        as_post(answers_at(2, 2, strategy_plan=-1)),
        as_post(answers_at(2, 2, strategy_plan="molto")),
        as_post(answers_at(2, 2, strategy_areas=["design", "rockets"])),  # unknown option
        {**as_post(answers_at(2, 2)), "q_strategy_invented": "3"},  # tampered key
        as_post(answers_at(2, 2), version=99),  # tampered version
        as_post(answers_at(2, 2), version="uno"),
        {},
    ],
    ids=[
        "missing",
        "too-high",
        "negative",
        "not-a-number",
        "unknown-option",
        "tampered-key",
        "tampered-version",
        "bad-version",
        "empty",
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_written(member_client, data):
    response = member_client.post(NEW, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="alert alert-danger' in page or "invalid-feedback" in page
    assert not MaturityAssessment.objects.exists()


# --- the result ----------------------------------------------------------------------------------


def test_the_result_shows_an_accessible_radar_and_its_table(member, member_client):
    assessment = submit(member, answers_at(2, 3))
    page = member_client.get(assessment.get_absolute_url()).content.decode()
    assert '<svg class="maturity-radar' in page and 'role="img"' in page
    assert '<title id="radar-title">' in page and '<desc id="radar-desc">' in page
    assert 'id="maturity-scores"' in page
    for score in assessment.scores.values():
        assert f'<td class="text-end">{score}</td>' in page
    assert "style=" not in page.split("<main", 1)[1]
    svg = page.split('<svg class="maturity-radar', 1)[1].split("</svg>", 1)[0]
    assert_svg_numbers(svg)  # in Italian too: no decimal comma in a coordinate


NUMBER = re.compile(r"-?\d+(\.\d+)?")


def assert_svg_numbers(svg):
    coordinates = re.findall(r'\s(?:x|y|x1|y1|x2|y2|cx|cy|dy)="([^"]*)"', svg)
    assert coordinates
    for value in coordinates:
        assert NUMBER.fullmatch(value), value
    for points in re.findall(r'points="([^"]*)"', svg):
        for pair in points.split():
            x, y = pair.split(",")
            assert NUMBER.fullmatch(x) and NUMBER.fullmatch(y), pair


def test_progress_between_two_assessments(member, member_client):
    first = submit(member, answers_at(1, 1), when=timezone.now() - timedelta(days=365))
    second = submit(member, answers_at(3, 4))
    page = member_client.get(second.get_absolute_url()).content.decode()
    assert "maturity-radar-before" in page  # the earlier polygon, dashed
    delta = second.score_strategy - first.score_strategy
    assert delta > 0 and f'<td class="text-end">+{delta}</td>' in page
    history = member_client.get(HISTORY).content.decode()
    assert 'id="maturity-history"' in history and 'id="history-chart-title"' in history
    chart = history.split('id="history-chart-title"', 1)[1].split("</svg>", 1)[0]
    assert_svg_numbers(chart)
    assert f"(+{second.overall_score - first.overall_score})" in history
    first_page = member_client.get(first.get_absolute_url()).content.decode()
    assert "maturity-radar-before" not in first_page  # nothing before the first


def test_recommendations_link_to_a_matching_course_and_call(member, member_client):
    weak_on_data = answers_at(4, 99, data_management=[], data_security=[], data_decisions=0)
    course = CourseFactory(title="Sicurezza informatica per le cooperative")
    CourseFactory(title="Corso di ceramica")
    call = FundingCallFactory(title="Bando per la protezione dei dati nelle imprese sociali")
    closed = closed_call(title="Bando chiuso sulla sicurezza dei dati")
    assessment = submit(member, weak_on_data)
    page = member_client.get(assessment.get_absolute_url()).content.decode()
    assert 'id="maturity-recommendations"' in page
    assert course.get_absolute_url() in page
    assert call.get_absolute_url() in page
    assert "Corso di ceramica" not in page
    assert closed.get_absolute_url() not in page


def test_recommendations_say_so_when_nothing_matches(member, member_client):
    CourseFactory(title="Corso di ceramica")
    assessment = submit(member, answers_at(4, 99, green_strategy=0, green_uses=[]))
    page = member_client.get(assessment.get_absolute_url()).content.decode()
    assert 'id="maturity-no-courses"' in page and 'id="maturity-no-calls"' in page


# --- query counts --------------------------------------------------------------------------------


def test_result_page_query_count_is_flat(member, member_client, assert_flat_queries):
    assessment = submit(member)

    def grow(n):
        for index in range(n):
            submit(member, when=timezone.now() - timedelta(days=400 + index))
            CourseFactory(title=f"Competenze digitali {index}")
            FundingCallFactory(title=f"Bando digitalizzazione {index}")

    url = assessment.get_absolute_url()
    assert_flat_queries.check(lambda: member_client.get(url), grow)


def test_history_query_count_is_flat(member, member_client, assert_flat_queries):
    def grow(n):
        for index in range(n):
            submit(member, when=timezone.now() - timedelta(days=index + 1))

    assert_flat_queries.check(lambda: member_client.get(HISTORY), grow)


# --- versions ------------------------------------------------------------------------------------


def test_a_new_version_leaves_old_results_as_they_were(member, member_client, monkeypatch):
    from dataclasses import replace

    from community.maturity import forms, questionnaire, services, views

    old = submit(member, answers_at(2, 2))
    scored = old.overall_score
    v2 = replace(questionnaire.V1, version=2, title="Autovalutazione 2027")
    monkeypatch.setitem(questionnaire.VERSIONS, 2, v2)
    for module in (questionnaire, views):
        monkeypatch.setattr(module, "CURRENT", v2)
    assert forms and services  # the form and the service read the version they are given
    page = member_client.get(NEW).content.decode()
    assert 'name="version" value="2"' in page
    stale = member_client.post(NEW, as_post(answers_at(4, 99), version=1))
    assert stale.status_code == 400  # a form of the old version, sent after the change
    fresh = member_client.post(NEW, as_post(answers_at(4, 99), version=2))
    assert fresh.status_code == 302
    new = MaturityAssessment.objects.exclude(pk=old.pk).get()
    assert (new.version.version, old.version.version) == (2, 1)
    old.refresh_from_db()
    assert old.overall_score == scored and old.answers["strategy_plan"] == 2
    assert member_client.get(old.get_absolute_url()).status_code == 200


def test_a_former_member_still_sees_their_own_result(member):
    assessment = submit(member)
    type(member).objects.filter(pk=member.pk).update(membership_verified_at=None)
    member.refresh_from_db()
    assert client_for(member).get(assessment.get_absolute_url()).status_code == 200
    assert client_for(member).get(NEW).status_code == 403


def test_the_same_answers_sent_twice_are_kept_once(member, member_client):
    data = as_post(answers_at(3, 2))
    first = member_client.post(NEW, data)
    second = member_client.post(NEW, data)
    assessment = MaturityAssessment.objects.get()
    assert first["Location"] == second["Location"] == assessment.get_absolute_url()
    member_client.post(NEW, as_post(answers_at(1, 1)))  # different answers: a new assessment
    assert MaturityAssessment.objects.count() == 2


def test_index_query_count_is_flat(member, member_client, assert_flat_queries):
    def grow(n):
        for index in range(n):
            submit(member, when=timezone.now() - timedelta(days=index + 1))

    assert_flat_queries.check(lambda: member_client.get(INDEX), grow)
