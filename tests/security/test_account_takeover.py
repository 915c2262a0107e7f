"""Issue 9, item 1: staff could take over any account from the admin (set the superuser's password,
change the e-mail of a board member…). Permission matrix — actor × target × operation — asserting
the status code and that a refused request wrote nothing."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from coopportal.accounts import permissions
from coopportal.accounts.models import User
from coopportal.core.models import AuditEvent
from tests.factories import PASSWORD, UserFactory, board_user, staff_user, superuser_user

pytestmark = pytest.mark.django_db

ACTORS = ["staff", "superuser"]
TARGETS = ["participant", "member", "staff", "board", "superuser", "self"]
NEW_PASSWORD = "presa-di-possesso-2026"
CHANGELIST = reverse("admin:accounts_user_changelist")


def may_manage(actor, target):
    """What the issue asks: superusers manage everyone, staff only participants and members."""
    return actor == "superuser" or target in {"participant", "member"}


def superuser(**kwargs):
    return superuser_user(member=True, **kwargs)


@pytest.fixture
def world():
    """Every kind of account (each a verified member but the participant, so that ending a
    membership changes something), and a logged-in client per actor."""
    people = {
        "participant": UserFactory(),
        "member": UserFactory(member=True),
        "staff": staff_user(member=True),
        "board": board_user(),
        "superuser": superuser(),
        "actor:staff": staff_user(member=True),
        "actor:superuser": superuser(),
    }

    def setup(actor, target):
        acting = people[f"actor:{actor}"]
        client = Client()
        client.force_login(acting)
        return client, acting, (acting if target == "self" else people[target])

    return setup


def snapshot():
    """Every account and every group membership, as the database holds them."""
    users = list(User.objects.order_by("pk").values())
    memberships = sorted(User.groups.through.objects.values_list("user_id", "group_id"))
    return users, memberships


def row(user):
    return User.objects.filter(pk=user.pk).values().first()


def change_data(actor, target):
    """A change form filled in by someone taking over the account: new e-mail and names,
    `is_active` unticked; a superuser's form also carries the roles, left as they are."""
    data = {
        "email": f"presa-{target.pk}@example.org",
        "first_name": "Preso",
        "last_name": "Possesso",
        "language": "en",
        "province": "",
    }
    if actor.is_superuser:
        data["groups"] = list(target.groups.values_list("pk", flat=True))
        data.update({k: "on" for k in ("is_staff", "is_superuser") if getattr(target, k)})
    return data


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("target", TARGETS)
def test_change_page_is_editable_only_for_accounts_the_actor_may_manage(world, actor, target):
    client, _, person = world(actor, target)
    url = reverse("admin:accounts_user_change", args=[person.pk])
    response = client.get(url)
    assert response.status_code == 200  # view-only at most
    assert response.context["has_change_permission"] is may_manage(actor, target)
    assert ('name="first_name"' in response.content.decode()) is may_manage(actor, target)
    # the e-mail is the key to the account (a reset e-mail goes there): superusers only
    assert ('name="email"' in response.content.decode()) is (actor == "superuser")
    # the password is set only by superusers: the field and its link are not offered to staff
    offered = "../password/" in response.content.decode()
    assert offered is (actor == "superuser")
    assert ("password" in response.context["adminform"].form.fields) is (actor == "superuser")


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("target", TARGETS)
def test_change_post_of_email_active_and_names(world, actor, target):
    client, acting, person = world(actor, target)
    before = snapshot()
    data = change_data(acting, person)
    response = client.post(reverse("admin:accounts_user_change", args=[person.pk]), data)
    if may_manage(actor, target):
        assert response.status_code == 302
        after = row(person)
        assert (after["email"], after["first_name"], after["last_name"]) == (
            data["email"] if actor == "superuser" else person.email,
            "Preso",
            "Possesso",
        )
        assert after["is_active"] is False
        # the roles are untouched
        assert (after["is_staff"], after["is_superuser"]) == (person.is_staff, person.is_superuser)
    else:
        assert response.status_code == 403
        assert snapshot() == before


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("target", TARGETS)
def test_password_view_is_for_superusers_only(world, actor, target):
    client, _, person = world(actor, target)
    url = reverse("admin:auth_user_password_change", args=[person.pk])
    before = snapshot()
    get = client.get(url)
    post = client.post(
        url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    )
    person.refresh_from_db()
    if actor == "superuser":
        assert (get.status_code, post.status_code) == (200, 302)
        assert person.check_password(NEW_PASSWORD)
    else:
        assert (get.status_code, post.status_code) == (403, 403)
        assert snapshot() == before
        assert person.check_password(PASSWORD)
        assert not Client().login(email=person.email, password=NEW_PASSWORD)


def test_staff_are_refused_the_password_view_even_for_an_unknown_account(staff_client):
    url = reverse("admin:auth_user_password_change", args=[999999])
    assert staff_client.get(url).status_code == 403


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("target", TARGETS)
def test_delete_is_for_superusers_only(world, actor, target):
    client, _, person = world(actor, target)
    url = reverse("admin:accounts_user_delete", args=[person.pk])
    before = snapshot()
    get = client.get(url)
    post = client.post(url, {"post": "yes"})
    if actor == "superuser":
        assert (get.status_code, post.status_code) == (200, 302)
        assert not User.objects.filter(pk=person.pk).exists()
    else:
        assert (get.status_code, post.status_code) == (403, 403)
        assert snapshot() == before


@pytest.mark.parametrize("actor", ACTORS)
def test_adding_an_account_with_a_password_is_for_superusers_only(world, actor):
    client, _, _ = world(actor, "self")
    url = reverse("admin:accounts_user_add")
    before = snapshot()
    get = client.get(url)
    post = client.post(
        url, {"email": "nuova@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    if actor == "superuser":
        assert (get.status_code, post.status_code) == (200, 302)
        assert User.objects.get(email="nuova@example.org").check_password(NEW_PASSWORD)
    else:
        assert (get.status_code, post.status_code) == (403, 403)
        assert snapshot() == before


def test_staff_are_not_offered_the_add_button(staff_client):
    response = staff_client.get(CHANGELIST)
    assert response.context["has_add_permission"] is False


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("target", TARGETS)
def test_revoke_membership_action_skips_protected_accounts(world, actor, target):
    client, _, person = world(actor, target)
    before = snapshot()
    data = {"action": "revoke_membership", ACTION_CHECKBOX_NAME: [person.pk], "apply": "1"}
    with translation.override("en"):
        response = client.post(CHANGELIST, {**data, "reason": "Recesso"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code in (200, 302)
    after = row(person)
    if target == "participant":  # not a member: nothing to end
        assert snapshot() == before
    elif may_manage(actor, target):
        assert after["membership_verified_at"] is None
    else:
        assert snapshot() == before
        assert any(
            person.email in m and ("skipped" in m.lower() or "saltati" in m.lower())
            for m in texts(response)
        )


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("target", TARGETS)
def test_password_reset_action_sends_allauth_reset_email(world, actor, target):
    client, _, person = world(actor, target)
    before = snapshot()
    response = client.post(
        CHANGELIST, {"action": "send_password_reset", ACTION_CHECKBOX_NAME: [person.pk]}
    )
    assert response.status_code == 302
    # the e-mail sets nothing by itself: no account changed
    assert snapshot() == before
    if may_manage(actor, target):
        assert [m.to for m in mail.outbox] == [[person.email]]
        assert "/accounts/password/reset/key/" in mail.outbox[0].body
    else:
        assert mail.outbox == []
        assert any(person.email in m for m in texts(response))


def test_password_reset_link_from_the_action_lets_the_person_choose_a_password(
    staff_client, member
):
    import re

    staff_client.post(
        CHANGELIST, {"action": "send_password_reset", ACTION_CHECKBOX_NAME: [member.pk]}
    )
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    client = Client()
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(
        action="accounts.user.password_reset_sent", object_id=str(member.pk)
    ).exists()


def test_password_reset_action_refuses_an_inactive_account(staff_client):
    gone = UserFactory(is_active=False)
    response = staff_client.post(
        CHANGELIST, {"action": "send_password_reset", ACTION_CHECKBOX_NAME: [gone.pk]}
    )
    assert mail.outbox == []
    assert any(gone.email in m for m in texts(response))


@pytest.mark.parametrize("actor", ACTORS)
def test_delete_selected_action_is_for_superusers_only(world, actor):
    client, _, person = world(actor, "member")
    before = snapshot()
    client.post(
        CHANGELIST,
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [person.pk], "post": "yes"},
    )
    if actor == "superuser":
        assert not User.objects.filter(pk=person.pk).exists()
    else:
        assert snapshot() == before


# The rule itself, for the services and views that change accounts outside the admin.


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("target", TARGETS)
def test_can_manage_account_predicate(world, actor, target):
    _, acting, person = world(actor, target)
    assert permissions.can_manage_account(acting, person) is may_manage(actor, target)
    assert permissions.can_set_password(acting) is (actor == "superuser")


def test_an_inactive_superuser_is_still_protected(staff):
    dormant = superuser(is_active=False)
    assert not permissions.can_manage_account(staff, dormant)


def test_a_member_of_the_board_group_without_membership_is_protected(staff):
    person = UserFactory()
    person.groups.add(Group.objects.get(name="Board"))
    assert not permissions.can_manage_account(staff, person)


@pytest.mark.parametrize("target", ["staff", "board", "superuser"])
def test_profile_service_refuses_staff_on_protected_accounts(world, target):
    from coopportal.accounts import services
    from coopportal.accounts.exceptions import MembershipError

    _, acting, person = world("staff", target)
    with pytest.raises(MembershipError):
        services.user_update_profile(user=person, by=acting, first_name="Preso")
    assert row(person)["first_name"] == person.first_name


@pytest.mark.parametrize("target", ["staff", "board", "superuser"])
def test_revoke_service_refuses_staff_on_protected_accounts(world, target):
    from coopportal.accounts import services
    from coopportal.accounts.exceptions import MembershipError

    _, acting, person = world("staff", target)
    with pytest.raises(MembershipError) as exc:
        services.membership_revoke(user=person, by=acting, reason="Recesso")
    assert exc.value.code == "protected_account"
    assert row(person)["membership_verified_at"] is not None
