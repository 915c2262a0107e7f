"""The showcase's pages by role and by guessed address: visitors and everybody see only the
published cases; a draft, a case waiting or returned is seen by its proposer and staff only (a
404 for anybody else); members propose, participants and visitors may not; only staff reach the
validation page and decide."""

import pytest
from django.urls import reverse

from community.practices.models import Practice
from tests.factories import UserFactory, staff_user

from .factories import PracticeFactory

pytestmark = pytest.mark.django_db
S = Practice.Status
LIST = reverse("community:practice_list")


def _detail(practice):
    return practice.get_absolute_url()


def test_visitor_sees_published_cases_only(client):
    shown = PracticeFactory(published=True, title="Fonderia rilevata dai lavoratori")
    PracticeFactory(title="Bozza segreta")
    PracticeFactory(submitted=True, title="In attesa di validazione")
    body = client.get(LIST).content.decode()
    assert shown.title in body
    assert "Bozza segreta" not in body and "In attesa di validazione" not in body
    assert client.get(_detail(shown)).status_code == 200


@pytest.mark.parametrize("trait", ["draft", "submitted", "returned", "rejected"])
@pytest.mark.parametrize("who", ["visitor", "participant", "other_member"])
def test_unpublished_case_is_a_404_for_others(client, trait, who):
    practice = PracticeFactory(**({} if trait == "draft" else {trait: True}))
    if who == "participant":
        client.force_login(UserFactory())
    elif who == "other_member":
        client.force_login(UserFactory(member=True))
    assert client.get(_detail(practice)).status_code == 404


def test_proposer_and_staff_see_the_draft(client):
    practice = PracticeFactory(returned=True)
    client.force_login(practice.proposer)
    response = client.get(_detail(practice))
    assert response.status_code == 200
    assert practice.decision_reason in response.content.decode()
    client.force_login(staff_user())
    assert client.get(_detail(practice)).status_code == 200


def test_missing_case_and_wrong_slug(client):
    practice = PracticeFactory(published=True)
    assert client.get(reverse("community:practice_detail", args=[999999, "x"])).status_code == 404
    wrong = client.get(reverse("community:practice_detail", args=[practice.pk, "altro"]))
    assert wrong.status_code == 301 and wrong["Location"] == _detail(practice)


def test_propose_page_for_members_only(client):
    url = reverse("community:practice_create")
    assert client.get(url).status_code == 302  # visitors log in first
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403  # a participant
    client.force_login(UserFactory(member=True))
    assert client.get(url).status_code == 200


def test_edit_someone_elses_case_is_a_404(client):
    practice = PracticeFactory()
    client.force_login(UserFactory(member=True))
    assert client.get(reverse("community:practice_edit", args=[practice.pk])).status_code == 404


def test_edit_a_submitted_case_is_a_404(client):
    practice = PracticeFactory(submitted=True)
    client.force_login(practice.proposer)
    assert client.get(reverse("community:practice_edit", args=[practice.pk])).status_code == 404


def test_submit_someone_elses_draft_is_a_404(client):
    practice = PracticeFactory()
    client.force_login(UserFactory(member=True))
    url = reverse("community:practice_submit", args=[practice.pk])
    assert client.post(url).status_code == 404
    practice.refresh_from_db()
    assert practice.status == S.DRAFT


def test_submit_by_the_proposer(client):
    practice = PracticeFactory()
    client.force_login(practice.proposer)
    client.post(reverse("community:practice_submit", args=[practice.pk]))
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED


@pytest.mark.parametrize("who", ["visitor", "member", "participant", "proposer"])
def test_review_and_decide_for_staff_only(client, who):
    practice = PracticeFactory(submitted=True)
    user = {
        "visitor": None,
        "member": UserFactory(member=True),
        "participant": UserFactory(),
        "proposer": practice.proposer,
    }[who]
    if user is not None:
        client.force_login(user)
    review = client.get(reverse("community:practice_review"))
    decide = client.post(
        reverse("community:practice_decide", args=[practice.pk]), {"to": S.PUBLISHED}
    )
    expected = 302 if user is None else 403
    assert review.status_code == expected and decide.status_code == expected
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED


def test_review_lists_the_waiting_cases(client):
    waiting = PracticeFactory(submitted=True)
    PracticeFactory(title="Una bozza")
    client.force_login(staff_user())
    body = client.get(reverse("community:practice_review")).content.decode()
    assert waiting.title in body and "Una bozza" not in body


def test_my_cases_page_groups_them_with_the_reason(client):
    member = UserFactory(member=True)
    PracticeFactory(proposer=member, title="La mia bozza")
    PracticeFactory(proposer=member, returned=True, title="Da rivedere")
    PracticeFactory(proposer=member, published=True, title="Già pubblicata")
    PracticeFactory(title="Di un altro socio")
    client.force_login(member)
    body = client.get(reverse("community:practice_mine")).content.decode()
    for title in ("La mia bozza", "Da rivedere", "Già pubblicata", "Aggiungete i numeri."):
        assert title in body
    assert "Di un altro socio" not in body
    assert body.index("Da rivedere") < body.index("La mia bozza")  # returned ones first


def test_detail_buttons_follow_the_workflow(client):
    practice = PracticeFactory()
    client.force_login(practice.proposer)
    body = client.get(_detail(practice)).content.decode()
    assert 'id="submit-practice"' in body and 'id="edit-practice"' in body
    assert 'id="decide-form"' not in body
    submitted = PracticeFactory(submitted=True)
    client.force_login(staff_user())
    body = client.get(_detail(submitted)).content.decode()
    assert 'id="decide-form"' in body and 'id="submit-practice"' not in body


def test_markdown_is_rendered_safely(client):
    practice = PracticeFactory(
        published=True, problem="**Crisi** <script>alert(1)</script> [x](javascript:alert(1))"
    )
    body = client.get(_detail(practice)).content.decode()
    assert "<strong>Crisi</strong>" in body
    assert "<script>alert(1)" not in body and "javascript:alert" not in body


def test_methods_not_allowed(client):
    practice = PracticeFactory(published=True)
    client.force_login(practice.proposer)
    assert client.get(reverse("community:practice_submit", args=[practice.pk])).status_code == 405
    assert client.post(LIST).status_code == 405
