"""Proposing and editing a case through the pages: a complete case is saved as a draft with its
links; empty required fields, too long texts, a year to come, tampered ids of groups, calls,
courses, regions or kinds answer with a message (400) and write nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from community.practices import services
from community.practices.exceptions import PracticeError
from community.practices.models import Practice
from coopportal.accounts.models import Region
from tests.calls.factories import FundingCallFactory
from tests.factories import UserFactory
from tests.training.factories import CourseFactory
from tests.workgroups.factories import WorkingGroupFactory

from .factories import PracticeFactory, valid_data

pytestmark = pytest.mark.django_db
CREATE = reverse("community:practice_create")


@pytest.fixture
def member_client(client):
    member = UserFactory(member=True)
    client.force_login(member)
    client.member = member
    return client


def test_create_saves_a_draft_with_links(member_client):
    group = WorkingGroupFactory()
    call = FundingCallFactory()
    course = CourseFactory(sessions=0)
    data = valid_data(
        region=Region.objects.get(code="08").pk,
        groups=[group.pk],
        calls=[call.pk],
        courses=[course.pk],
    )
    response = member_client.post(CREATE, data)
    practice = Practice.objects.get()
    assert response.status_code == 302 and response["Location"] == practice.get_absolute_url()
    assert practice.status == Practice.Status.DRAFT and practice.proposer == member_client.member
    assert list(practice.groups.all()) == [group] and list(practice.calls.all()) == [call]
    assert list(practice.courses.all()) == [course]
    assert practice.search_vector is not None


@pytest.mark.parametrize("field", ["title", "summary", "organisation", "problem", "actions"])
def test_create_with_an_empty_required_field_writes_nothing(member_client, field):
    response = member_client.post(CREATE, valid_data(**{field: "  "}))
    assert response.status_code == 400
    assert Practice.objects.count() == 0


@pytest.mark.parametrize(
    "field,length", [("title", 201), ("summary", 301), ("problem", 10001), ("funding", 10001)]
)
def test_create_with_too_long_text_writes_nothing(member_client, field, length):
    response = member_client.post(CREATE, valid_data(**{field: "a" * length}))
    assert response.status_code == 400
    assert Practice.objects.count() == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"year": str(timezone.localdate().year + 1)},
        {"year": "1800"},
        {"year": "duemila"},
        {"kind": "miracle"},
        {"region": "999999"},
        {"sector": "abc"},
    ],
)
def test_create_with_bad_values_writes_nothing(member_client, changes):
    response = member_client.post(CREATE, valid_data(**changes))
    assert response.status_code == 400
    assert Practice.objects.count() == 0


@pytest.mark.parametrize("name", ["groups", "calls", "courses"])
def test_create_with_tampered_or_hidden_links_writes_nothing(member_client, name):
    hidden = {
        "groups": lambda: WorkingGroupFactory(is_active=False),
        "calls": lambda: FundingCallFactory(unpublished=True),
        "courses": lambda: CourseFactory(sessions=0, status="draft"),
    }[name]()
    for value in ([hidden.pk], ["99999999"], ["x"], ["99999999999999999999999"]):
        response = member_client.post(CREATE, valid_data(**{name: value}))
        assert response.status_code == 400, value
        assert "not available" in response.content.decode() or response.context["form"].errors
    assert Practice.objects.count() == 0


def test_edit_changes_the_draft_and_its_slug(client):
    practice = PracticeFactory(title="Vecchio titolo")
    client.force_login(practice.proposer)
    url = reverse("community:practice_edit", args=[practice.pk])
    response = client.post(url, valid_data(title="Nuovo titolo del caso"))
    practice.refresh_from_db()
    assert practice.title == "Nuovo titolo del caso" and practice.slug == "nuovo-titolo-del-caso"
    assert response["Location"] == practice.get_absolute_url()


def test_edit_with_bad_input_changes_nothing(client):
    practice = PracticeFactory(title="Titolo che resta")
    client.force_login(practice.proposer)
    url = reverse("community:practice_edit", args=[practice.pk])
    assert client.post(url, valid_data(title="")).status_code == 400
    practice.refresh_from_db()
    assert practice.title == "Titolo che resta"


def test_services_refuse_what_the_form_would(db):
    member = UserFactory(member=True)
    data = {k: v for k, v in valid_data().items() if k not in ("region", "sector")}
    data["year"] = 2019
    with pytest.raises(PracticeError):
        services.practice_create(by=UserFactory(), **data)  # a participant
    with pytest.raises(PracticeError):
        services.practice_create(by=member, **{**data, "problem": "x" * 10001})
    with pytest.raises(PracticeError):
        services.practice_create(by=member, **{**data, "year": 3000})
    with pytest.raises(PracticeError):
        services.practice_create(
            by=member, **{**data, "groups": [WorkingGroupFactory(is_active=False)]}
        )
    assert Practice.objects.count() == 0
    assert services.practice_create(by=member, **data).status == Practice.Status.DRAFT
