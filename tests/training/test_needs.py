"""Training needs: members suggest topics (their own support counts 1) and support the others'
once; the list ranks them; staff turn one into a draft course (the supporters are told) or set it
aside with a reason. Other roles are refused and nothing is written."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from coopportal.core.exceptions import DomainError
from coopportal.notifications.models import Notification
from tests.factories import UserFactory
from tests.helpers.parallel import run_at_once
from tests.training.factories_requests import AreaFactory, NeedFactory, support
from training.models import Course, CourseStatus, NeedStatus, NeedSupport, TrainingNeed
from training.services import needs as services

pytestmark = pytest.mark.django_db
LIST = reverse("training:need_list")
NEW = reverse("training:need_create")
CHANGELIST = reverse("admin:training_trainingneed_changelist")


def italian(msgid, **values):
    with translation.override("it"):
        text = gettext(msgid)
    return text % values if values else text


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- services ----------------------------------------------------------------------------------


def test_need_create_counts_the_proposer_as_the_first_supporter(member):
    area = AreaFactory()
    need = services.need_create(by=member, title="  Bilancio sociale ", area=area)
    assert need.title == "Bilancio sociale"
    assert need.supporters_count == 1
    assert list(NeedSupport.objects.filter(need=need).values_list("user", flat=True)) == [member.pk]


@pytest.mark.parametrize(
    ("title", "description", "code"),
    [
        ("", "", "title"),
        ("   ", "", "title"),
        ("x" * 201, "", "title"),
        ("Ok", "x" * 3001, "description"),
    ],
)
def test_need_create_refuses_bad_input_and_writes_nothing(member, title, description, code):
    with pytest.raises(DomainError) as refused:
        services.need_create(by=member, title=title, description=description)
    assert refused.value.code == code
    assert not TrainingNeed.objects.exists()


def test_only_members_suggest_and_support(participant, staff):
    need = NeedFactory()
    for person in (participant, staff):
        with pytest.raises(DomainError) as refused:
            services.need_create(by=person, title="Marketing")
        assert refused.value.code == "forbidden"
        with pytest.raises(DomainError):
            services.need_support(need=need, by=person)
    need.refresh_from_db()
    assert need.supporters_count == 1 and TrainingNeed.objects.count() == 1


def test_need_support_once_and_withdraw(member):
    need = NeedFactory()
    need = services.need_support(need=need, by=member)
    assert need.supporters_count == 2
    with pytest.raises(DomainError) as again:
        services.need_support(need=need, by=member)
    assert again.value.code == "already"
    need = services.need_unsupport(need=need, by=member)
    assert need.supporters_count == 1
    with pytest.raises(DomainError) as never:
        services.need_unsupport(need=need, by=member)
    assert never.value.code == "not_supported"
    need.refresh_from_db()
    assert need.supporters_count == 1 == NeedSupport.objects.filter(need=need).count()


def test_the_proposer_neither_supports_again_nor_withdraws(member):
    need = NeedFactory(proposed_by=member)
    for call in (services.need_support, services.need_unsupport):
        with pytest.raises(DomainError) as refused:
            call(need=need, by=member)
        assert refused.value.code == "own"
    need.refresh_from_db()
    assert need.supporters_count == 1


def test_a_need_that_is_not_open_takes_no_support(member, staff):
    need = services.need_dismiss(need=NeedFactory(), by=staff, reason="Già in catalogo")
    with pytest.raises(DomainError) as closed:
        services.need_support(need=need, by=member)
    assert closed.value.code == "closed"


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_supports_all_count():
    need = NeedFactory()
    people = UserFactory.create_batch(20, member=True)
    outcomes = run_at_once([lambda p=p: services.need_support(need=need, by=p) for p in people])
    assert outcomes == ["ok"] * 20
    need.refresh_from_db()
    # the proposer's own support and the twenty others
    assert need.supporters_count == 21 == NeedSupport.objects.filter(need=need).count()


# --- pages -------------------------------------------------------------------------------------


def test_visitors_are_sent_to_login(client):
    need = NeedFactory()
    for url in (LIST, NEW):
        response = client.get(url)
        assert response.status_code == 302 and reverse("account_login") in response.url
    response = client.post(reverse("training:need_support", args=[need.pk]))
    assert response.status_code == 302 and reverse("account_login") in response.url
    need.refresh_from_db()
    assert need.supporters_count == 1


def test_a_participant_reads_but_cannot_suggest_or_support(participant_client):
    need = NeedFactory()
    page = participant_client.get(LIST)
    assert page.status_code == 200 and need.title in page.content.decode()
    assert reverse("training:need_support", args=[need.pk]) not in page.content.decode()
    assert participant_client.get(NEW).status_code == 403
    assert participant_client.post(NEW, {"title": "Marketing"}).status_code == 403
    url = reverse("training:need_support", args=[need.pk])
    assert participant_client.post(url).status_code == 403
    assert TrainingNeed.objects.count() == 1 and NeedSupport.objects.count() == 1


def test_a_member_suggests_a_topic_through_the_form(member_client, member):
    area = AreaFactory()
    response = member_client.post(
        NEW, {"title": "Comunicazione digitale", "description": "Social", "area": area.pk}
    )
    assert response.status_code == 302
    need = TrainingNeed.objects.get()
    assert (need.proposed_by, need.area, need.supporters_count) == (member, area, 1)
    page = member_client.get(LIST).content.decode()
    assert "Comunicazione digitale" in page and italian("Your suggestion") in page


@pytest.mark.parametrize(
    "data", [{"title": ""}, {"title": "x" * 201}, {"title": "Ok", "description": "x" * 3001}]
)
def test_the_form_refuses_bad_input_with_a_400(member_client, data):
    assert member_client.post(NEW, data).status_code == 400
    assert not TrainingNeed.objects.exists()


def test_support_and_withdraw_through_the_buttons(member_client, member):
    need = NeedFactory()
    support_url = reverse("training:need_support", args=[need.pk])
    withdraw_url = reverse("training:need_unsupport", args=[need.pk])
    page = member_client.get(LIST).content.decode()
    assert support_url in page and withdraw_url not in page
    assert member_client.get(support_url).status_code == 405  # POST only
    member_client.post(support_url)
    page = member_client.get(LIST).content.decode()
    assert withdraw_url in page and support_url not in page
    # twice: a message, nothing written
    response = member_client.post(support_url, follow=True)
    assert italian("You already support this topic.") in messages_of(response)
    need.refresh_from_db()
    assert need.supporters_count == 2
    member_client.post(withdraw_url)
    response = member_client.post(withdraw_url, follow=True)
    assert italian("You do not support this topic.") in messages_of(response)
    need.refresh_from_db()
    assert need.supporters_count == 1 == NeedSupport.objects.filter(need=need).count()


def test_a_guessed_need_is_a_404(member_client):
    assert member_client.post(reverse("training:need_support", args=[999999])).status_code == 404
    assert member_client.post(reverse("training:need_unsupport", args=[999999])).status_code == 404


def test_the_list_ranks_open_needs_by_supporters_and_filters_by_area(member_client, staff):
    first_area, other_area = AreaFactory(), AreaFactory()
    few = NeedFactory(title="Pochi", area=first_area)
    many = NeedFactory(title="Molti", area=first_area)
    support(many, UserFactory.create_batch(3, member=True))
    set_aside = NeedFactory(title="Accantonato", area=first_area)
    support(set_aside, UserFactory.create_batch(5, member=True))
    services.need_dismiss(need=set_aside, by=staff, reason="Già offerto")
    elsewhere = NeedFactory(title="Altrove", area=other_area)
    response = member_client.get(LIST)
    # equal supporters: the newest first
    assert list(response.context["needs"]) == [many, elsewhere, few, set_aside]
    response = member_client.get(LIST, {"area": first_area.slug})
    assert list(response.context["needs"]) == [many, few, set_aside]
    assert "Già offerto" in response.content.decode()
    assert member_client.get(LIST, {"area": "nessuna", "page": "x"}).status_code == 200


def test_the_list_has_pages(member_client):
    NeedFactory.create_batch(25)
    first = member_client.get(LIST)
    assert len(first.context["needs"]) == 20
    assert len(member_client.get(LIST, {"page": 2}).context["needs"]) == 5


def test_need_list_query_count_does_not_grow(member_client, member, assert_flat_queries):
    def grow(n):
        for need in NeedFactory.create_batch(n):
            support(need, [member])

    assert_flat_queries.check(lambda: member_client.get(LIST), grow)


# --- staff in the admin ------------------------------------------------------------------------


def test_staff_turn_a_need_into_a_draft_course_and_the_supporters_are_told(staff_client, staff):
    need = NeedFactory(title="Bilancio sociale", description="Come si scrive")
    supporters = UserFactory.create_batch(2, member=True)
    for person in supporters:
        services.need_support(need=need, by=person)
    data = {"action": "to_course", ACTION_CHECKBOX_NAME: [need.pk]}
    assert staff_client.post(CHANGELIST, data).status_code == 200  # the page asking for a note
    staff_client.post(CHANGELIST, {**data, "apply": "1", "reason": ""})
    need.refresh_from_db()
    assert need.status == NeedStatus.PLANNED
    course = Course.objects.get()
    assert (course.title, course.area, course.from_need, course.status) == (
        "Bilancio sociale",
        need.area,
        need,
        CourseStatus.DRAFT,
    )
    assert course.summary == "Come si scrive"
    told = Notification.objects.filter(kind="training.need_planned")
    assert set(told.values_list("recipient", flat=True)) == {
        need.proposed_by_id,
        *(p.pk for p in supporters),
    }
    assert told.first().context == {"need": "Bilancio sociale", "course": "Bilancio sociale"}
    # once only: again is refused on its row, nothing more is written
    staff_client.post(CHANGELIST, {**data, "apply": "1", "reason": ""})
    assert Course.objects.count() == 1 and told.count() == 3


def test_a_need_without_an_area_does_not_become_a_course(staff_client):
    need = NeedFactory(area=None)
    data = {"action": "to_course", ACTION_CHECKBOX_NAME: [need.pk], "apply": "1", "reason": ""}
    response = staff_client.post(CHANGELIST, data, follow=True)
    assert any("area" in m.lower() for m in messages_of(response))
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN and not Course.objects.exists()


def test_staff_set_a_need_aside_with_a_reason(staff_client):
    need = NeedFactory()
    data = {"action": "dismiss", ACTION_CHECKBOX_NAME: [need.pk], "apply": "1"}
    assert staff_client.post(CHANGELIST, {**data, "reason": ""}).status_code == 200  # required
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN
    staff_client.post(CHANGELIST, {**data, "reason": "C'è già un corso simile"})
    need.refresh_from_db()
    assert (need.status, need.status_reason) == (NeedStatus.DISMISSED, "C'è già un corso simile")


def test_staff_see_the_needs_ranked_and_cannot_add_or_delete(staff_client, staff):
    low, high = NeedFactory(title="Basso"), NeedFactory(title="Alto")
    support(high, UserFactory.create_batch(2, member=True))
    page = staff_client.get(CHANGELIST)
    assert page.status_code == 200
    assert list(page.context["cl"].result_list) == [high, low]
    services.need_dismiss(need=low, by=staff, reason="Fuori tema")
    change = staff_client.get(reverse("admin:training_trainingneed_change", args=[low.pk]))
    assert change.status_code == 200
    assert "training.need.dismissed" in change.content.decode()  # the timeline
    assert "Fuori tema" in change.content.decode()
    assert staff_client.get(reverse("admin:training_trainingneed_add")).status_code == 403
    delete = reverse("admin:training_trainingneed_delete", args=[low.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    assert TrainingNeed.objects.count() == 2


def test_members_stay_out_of_the_admin(member_client):
    need = NeedFactory()
    data = {"action": "to_course", ACTION_CHECKBOX_NAME: [need.pk], "apply": "1"}
    assert member_client.post(CHANGELIST, data).status_code == 302  # the admin's login
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN
