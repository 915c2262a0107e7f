"""The board shows what the apps offer: their participation figures (`board_figures`) and their
export columns and sheets (`board_exports`), found by coopportal.core.discovery in layer order. A
domain the board does not know (tests/board/fake_domain) shows on the figures page and in the
exports without editing board/, and the number of queries still does not grow with the data."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from board import exports, services
from board.figures import participation_figures, period_summary
from coopportal.core import discovery
from tests.factories import UserFactory, board_user
from tests.workgroups.factories import ProposalFactory

pytestmark = pytest.mark.django_db

FAKE = "tests.board.fake_domain"
FIGURES = reverse("board:figures")
TODAY = {"start": date.today() - timedelta(days=60), "end": date.today()}


@pytest.fixture
def fake_domain(settings):
    """The fake domain installed in a layer of its own, just below the board."""
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, FAKE]
    settings.PORTAL_LAYERS = [settings.PORTAL_LAYERS[0], FAKE, *settings.PORTAL_LAYERS[1:]]
    cache.clear()  # the figures are cached: compute them with the fake domain
    yield
    cache.clear()


@pytest.fixture
def english_board_client():
    client = Client()
    client.force_login(board_user(language="en"))
    return client


def names(hook):
    return [module.__name__ for module in discovery.domain_modules(hook)]


def read_csv(response):
    data = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(data)))


def test_discovery_finds_the_board_hooks_bottom_layer_first():
    assert names("board_figures") == [
        "coopportal.accounts.board_figures",
        "workgroups.board_figures",
        "calls.board_figures",
        "training.board_figures",
        "matching.board_figures",
        "community.board_figures",
        "spaces.board_figures",
    ]
    assert names("board_exports") == ["workgroups.board_exports"]


def test_a_new_domain_is_asked_after_the_layers_below_it(fake_domain):
    assert names("board_figures")[-1] == f"{FAKE}.board_figures"
    assert names("board_exports") == ["workgroups.board_exports", f"{FAKE}.board_exports"]


def test_a_new_domains_figures_show_on_the_board_without_editing_it(
    fake_domain, english_board_client
):
    UserFactory.create_batch(3)
    response = english_board_client.get(FIGURES)
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures["headline"][-1] == ("Fake applications", figures["numbers"]["fake_people"])
    assert figures["numbers"]["fake_people"] >= 4  # the three and the board member
    html = response.content.decode()
    assert "Fake applications" in html and "Fake: every person counts." in html
    assert 'id="chart-fake_monthly-heading"' in html and "Fake applications by month" in html
    assert 'id="chart-fake_ranking-heading"' in html and "Bando verde" in html
    assert "1 fake bars" in html  # the ranking's own description
    # four monthly charts of the groups, two of the calls, one of training, one of matching, one
    # each of the good practices, the self-assessments and the spaces, the fake domain's two
    assert html.count('role="img"') == 13
    assert "No working group has active members yet." in html  # what was there stays


def test_the_active_people_of_every_app_count_once(fake_domain):
    before = period_summary(**TODAY)[0][1]
    cache.clear()
    UserFactory(last_login=timezone.now())  # active in accounts and (signed up) in the fake
    UserFactory()  # signed up only: active in the fake domain alone
    assert period_summary(**TODAY)[0][1] == before + 2


def test_the_figures_of_the_known_apps_keep_their_order(fake_domain):
    figures = participation_figures(**TODAY)
    keys = list(figures["numbers"])
    assert keys[:4] == ["active_people", "members", "new_members", "signups"]
    assert keys[-16:] == [
        "matching_requests_sent",
        "matching_requests_accepted",
        "events_requests_sent",
        "events_meetings_held",
        "events_no_show_rate",
        "community_practices_proposed",
        "community_practices_published",
        "maturity_assessments",
        "maturity_cooperatives",
        "toolbox_resources",
        "toolbox_suggestions_received",
        "toolbox_suggestions_published",
        "toolbox_opens",
        "spaces_bookings",
        "spaces_no_show_rate",
        "fake_people",
    ]
    assert keys.index("course_feedback_rating") < keys.index("matching_profiles")
    assert keys.index("calls_followed") < keys.index("course_enrolments")
    assert keys.index("meetings_held") < keys.index("applications_submitted")
    slugs = [chart.slug for chart in figures["charts"]]
    assert slugs == [
        "new_members",
        "proposals",
        "endorsements",
        "meetings_held",
        "applications",
        "follows_by_month",
        "course_enrolments_by_month",
        "matching_requests_by_month",
        "community_practices_by_month",
        "maturity_assessments_by_month",
        "spaces_bookings_by_month",
        "fake_monthly",
    ]
    assert [chart.slug for chart in figures["rankings"]] == [
        "groups",
        "calls",
        "events_outcomes",
        "community_practices_by_kind",
        "toolbox_most_used",
        "spaces_by_space",
        "fake_ranking",
    ]


def test_one_cached_entry_serves_every_language(django_assert_num_queries):
    with translation.override("en"):
        english = period_summary(**TODAY)
    with django_assert_num_queries(0), translation.override("it"):
        italian = period_summary(**TODAY)
    assert [value for _label, value in italian] == [value for _label, value in english]
    assert italian[0][0] != english[0][0]  # "Persone attive…": labels translated on each call


def test_a_new_domains_columns_and_sheets_are_in_the_exports(fake_domain, board_client):
    proposal = ProposalFactory(forwarded=True, title="Dodici lettere", endorsements_count=3)
    header, row = read_csv(board_client.get(reverse("board:export_start", args=["csv"])))
    assert header[-1] == "Fake score" and header[:2] == ["ID", "Titolo"]
    assert row[0] == str(proposal.pk) and row[-1] == "30"

    response = board_client.get(reverse("board:export_start", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames[2] == "Fake sheet" and len(workbook.sheetnames) == 3
    main, _history, fake = (list(s.iter_rows(values_only=True)) for s in workbook.worksheets)
    assert main[0][-1] == "Fake score" and main[1][-1] == 30
    assert fake == [("Recommendation", "Title length"), (proposal.pk, 14)]
    workbook.close()


def grow(n):
    for _ in range(n):
        ProposalFactory(forwarded=True, created_by=UserFactory(last_login=timezone.now()))


def test_figures_with_a_new_domain_stay_flat(fake_domain, board_client, assert_flat_queries):
    def fetch():
        cache.clear()
        assert board_client.get(FIGURES).status_code == 200

    assert_flat_queries.check(fetch, grow, few=2, many=20)


def test_exports_with_a_new_domain_stay_flat(fake_domain, tmp_path, assert_flat_queries):
    def fetch():
        queryset = services.export_queryset({})
        exports.write_csv(exports.export_rows(queryset), io.StringIO())
        exports.write_xlsx(queryset, tmp_path / "x.xlsx")

    count = assert_flat_queries.check(fetch, grow, few=2, many=20)
    assert count <= 4  # CSV 1; XLSX 3: recommendations, history, the fake sheet
