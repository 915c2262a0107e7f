"""Meetings pages: refusals by role and by guessed URL, forms, RSVP with htmx, .ics, minutes,
the public page of what emerged, the admin queue, and query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from coopportal.accounts.models import Province, Region
from tests.workgroups.factories import (
    MeetingFactory,
    MembershipFactory,
    ProposalFactory,
    WorkingGroupFactory,
)
from workgroups.models import Meeting, MeetingRSVP
from workgroups.services import meetings as services
from workgroups.services import seats

pytestmark = pytest.mark.django_db


def local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def form_data(**overrides):
    start = timezone.now() + timedelta(days=10)
    data = {
        "title": "Incontro territoriale",
        "description": "Ci vediamo.",
        "starts_at": local(start),
        "ends_at": local(start + timedelta(hours=2)),
        "place": "Sala civica",
        "online_url": "",
        "capacity": "",
        "agenda": "Primo punto\nSecondo punto",
        "province": "",
    }
    return {**data, **overrides}


@pytest.fixture
def group():
    return WorkingGroupFactory()


@pytest.fixture
def in_group(group, member):
    MembershipFactory(group=group, user=member)
    return member


@pytest.fixture
def coordinator_client(client, group):
    client.force_login(MembershipFactory(group=group, coordinator=True).user)
    return client


def url(name, meeting, **kwargs):
    return reverse(f"workgroups:{name}", args=[meeting.group.slug, meeting.pk], **kwargs)


# --- refusals ---------------------------------------------------------------------------------


def test_visitors_are_sent_to_login_from_every_group_meeting_page(client, group):
    meeting = MeetingFactory(group=group)
    pages = [
        reverse("workgroups:meeting_list", args=[group.slug]),
        reverse("workgroups:meeting_create", args=[group.slug]),
        reverse("workgroups:meeting_propose", args=[group.slug]),
        url("meeting_detail", meeting),
        url("meeting_ics", meeting),
        url("meeting_minutes", meeting),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response.url.startswith(reverse("account_login"))
    assert client.post(url("meeting_rsvp", meeting), {"answer": "going"}).status_code == 302
    assert not MeetingRSVP.objects.exists()


def test_people_outside_the_group_get_404_everywhere(member_client, group):
    meeting = MeetingFactory(group=group, starts_at=timezone.now() - timedelta(hours=3))
    for page in [
        reverse("workgroups:meeting_list", args=[group.slug]),
        reverse("workgroups:meeting_create", args=[group.slug]),
        reverse("workgroups:meeting_propose", args=[group.slug]),
        url("meeting_detail", meeting),
        url("meeting_ics", meeting),
        url("meeting_minutes", meeting),
    ]:
        assert member_client.get(page).status_code == 404, page
    assert member_client.post(url("meeting_rsvp", meeting), {"answer": "going"}).status_code == 404
    assert member_client.post(url("meeting_cancel", meeting)).status_code == 404
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.PUBLISHED


def test_a_meeting_guessed_through_another_groups_slug_is_a_404(client, in_group, group):
    other_meeting = MeetingFactory()
    client.force_login(in_group)
    guessed = reverse("workgroups:meeting_detail", args=[group.slug, other_meeting.pk])
    assert client.get(guessed).status_code == 404
    assert client.get(guessed + "meeting.ics").status_code == 404


def test_a_proposed_meeting_is_hidden_from_the_group_until_staff_approve(
    client, group, in_group, staff
):
    proposer = MembershipFactory(group=group).user
    meeting = services.meeting_propose(
        group=group,
        by=proposer,
        title="Incontro a Lecce",
        starts_at=timezone.now() + timedelta(days=5),
        ends_at=timezone.now() + timedelta(days=5, hours=2),
        place="Lecce",
        province=Province.objects.first(),
    )
    client.force_login(in_group)
    assert client.get(url("meeting_detail", meeting)).status_code == 404
    listing = client.get(reverse("workgroups:meeting_list", args=[group.slug]))
    assert "Incontro a Lecce" not in listing.content.decode()
    client.force_login(proposer)
    assert client.get(url("meeting_detail", meeting)).status_code == 200
    client.force_login(staff)
    assert client.get(url("meeting_detail", meeting)).status_code == 200
    services.meeting_approve(meeting=meeting, by=staff)
    client.force_login(in_group)
    assert client.get(url("meeting_detail", meeting)).status_code == 200
    listing = client.get(reverse("workgroups:meeting_list", args=[group.slug]))
    assert "Incontro a Lecce" in listing.content.decode()


# --- scheduling and proposing -----------------------------------------------------------------


def test_only_coordinators_reach_the_schedule_form(client, group, in_group):
    client.force_login(in_group)
    assert client.get(reverse("workgroups:meeting_create", args=[group.slug])).status_code == 404


def test_a_coordinator_schedules_a_meeting(coordinator_client, group):
    response = coordinator_client.post(
        reverse("workgroups:meeting_create", args=[group.slug]), form_data(capacity="20")
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.url == meeting.get_absolute_url()
    assert (meeting.status, meeting.capacity, meeting.agenda_items.count()) == ("published", 20, 2)
    assert timezone.localtime(meeting.starts_at).tzname() in {"CET", "CEST"}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"starts_at": local(timezone.now() - timedelta(days=1))}, "starts_at"),
        (
            {
                "starts_at": local(timezone.now() + timedelta(days=3)),
                "ends_at": local(timezone.now() + timedelta(days=2)),
            },
            "ends_at",
        ),
        ({"place": "", "online_url": ""}, "place"),
        ({"capacity": "0"}, "capacity"),
        ({"capacity": "-5"}, "capacity"),
        ({"title": "x" * 201}, "title"),
        ({"description": "x" * 10001}, "description"),
        ({"agenda": "x" * 10001}, "agenda"),
        ({"online_url": "non è un link"}, "online_url"),
        ({"starts_at": "ieri"}, "starts_at"),
    ],
)
def test_bad_meeting_data_shows_form_errors_and_writes_nothing(
    coordinator_client, group, overrides, field
):
    response = coordinator_client.post(
        reverse("workgroups:meeting_create", args=[group.slug]), form_data(**overrides)
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Meeting.objects.exists()


def test_a_member_proposes_a_territorial_meeting_with_a_province(client, group, in_group):
    client.force_login(in_group)
    page = reverse("workgroups:meeting_propose", args=[group.slug])
    assert client.get(page).status_code == 200
    response = client.post(page, form_data())
    assert response.status_code == 400
    assert "province" in response.context["form"].errors
    province = Province.objects.first()
    response = client.post(page, form_data(province=province.pk))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.status, meeting.kind, meeting.province) == (
        "proposed",
        "self_organised",
        province,
    )


def test_participants_who_are_not_members_cannot_propose(client, group, participant):
    MembershipFactory(group=group, user=participant)
    client.force_login(participant)
    page = reverse("workgroups:meeting_propose", args=[group.slug])
    assert client.get(page).status_code == 404
    assert client.post(page, form_data(province=Province.objects.first().pk)).status_code == 404
    assert not Meeting.objects.exists()


# --- RSVP, .ics, minutes, cancel --------------------------------------------------------------


def test_rsvp_with_a_normal_post_and_with_htmx(client, group, in_group):
    meeting = MeetingFactory(group=group, capacity=1)
    client.force_login(in_group)
    response = client.post(url("meeting_rsvp", meeting), {"answer": "going"})
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).going_count == 1
    response = client.post(
        url("meeting_rsvp", meeting), {"answer": "not_going"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert 'id="meeting-rsvp"' in response.content.decode()
    assert "<html" not in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).going_count == 0
    assert client.post(url("meeting_rsvp", meeting), {"answer": "forse"}).status_code == 400


def test_a_full_meeting_offers_its_waiting_list_with_a_clear_message(client, group, in_group):
    """Was "a full meeting answers with an error": a full meeting now has a waiting list."""
    meeting = MeetingFactory(group=group, capacity=1)
    seats.meeting_rsvp(meeting=meeting, by=MembershipFactory(group=group).user, answer="going")
    client.force_login(in_group)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Join the waiting list" in page or "Mettiti in lista d" in page
    response = client.post(
        url("meeting_rsvp", meeting), {"answer": "going"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.context["error"] is None
    assert response.context["position"] == 1
    assert 'id="waiting-position"' in response.content.decode()
    assert MeetingRSVP.objects.get(user=in_group).answer == "waiting"
    response = client.post(url("meeting_rsvp", meeting), {"answer": "going"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    assert Meeting.objects.get(pk=meeting.pk).going_count == 1


def test_the_ics_download_parses(client, group, in_group):
    meeting = MeetingFactory(group=group, title="Assemblea del gruppo")
    client.force_login(in_group)
    response = client.get(url("meeting_ics", meeting))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == "Assemblea del gruppo"
    assert str(event["url"]).endswith(meeting.get_absolute_url())


def test_minutes_are_recorded_after_the_start_and_shown_to_the_group(
    coordinator_client, group, in_group
):
    from django.test import Client

    client = Client()
    future = MeetingFactory(group=group)
    assert coordinator_client.get(url("meeting_minutes", future)).status_code == 404
    past = MeetingFactory(group=group, starts_at=timezone.now() - timedelta(hours=3))
    assert coordinator_client.get(url("meeting_minutes", past)).status_code == 200
    assert (
        coordinator_client.post(url("meeting_minutes", past), {"minutes": "x" * 50001}).status_code
        == 400
    )
    response = coordinator_client.post(
        url("meeting_minutes", past), {"minutes": "Verbale **breve**", "outcomes": "Un corso"}
    )
    assert response.status_code == 302
    client.force_login(in_group)
    assert client.get(url("meeting_minutes", past)).status_code == 404
    html = client.get(url("meeting_detail", past)).content.decode()
    assert "<strong>breve</strong>" in html
    assert "Un corso" in html


def test_cancel_by_a_coordinator_not_by_a_member(coordinator_client, group, in_group):
    from django.test import Client

    meeting = MeetingFactory(group=group)
    member_client = Client()
    member_client.force_login(in_group)
    assert member_client.post(url("meeting_cancel", meeting)).status_code == 404
    response = coordinator_client.post(
        url("meeting_cancel", meeting), {"reason": "Maltempo", "confirm": "yes"}
    )
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.CANCELLED


def test_the_group_page_shows_the_next_meetings(client, group, in_group):
    MeetingFactory(group=group, title="Prossimo incontro del gruppo")
    client.force_login(in_group)
    html = client.get(group.get_absolute_url()).content.decode()
    assert "Prossimo incontro del gruppo" in html
    assert reverse("workgroups:meeting_list", args=[group.slug]) in html


def test_proposals_born_in_the_meeting_are_listed_when_visible(client, group, in_group):
    meeting = MeetingFactory(group=group)
    ProposalFactory(group=group, meeting=meeting, published=True, title="Proposta visibile")
    ProposalFactory(group=group, meeting=meeting, title="Bozza privata")
    client.force_login(in_group)
    html = client.get(url("meeting_detail", meeting)).content.decode()
    assert "Proposta visibile" in html
    assert "Bozza privata" not in html


# --- what emerged -----------------------------------------------------------------------------


def _past_with_outcomes(**kwargs):
    return MeetingFactory(
        starts_at=timezone.now() - timedelta(days=3),
        minutes="Verbale riservato con i nomi dei presenti",
        outcomes="È emersa la richiesta di un corso",
        **kwargs,
    )


def test_emerged_is_public_and_shows_outcomes_only(client):
    _past_with_outcomes(title="Incontro pubblico passato")
    MeetingFactory(outcomes="Futuro")  # not yet held
    _past_with_outcomes(status=Meeting.Status.CANCELLED, title="Annullato")
    response = client.get(reverse("workgroups:emerged_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Incontro pubblico passato" in html
    assert "È emersa la richiesta di un corso" in html
    assert "Verbale riservato" not in html
    assert "Annullato" not in html and "Futuro" not in html


def test_emerged_filters_by_region(client):
    lombardia = Province.objects.filter(region__name="Lombardia").first()
    puglia = Province.objects.filter(region__name="Puglia").first()
    _past_with_outcomes(title="Incontro a nord", province=lombardia)
    _past_with_outcomes(title="Incontro a sud", province=puglia)
    _past_with_outcomes(title="Gruppo del sud", group=WorkingGroupFactory(region=puglia.region))
    html = client.get(
        reverse("workgroups:emerged_list"), {"region": puglia.region_id}
    ).content.decode()
    assert "Incontro a sud" in html and "Gruppo del sud" in html
    assert "Incontro a nord" not in html
    assert client.get(reverse("workgroups:emerged_list"), {"region": "x"}).status_code == 200


# --- admin ------------------------------------------------------------------------------------


def test_staff_approve_and_reject_from_the_admin_queue(client, staff):
    client.force_login(staff)
    first = MeetingFactory(status=Meeting.Status.PROPOSED)
    second = MeetingFactory(status=Meeting.Status.PROPOSED)
    changelist = reverse("admin:workgroups_meeting_changelist")
    assert client.get(changelist, {"status__exact": "proposed"}).status_code == 200
    assert (
        client.get(reverse("admin:workgroups_meeting_change", args=[first.pk])).status_code == 200
    )
    client.post(changelist, {"action": "approve", "_selected_action": [first.pk], "apply": "1"})
    assert Meeting.objects.get(pk=first.pk).status == Meeting.Status.PUBLISHED
    page = client.post(changelist, {"action": "reject", "_selected_action": [second.pk]})
    assert page.status_code == 200  # the intermediate page asks for the reason
    client.post(
        changelist,
        {"action": "reject", "_selected_action": [second.pk], "apply": "1", "reason": "Doppione"},
    )
    second.refresh_from_db()
    assert (second.status, second.moderation_reason) == ("rejected", "Doppione")
    response = client.post(
        changelist,
        {"action": "approve", "_selected_action": [second.pk], "apply": "1"},
        follow=True,
    )
    assert "error" in [m.level_tag for m in response.context["messages"]]
    assert Meeting.objects.get(pk=second.pk).status == Meeting.Status.REJECTED


# --- query counts -----------------------------------------------------------------------------


def _assert_same_count(client, page, grow, assert_flat_queries):
    def fetch():
        assert client.get(page).status_code == 200

    return assert_flat_queries.check(fetch, grow, few=2, many=25)


def test_meeting_list_query_count_does_not_grow(client, group, in_group, assert_flat_queries):
    client.force_login(in_group)

    def grow(n):
        for _ in range(n):
            meeting = MeetingFactory(group=group, province=Province.objects.first())
            seats.meeting_rsvp(meeting=meeting, by=in_group, answer="going")

    page = reverse("workgroups:meeting_list", args=[group.slug])
    assert _assert_same_count(client, page, grow, assert_flat_queries) <= 12


def test_meeting_page_query_count_does_not_grow(client, group, in_group, assert_flat_queries):
    meeting = MeetingFactory(group=group, starts_at=timezone.now() + timedelta(days=2))
    client.force_login(in_group)

    def grow(n):
        for i in range(n):
            meeting.agenda_items.create(position=i, title=f"Punto {i}")
            person = MembershipFactory(group=group).user
            MeetingRSVP.objects.create(meeting=meeting, user=person, answer="going")
            ProposalFactory(group=group, meeting=meeting, published=True)

    page = url("meeting_detail", meeting)
    assert _assert_same_count(client, page, grow, assert_flat_queries) <= 14


def test_emerged_page_query_count_does_not_grow(client, assert_flat_queries):
    region = Region.objects.first()
    province = region.provinces.first()

    def grow(n):
        for _ in range(n):
            _past_with_outcomes(province=province)

    page = reverse("workgroups:emerged_list") + f"?region={region.pk}"
    assert _assert_same_count(client, page, grow, assert_flat_queries) <= 8
