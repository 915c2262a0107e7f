"""The catalogue's pages: the list with its filters, search and facets, a course's page as each
person sees it, guessed addresses, and flat query counts."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from tests.factories import UserFactory, staff_user
from tests.training.factories import CourseFactory, CourseSessionFactory, TrainingAreaFactory
from training.models import Audience, Course, CourseFormat, CourseStatus, Enrolment
from training.services import enrolment as services
from training.services.courses import course_dates_refresh

pytestmark = pytest.mark.django_db
LIST = reverse("training:course_list")


def titles(response):
    return [row["course"].title for row in response.context["rows"]]


def test_the_list_shows_published_courses_and_staff_also_drafts(client):
    CourseFactory(title="Pubblicato")
    CourseFactory(title="Bozza", status=CourseStatus.DRAFT)
    assert titles(client.get(LIST)) == ["Pubblicato"]
    client.force_login(staff_user())
    assert sorted(titles(client.get(LIST))) == ["Bozza", "Pubblicato"]


def test_index_is_the_list(client):
    assert reverse("training:index") == LIST
    assert client.get(reverse("training:index")).status_code == 200


def test_filters_by_area_format_free_seats_and_upcoming(client):
    area = TrainingAreaFactory(name="Cooperazione e governance", slug="governance")
    CourseFactory(title="Governance", area=area, format=CourseFormat.ONLINE)
    CourseFactory(title="Pagamento", public_price=Decimal("20"), member_price=Decimal("5"))
    CourseFactory(title="Pieno", capacity=1)
    full = Course.objects.get(title="Pieno")
    services.enrol(course=full, by=UserFactory())
    CourseFactory(title="Illimitato", capacity=None)
    CourseFactory(title="Iniziato", starts_in=timedelta(days=-1))

    def listed(**params):
        return sorted(titles(client.get(LIST, params)))

    everything = ["Governance", "Illimitato", "Iniziato", "Pagamento", "Pieno"]
    assert listed() == everything
    assert listed(area="governance") == ["Governance"]
    assert listed(format="online") == ["Governance"]
    assert listed(free="on") == ["Governance", "Illimitato", "Iniziato", "Pieno"]
    assert listed(has_seats="on") == ["Governance", "Illimitato", "Iniziato", "Pagamento"]
    assert listed(upcoming="on") == ["Governance", "Illimitato", "Pagamento", "Pieno"]
    assert listed(area="governance", format="in_person") == []
    # an unknown value is a message, and the other filters still apply
    response = client.get(LIST, {"area": "nessuna", "format": "online"})
    assert response.status_code == 200
    assert sorted(titles(response)) == ["Governance"]
    assert response.context["filter_errors"]


def test_open_to_me_keeps_members_courses_for_members_only(client):
    CourseFactory(title="Per tutti")
    CourseFactory(title="Per i soci", audience=Audience.MEMBERS)
    params = {"open_to_me": "on"}
    assert titles(client.get(LIST, params)) == ["Per tutti"]  # a visitor
    client.force_login(UserFactory())
    assert titles(client.get(LIST, params)) == ["Per tutti"]
    client.force_login(UserFactory(member=True))
    assert sorted(titles(client.get(LIST, params))) == ["Per i soci", "Per tutti"]
    assert sorted(titles(client.get(LIST))) == ["Per i soci", "Per tutti"]


def test_the_italian_search_finds_words_accents_and_prefixes(client):
    CourseFactory(title="Contabilità cooperativa", summary="Il bilancio delle cooperative.")
    CourseFactory(title="Comunicazione digitale", summary="Social e siti.")
    assert titles(client.get(LIST, {"q": "contabilità"})) == ["Contabilità cooperativa"]
    assert titles(client.get(LIST, {"q": "contabilita"})) == ["Contabilità cooperativa"]
    assert titles(client.get(LIST, {"q": "cooperativ"})) == ["Contabilità cooperativa"]
    response = client.get(LIST, {"q": "nulla di simile"})
    assert titles(response) == []
    with translation.override("it"):
        assert gettext("No courses match") in response.content.decode()
    assert b'id="empty-state"' in response.content


def test_the_facets_count_per_area_and_format(client):
    first = TrainingAreaFactory(name="Prima", slug="prima")
    second = TrainingAreaFactory(name="Seconda", slug="seconda")
    CourseFactory(area=first, format=CourseFormat.ONLINE)
    CourseFactory(area=first)
    CourseFactory(area=second)
    CourseFactory(area=second, status=CourseStatus.DRAFT)  # not counted for visitors
    facets = {f["name"]: f for f in client.get(LIST).context["facets"]}
    assert [(o["label"], o["count"]) for o in facets["area"]["options"]] == [
        ("Prima", 2),
        ("Seconda", 1),
    ]
    formats = {o["label"]: o["count"] for o in facets["format"]["options"]}
    assert sorted(formats.values()) == [1, 2]
    facets = {f["name"]: f for f in client.get(LIST, {"area": "prima"}).context["facets"]}
    assert sorted(o["count"] for o in facets["format"]["options"]) == [1, 1]


def test_the_list_pages_by_twenty(client):
    CourseFactory.create_batch(21, sessions=1)
    response = client.get(LIST)
    assert len(response.context["rows"]) == 20
    assert len(client.get(LIST, {"page": "2"}).context["rows"]) == 1
    assert client.get(LIST, {"page": "abc"}).status_code == 200


# --- a course's page ------------------------------------------------------------------------


def test_a_draft_is_404_to_everybody_but_staff_and_its_enrol_too(client):
    draft = CourseFactory(status=CourseStatus.DRAFT)
    member = UserFactory(member=True)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.post(reverse("training:course_enrol", args=[draft.pk])).status_code == 404
    client.force_login(member)
    assert client.get(draft.get_absolute_url()).status_code == 404
    for name in ("course_enrol", "course_cancel", "course_offer_confirm", "course_waiting_leave"):
        assert client.post(reverse(f"training:{name}", args=[draft.pk])).status_code == 404
    assert client.post(reverse("training:course_enrol", args=[999999])).status_code == 404
    assert not Enrolment.objects.exists()
    client.force_login(staff_user())
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    with translation.override("it"):
        notice = gettext("This course is not published: only staff see it.")
    assert response.context["view"].is_draft and notice in response.content.decode()


def test_a_wrong_slug_redirects_to_the_course(client):
    course = CourseFactory(title="Bilancio sociale")
    response = client.get(reverse("training:course_detail", args=[course.pk, "altro"]))
    assert response.status_code == 301 and response["Location"] == course.get_absolute_url()


def test_the_online_link_and_place_only_for_the_enrolled(client):
    course = CourseFactory(format=CourseFormat.ONLINE, sessions=0)
    secret = "https://meet.example.org/segreto-4711"
    start = timezone.now() + timedelta(days=5)
    CourseSessionFactory(
        course=course, starts_at=start, ends_at=start + timedelta(hours=2),
        online_url=secret, place="Aula segreta 12",
    )  # fmt: skip
    course_dates_refresh(course)
    url = course.get_absolute_url()

    def page():
        return client.get(url).content.decode()

    assert secret not in page() and "Aula segreta 12" not in page()  # a visitor
    member = UserFactory(member=True)
    client.force_login(member)
    assert secret not in page() and "meet.example.org" not in page()
    services.enrol(course=course, by=member)
    assert secret in page() and "Aula segreta 12" in page()
    client.force_login(staff_user())
    assert secret in page()
    waiting = UserFactory(member=True)
    Course.objects.filter(pk=course.pk).update(capacity=1)
    course.refresh_from_db()
    services.enrol(course=course, by=waiting)
    client.force_login(waiting)
    assert secret not in page()  # on the waiting list: no seat, no link


def test_the_price_for_me(client):
    course = CourseFactory(member_price=Decimal("10"), public_price=Decimal("35"))
    url = course.get_absolute_url()
    view = client.get(url).context["view"]
    assert view.price_for_me is None  # a visitor sees both
    html = client.get(url).content.decode()
    assert 'id="member-price"' in html and 'id="public-price"' in html
    client.force_login(UserFactory(member=True))
    assert client.get(url).context["view"].price_for_me == Decimal("10")
    client.force_login(UserFactory())
    assert client.get(url).context["view"].price_for_me == Decimal("35")
    assert 'id="member-price"' not in client.get(url).content.decode()


def test_sessions_are_shown_in_italian_time(client):
    course = CourseFactory(sessions=0)
    start = datetime(2030, 7, 1, 7, 30, tzinfo=UTC)  # 09:30 in Rome (summer)
    CourseSessionFactory(course=course, starts_at=start, ends_at=start + timedelta(hours=2))
    course_dates_refresh(course)
    html = client.get(course.get_absolute_url()).content.decode()
    assert "09:30" in html and "11:30" in html
    starts = client.get(course.get_absolute_url()).context["view"].starts
    assert starts.days == (start - timezone.now()).days


def test_a_course_starting_soon_says_in_how_many_days(client):
    course = CourseFactory(starts_in=timedelta(days=3, hours=2))
    view = client.get(course.get_absolute_url()).context["view"]
    assert (view.starts.days, view.starts.hours) == (3, 1) or (
        view.starts.days,
        view.starts.hours,
    ) == (3, 2)
    with translation.override("it"):
        text = ngettext("starts in %(counter)s day", "starts in %(counter)s days", 3) % {
            "counter": 3
        }
    assert text in client.get(course.get_absolute_url()).content.decode()


# --- flat query counts ------------------------------------------------------------------------


def test_the_list_makes_as_many_queries_with_many_courses(client, assert_flat_queries):
    client.force_login(UserFactory(member=True))

    def grow(n):
        for index in range(n):
            CourseFactory(area=TrainingAreaFactory(), format=CourseFormat.choices[index % 3][0])

    assert_flat_queries.check(lambda: client.get(LIST), grow, few=2, many=12)


def test_the_course_page_makes_as_many_queries_with_many_sessions_and_people(
    client, assert_flat_queries
):
    course = CourseFactory(sessions=1, capacity=None)
    member = UserFactory(member=True)
    services.enrol(course=course, by=member)
    client.force_login(member)

    def grow(n):
        for index in range(n):
            start = timezone.now() + timedelta(days=20 + index)
            CourseSessionFactory(course=course, starts_at=start, ends_at=start + timedelta(hours=1))
            services.enrol(course=course, by=UserFactory())

    def fetch():
        response = client.get(course.get_absolute_url())
        assert response.context["view"].seat.is_confirmed

    assert_flat_queries.check(fetch, grow, few=2, many=12)


def test_guessed_addresses_of_courses_that_do_not_exist_are_404(client):
    client.force_login(UserFactory(member=True))
    assert client.get(reverse("training:course_detail", args=[424242, "corso"])).status_code == 404
    for name in ("course_enrol", "course_cancel", "course_offer_confirm", "course_waiting_leave"):
        assert client.post(reverse(f"training:{name}", args=[424242])).status_code == 404


def test_a_cancelled_course_shows_why_and_refuses_enrolment(client):
    course = CourseFactory(status=CourseStatus.CANCELLED, cancel_reason="Docente indisponibile")
    member = UserFactory(member=True)
    client.force_login(member)
    response = client.get(course.get_absolute_url())
    assert response.status_code == 200
    assert b'id="course-cancelled"' in response.content
    assert "Docente indisponibile" in response.content.decode()
    assert b'id="enrol-button"' not in response.content
    response = client.post(reverse("training:course_enrol", args=[course.pk]), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not Enrolment.objects.exists()
    assert titles(client.get(LIST)) == []  # not in the list


def test_the_payment_state_shows_on_the_seat_held(client):
    course = CourseFactory(member_price=Decimal("12"), public_price=Decimal("40"))
    member = UserFactory(member=True)
    services.enrol(course=course, by=member)
    client.force_login(member)
    response = client.get(course.get_absolute_url())
    assert response.context["view"].seat.has_payment
    html = response.content.decode()
    assert 'id="payment"' in html
    with translation.override(member.language):
        assert gettext("To pay") in html


def test_the_course_page_shows_the_skills_it_teaches(client):
    from training.models import Skill

    course = CourseFactory(title="Bilancio sociale")
    course.skills.add(
        Skill.objects.create(name="Rendicontazione"), Skill.objects.create(name="Impatto")
    )
    other = Skill.objects.create(name="Fundraising")
    page = client.get(course.get_absolute_url()).content.decode()
    assert "Rendicontazione" in page and "Impatto" in page
    assert other.name not in page
