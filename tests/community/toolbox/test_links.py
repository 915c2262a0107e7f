"""A course's, a group's and a call's page show the resources linked to them, under "See also":
only the published ones the viewer may open, in one query."""

import pytest
from django.contrib.auth.models import AnonymousUser

from community.toolbox import call_links, course_links, group_links
from community.toolbox.models import ResourceStatus
from tests.helpers.queries import count_queries
from tests.training.factories import CourseFactory
from tests.workgroups.factories import WorkingGroupFactory

from .factories import resource_make

pytestmark = pytest.mark.django_db


def test_a_course_page_shows_its_resources(client, member):
    course = CourseFactory(sessions=0)
    public = resource_make(title="Slide del corso", courses=[course])
    resource_make(title="Esercizi per i soci", courses=[course], audience="members")
    resource_make(title="Proposta in attesa", courses=[course], status=ResourceStatus.SUGGESTED)
    resource_make(title="Altra risorsa")
    page = client.get(course.get_absolute_url()).content.decode()
    assert public.get_absolute_url() in page and "Slide del corso" in page
    assert "Esercizi per i soci" not in page
    assert "Proposta in attesa" not in page and "Altra risorsa" not in page
    client.force_login(member)
    page = client.get(course.get_absolute_url()).content.decode()
    assert "Slide del corso" in page and "Esercizi per i soci" in page


def test_a_group_page_shows_its_resources(client, member):
    group = WorkingGroupFactory()
    resource = resource_make(title="Regolamento dei gruppi", groups=[group], audience="members")
    resource_make(title="Archiviata", groups=[group], status=ResourceStatus.ARCHIVED)
    client.force_login(member)
    page = client.get(group.get_absolute_url()).content.decode()
    assert resource.get_absolute_url() in page and "Regolamento dei gruppi" in page
    assert "Archiviata" not in page


def test_the_links_are_one_query_however_many(member):
    from tests.calls.factories import FundingCallFactory

    course, group, call = CourseFactory(sessions=0), WorkingGroupFactory(), FundingCallFactory()
    for n in range(5):
        resource_make(courses=[course], groups=[group], calls=[call], title=f"Risorsa {n}")
    for user in (AnonymousUser(), member):
        assert count_queries(lambda u=user: course_links.for_course(u, course)) == 1
        assert count_queries(lambda u=user: group_links.for_group(u, group)) == 1
        assert count_queries(lambda u=user: call_links.for_call(u, call)) == 1
    labels = [label for label, _url in call_links.for_call(member, call)]
    assert len(labels) == 5 and all("Risorsa" in label for label in labels)


def test_a_good_practice_page_shows_its_resources(client):
    from tests.community.practices.factories import PracticeFactory

    case = PracticeFactory(published=True)
    linked = resource_make(title="Guida al workers buyout")
    linked.practices.add(case)
    waiting = resource_make(title="Proposta in attesa", status=ResourceStatus.SUGGESTED)
    waiting.practices.add(case)
    resource_make(title="Altra risorsa")
    page = client.get(case.get_absolute_url()).content.decode()
    assert linked.get_absolute_url() in page and "Guida al workers buyout" in page
    assert "Proposta in attesa" not in page and "Altra risorsa" not in page


def test_the_demo_practices_go_with_resources_of_their_area():
    from django.core.management import call_command

    from community.practices.models import Practice

    call_command("seed_demo")
    published = Practice.objects.filter(status="published", kind="buyout")
    assert published.exists()
    for case in published:
        assert {r.area for r in case.toolbox_resources.all()} == {"funding"}
