"""The RESOURCE workflow: suggested → published | rejected (with a reason), published → archived
→ published; every other move refused with nothing written; the suggester is told; each move is
in the audit log; the admin's actions go through the same services."""

import pytest
from django.urls import reverse

from community.toolbox import services
from community.toolbox.models import Resource, ResourceStatus
from community.toolbox.workflows import RESOURCE, TRANSITIONS
from coopportal.core.audit import audit_events_for
from coopportal.core.exceptions import DomainError
from coopportal.notifications.models import Notification
from tests.factories import UserFactory

from .factories import resource_make

pytestmark = pytest.mark.django_db

S = ResourceStatus
MOVES = {
    S.PUBLISHED: lambda r, by: services.resource_publish(resource=r, by=by),
    S.REJECTED: lambda r, by: services.resource_reject(resource=r, by=by, reason="Non pertinente"),
    S.ARCHIVED: lambda r, by: services.resource_archive(resource=r, by=by),
}


def _make(status, member):
    return resource_make(status=status, suggested_by=member)


def test_the_table_covers_every_status():
    RESOURCE.check()
    assert set(TRANSITIONS) == set(S.values)


@pytest.mark.parametrize("source", list(S))
@pytest.mark.parametrize("target", [S.PUBLISHED, S.REJECTED, S.ARCHIVED])
def test_every_move_is_allowed_or_refused_as_the_table_says(source, target, staff, member):
    resource = _make(source, member)
    allowed = target in TRANSITIONS[source]
    if allowed:
        MOVES[target](resource, staff)
        resource.refresh_from_db()
        assert resource.status == target
        actions = [e.action for e in audit_events_for(resource)]
        assert f"community.toolbox.resource.{target}" in actions
    else:
        before = Resource.objects.filter(pk=resource.pk).values().get()
        with pytest.raises(DomainError):
            MOVES[target](resource, staff)
        assert Resource.objects.filter(pk=resource.pk).values().get() == before
        assert not audit_events_for(resource)


def test_a_rejection_needs_a_reason(staff, member):
    resource = _make(S.SUGGESTED, member)
    with pytest.raises(DomainError) as refused:
        services.resource_reject(resource=resource, by=staff, reason="   ")
    assert refused.value.code == "reason_required"
    resource.refresh_from_db()
    assert resource.status == S.SUGGESTED


def test_members_cannot_move_their_own_suggestion(member):
    resource = _make(S.SUGGESTED, member)
    for move in MOVES.values():
        with pytest.raises(DomainError):
            move(resource, member)
    resource.refresh_from_db()
    assert resource.status == S.SUGGESTED


def test_suggesting_tells_staff_and_the_decision_tells_the_suggester(member, staff):
    resource = services.resource_suggest(
        by=member,
        title="Guida alle comunità energetiche",
        summary="Come costituirne una.",
        kind="guide",
        area="funding",
        url="https://example.org/cer",
    )
    assert Notification.objects.filter(
        kind="community.toolbox_suggestion_received", recipient=staff
    ).exists()
    assert [e.action for e in audit_events_for(resource)] == [
        "community.toolbox.resource.suggested"
    ]
    services.resource_publish(resource=resource, by=staff)
    told = Notification.objects.get(kind="community.toolbox_suggestion_published")
    assert told.recipient == member
    other = services.resource_suggest(
        by=member, title="Il mio blog", summary="Articoli.", kind="guide", area="funding",
        url="https://example.org/blog",
    )  # fmt: skip
    services.resource_reject(resource=other, by=staff, reason="Non è una risorsa per tutti.")
    rejected = Notification.objects.get(kind="community.toolbox_suggestion_rejected")
    assert rejected.recipient == member
    assert "Non è una risorsa per tutti." in rejected.context["reason"]
    other.refresh_from_db()
    assert other.rejected_by == staff and other.rejection_reason == "Non è una risorsa per tutti."


def test_publishing_an_archived_resource_again_does_not_notify(member, staff):
    resource = _make(S.ARCHIVED, member)
    services.resource_publish(resource=resource, by=staff)
    assert not Notification.objects.filter(kind="community.toolbox_suggestion_published").exists()


def test_staff_reject_in_the_admin_with_a_reason(staff_client, member):
    resource = _make(S.SUGGESTED, member)
    url = reverse("admin:community_resource_changelist")
    response = staff_client.post(
        url,
        {"action": "reject", "_selected_action": [resource.pk], "apply": "1", "reason": "Doppione"},
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == S.REJECTED and resource.rejection_reason == "Doppione"


def test_staff_publish_in_the_admin(staff_client, member):
    resource = _make(S.SUGGESTED, member)
    url = reverse("admin:community_resource_changelist")
    staff_client.post(url, {"action": "publish", "_selected_action": [resource.pk], "apply": "1"})
    resource.refresh_from_db()
    assert resource.status == S.PUBLISHED
    # a refused move in the admin is a message, not a 500
    response = staff_client.post(
        url, {"action": "publish", "_selected_action": [resource.pk], "apply": "1"}, follow=True
    )
    assert response.status_code == 200
    resource.refresh_from_db()
    assert resource.status == S.PUBLISHED


def test_staff_add_a_resource_in_the_admin_published_at_once(staff_client, staff):
    response = staff_client.post(
        reverse("admin:community_resource_add"),
        {
            "title": "Guida al bilancio sociale",
            "summary": "Le linee guida spiegate.",
            "description": "",
            "kind": "guide",
            "area": "administration",
            "tag_list": "bilancio sociale",
            "language": "it",
            "audience": "everyone",
            "target": "all",
            "url": "https://example.org/bilancio",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    resource = Resource.objects.get()
    assert resource.status == S.PUBLISHED and resource.published_by == staff
    assert [t.name for t in resource.tags.all()] == ["bilancio sociale"]
    assert resource.search_vector is not None


def test_the_admin_refuses_a_javascript_link(staff_client):
    response = staff_client.post(
        reverse("admin:community_resource_add"),
        {"title": "X", "summary": "Y", "kind": "guide", "area": "digital", "language": "it",
         "audience": "everyone", "target": "all", "url": "javascript:alert(1)"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "url" in response.context["adminform"].form.errors
    assert not Resource.objects.exists()


def test_people_without_the_permission_have_no_admin(client, member):
    client.force_login(UserFactory(is_staff=True))  # staff flag without the Staff group
    response = client.get(reverse("admin:community_resource_changelist"))
    assert response.status_code in (302, 403)


def test_the_admin_pages_open_for_staff(staff_client, member):
    resource = _make(S.SUGGESTED, member)
    resource_make(upload=("guida.pdf", b"%PDF-1.4 test"))
    changelist = reverse("admin:community_resource_changelist")
    assert staff_client.get(changelist).status_code == 200
    assert staff_client.get(changelist, {"status__exact": "suggested"}).status_code == 200
    change = reverse("admin:community_resource_change", args=[resource.pk])
    page = staff_client.get(change)
    assert page.status_code == 200
    assert staff_client.get(reverse("admin:community_resource_add")).status_code == 200


def test_staff_edit_a_resource_in_the_admin_and_it_is_audited(staff_client, staff):
    resource = resource_make(title="Titolo vecchio", tags=["vecchia"])
    response = staff_client.post(
        reverse("admin:community_resource_change", args=[resource.pk]),
        {"title": "Guida aggiornata alla privacy", "summary": "Nuova versione.",
         "description": "", "kind": "guide", "area": "digital", "tag_list": "privacy, gdpr",
         "language": "it", "audience": "members", "target": "all",
         "url": "https://example.org/privacy"},
    )  # fmt: skip
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Guida aggiornata alla privacy"
    assert resource.status == S.PUBLISHED  # the status is not edited by hand
    assert sorted(t.name for t in resource.tags.all()) == ["gdpr", "privacy"]
    assert "community.toolbox.resource.changed" in [e.action for e in audit_events_for(resource)]
    from community.toolbox.selectors import resource_list

    _f, found = resource_list(params="q=privacy", user=staff)
    assert [r.pk for r in found] == [resource.pk]  # the search vector followed the edit
