"""Abuse limits (issue 17), proven with the real cache: every test here points the cache at Redis
(TEST_REDIS_URL's server, database 7, a key prefix of its own, its keys deleted afterwards; the
shared database 0 is never touched).

- posts: discussions started, replies and comments on proposals (coopportal.core.ratelimit,
  "posts"); applications to funding calls ("applications"): past the budget, the 429 page with
  the reason and nothing written; a refused form does not use the budget;
- contact requests: a burst limit in the cache ("contacts": 5 in ten minutes, the 429 page) and
  MATCHING_CONTACTS_PER_DAY, counted in the database (tests/matching/test_contacts.py proves it
  in detail; here, through the view, with Redis as the cache);
- sign-ups and login failures: allauth's ACCOUNT_RATE_LIMITS, on the portal's login and on the
  admin's (which hands over to it); the lock-out says why, outlives a right password and ends
  by itself when its window passes;
- the second factor: every URL the resolver has under /admin/ and /board/ sends staff, board
  members and superusers without an authenticator app to enrol; no admin or board URL name is
  mounted outside those two prefixes.
"""

import re
import secrets
import time
import uuid
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.html import escape

from calls.models import Application
from coopportal.accounts.models import BOARD_GROUP, STAFF_GROUP
from coopportal.core import ratelimit
from matching.models import ContactRequest
from tests.calls.factories import FundingCallFactory
from tests.factories import PASSWORD, UserFactory
from tests.workgroups.factories import (
    MembershipFactory,
    ProposalFactory,
    ThreadFactory,
)
from workgroups.models import Post, ProposalComment, Thread

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
MFA = reverse("mfa_activate_totp")
User = get_user_model()


def _redis_location(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/7"


@pytest.fixture(autouse=True)
def redis_cache(settings, redis_url):
    """The cache is Redis (database 7, a prefix of this run); its keys are deleted afterwards."""
    prefix = f"abuse-{secrets.token_hex(4)}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_location(redis_url),
            "KEY_PREFIX": prefix,
        }
    }
    client = cache._cache.get_client()
    yield client, prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def redis_keys(redis_cache, part):
    client, prefix = redis_cache
    return [key for key in client.scan_iter(f"{prefix}:*") if part in key.decode()]


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def refused_for_abuse(response, scope):
    """The 429 page, with the reason (in Italian, the person's language)."""
    assert response.status_code == 429
    with translation.override("it"):
        words = escape(str(ratelimit.MESSAGES[scope]))
    assert words in response.content.decode()


# --- posts in the working groups -------------------------------------------------------------


@pytest.fixture
def membership():
    return MembershipFactory()


def test_replies_past_the_budget_get_429_and_write_nothing(settings, redis_cache, membership):
    settings.PORTAL_RATE_LIMITS = {"posts": (3, 3600)}
    group, group_member = membership.group, membership.user
    thread = ThreadFactory(group=group, created_by=group_member)
    client = client_for(group_member)
    url = thread.get_absolute_url()
    for n in range(3):
        assert client.post(url, {"body": f"Risposta {n}"}).status_code == 302
    before = Post.objects.count()
    response = client.post(url, {"body": "Una di troppo"})
    refused_for_abuse(response, "posts")
    assert Post.objects.count() == before
    assert redis_keys(redis_cache, "portal-ratelimit:posts")  # counted in Redis
    # another member of the group still writes
    other = MembershipFactory(group=group).user
    assert client_for(other).post(url, {"body": "Io posso"}).status_code == 302


def test_a_refused_form_does_not_use_the_budget(settings, membership):
    settings.PORTAL_RATE_LIMITS = {"posts": (2, 3600)}
    group, group_member = membership.group, membership.user
    thread = ThreadFactory(group=group, created_by=group_member)
    client = client_for(group_member)
    url = thread.get_absolute_url()
    for _ in range(5):
        assert client.post(url, {"body": "   "}).status_code == 400
    assert client.post(url, {"body": "Prima"}).status_code == 302
    assert client.post(url, {"body": "Seconda"}).status_code == 302
    assert client.post(url, {"body": "Terza"}).status_code == 429


def test_threads_and_proposal_comments_share_the_posts_budget(settings, membership):
    settings.PORTAL_RATE_LIMITS = {"posts": (2, 3600)}
    group, group_member = membership.group, membership.user
    proposal = ProposalFactory(group=group, published=True)
    client = client_for(group_member)
    new_thread = reverse("workgroups:thread_create", args=[group.slug])
    comment = reverse("workgroups:proposal_comment", args=[group.slug, proposal.pk])
    assert client.post(new_thread, {"title": "Tema", "body": "Apro"}).status_code == 302
    assert client.post(comment, {"body": "Commento"}).status_code == 302
    threads, comments = Thread.objects.count(), ProposalComment.objects.count()
    refused_for_abuse(client.post(new_thread, {"title": "Altro", "body": "Ancora"}), "posts")
    refused_for_abuse(client.post(comment, {"body": "Ancora"}), "posts")
    assert (Thread.objects.count(), ProposalComment.objects.count()) == (threads, comments)


def test_the_posts_budget_is_per_hour_by_default():
    assert ratelimit.budget("posts") == (30, 3600)
    assert ratelimit.budget("applications") == (10, 24 * 3600)


def test_reading_is_never_limited(settings, membership):
    settings.PORTAL_RATE_LIMITS = {"posts": (0, 3600)}
    group, group_member = membership.group, membership.user
    thread = ThreadFactory(group=group, created_by=group_member)
    assert client_for(group_member).get(thread.get_absolute_url()).status_code == 200


# --- applications to funding calls -----------------------------------------------------------


def test_applications_past_the_budget_get_429_and_write_nothing(settings, member):
    settings.PORTAL_RATE_LIMITS = {"applications": (2, 24 * 3600)}
    call = FundingCallFactory()
    client = client_for(member)
    url = reverse("calls:application_create", args=[call.pk])
    data = {"title": "Progetto", "summary": "", "requested_amount": "1000"}
    assert client.post(url, {**data, "requested_amount": "abc"}).status_code == 400
    for _ in range(2):
        assert client.post(url, data).status_code == 302
    refused_for_abuse(client.post(url, data), "applications")
    assert Application.objects.filter(lead=member).count() == 2


# --- contact requests ------------------------------------------------------------------------


def test_contact_requests_past_the_daily_limit_are_refused_on_the_form(settings):
    from tests.matching.factories import profile_make

    settings.MATCHING_CONTACTS_PER_DAY = 2
    sender = profile_make().user
    client = client_for(sender)
    others = [profile_make() for _ in range(3)]
    for profile in others[:2]:
        url = reverse("matching:contact_send", args=[profile.pk])
        assert client.post(url, {"message": "Ciao, lavoriamo insieme?"}).status_code == 302
    url = reverse("matching:contact_send", args=[others[2].pk])
    response = client.post(url, {"message": "Ciao, lavoriamo insieme?"})
    assert response.status_code == 400
    assert "24" in response.context["form"].non_field_errors()[0]
    assert ContactRequest.objects.filter(sender=sender).count() == 2


def test_a_burst_of_contact_requests_gets_429_and_writes_nothing(settings, redis_cache):
    from tests.matching.factories import profile_make

    assert ratelimit.budget("contacts") == (5, 600)
    settings.PORTAL_RATE_LIMITS = {"contacts": (2, 600)}
    sender = profile_make().user
    client = client_for(sender)
    others = [profile_make() for _ in range(3)]
    # a refused form (an empty message) does not use the budget
    empty = client.post(reverse("matching:contact_send", args=[others[0].pk]), {"message": ""})
    assert empty.status_code == 400
    for profile in others[:2]:
        url = reverse("matching:contact_send", args=[profile.pk])
        assert client.post(url, {"message": "Ciao, lavoriamo insieme?"}).status_code == 302
    url = reverse("matching:contact_send", args=[others[2].pk])
    refused_for_abuse(client.post(url, {"message": "Ciao, lavoriamo insieme?"}), "contacts")
    assert ContactRequest.objects.filter(sender=sender).count() == 2
    assert redis_keys(redis_cache, "contacts")
    # reading the form is never limited; another person still sends
    assert client.get(url).status_code == 200
    other = client_for(profile_make().user)
    assert other.post(url, {"message": "Ciao!"}).status_code == 302


# --- sign-ups and logins (allauth) -----------------------------------------------------------


def sign_up_data(email):
    return {
        "email": email,
        "first_name": "Ada",
        "last_name": "Rossi",
        "language": "it",
        "accept_terms": "on",
        "password1": "Una-password-lunga-1",
        "password2": "Una-password-lunga-1",
    }


def test_sign_ups_past_the_limit_from_one_address_get_429(settings, redis_cache):
    assert settings.ACCOUNT_RATE_LIMITS["signup"] == "20/m/ip"
    client = Client()
    url = reverse("account_signup")
    answers = []
    for n in range(21):
        answers.append(
            client.post(
                url,
                sign_up_data(f"persona{n}-{uuid.uuid4().hex[:6]}@example.org"),
            ).status_code
        )
    assert answers[:20] == [302] * 20
    assert answers[20] == 429
    assert User.objects.filter(email__startswith="persona").count() == 20
    assert redis_keys(redis_cache, "signup")
    # another address signs up
    other = Client(REMOTE_ADDR="10.0.0.9")
    response = other.post(url, sign_up_data("altra@example.org"))
    assert response.status_code == 302


def admin_login_url(client):
    response = client.get(reverse("admin:index"), follow=True)
    return response.request["PATH_INFO"] + "?" + response.request["QUERY_STRING"]


@pytest.mark.parametrize("route", ["portal", "admin"])
def test_login_lock_out_after_five_failures_holds_with_redis(route, redis_cache):
    person = UserFactory(staff=True, groups=[STAFF_GROUP])
    client = Client()
    url = LOGIN if route == "portal" else admin_login_url(client)
    assert urlsplit(url).path == LOGIN  # the admin's login is the portal's
    wrong = {"login": person.email, "password": "sbagliata-123"}
    pages = [client.post(url, wrong).content.decode() for _ in range(6)]
    assert "Troppi tentativi di accesso" not in pages[4]
    assert "Troppi tentativi di accesso" in pages[5]
    assert redis_keys(redis_cache, "login_failed")
    client.post(url, {"login": person.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    # from another address too: the limit is on the account ("key")
    elsewhere = Client(REMOTE_ADDR="10.0.0.8")
    elsewhere.post(LOGIN, {"login": person.email, "password": PASSWORD})
    assert "_auth_user_id" not in elsewhere.session
    # once the lock-out is over (its keys gone), the right password works
    for key in redis_keys(redis_cache, "login_failed"):
        redis_cache[0].delete(key)
    elsewhere.post(LOGIN, {"login": person.email, "password": PASSWORD})
    assert elsewhere.session["_auth_user_id"] == str(person.pk)


# --- the second factor on every route into the admin and the board area -------------------------

SAMPLE = {"int": "1", "slug": "x", "str": "x", "path": "1", "uuid": str(uuid.uuid4())}


def _sample_path(route: str) -> str:
    """A concrete path for a route (`<int:pk>` → 1, `<slug:slug>` → x …; a regex route's groups →
    x)."""
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE[m.group(1) or "str"], route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "x", route)
    return route.lstrip("^").rstrip("$").replace("\\", "")


def routes_under(prefix):
    """Every pattern of the resolver whose path starts with `prefix`, as a concrete path."""
    found = set()

    def walk(patterns, base):
        for pattern in patterns:
            here = base + _sample_path(str(pattern.pattern))
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, here)
            elif isinstance(pattern, URLPattern) and ("/" + here).startswith(prefix):
                found.add("/" + here)

    walk(get_resolver().url_patterns, "")
    return sorted(found)


ADMIN_ROUTES = routes_under("/admin/")
BOARD_ROUTES = routes_under("/board/")


def test_the_enumeration_finds_the_admin_and_the_board_area():
    assert len(ADMIN_ROUTES) > 50 and "/admin/" in ADMIN_ROUTES
    assert "/admin/accounts/user/1/change/" in ADMIN_ROUTES
    assert len(BOARD_ROUTES) > 5 and "/board/" in BOARD_ROUTES


@pytest.mark.parametrize(
    "role",
    ["staff", "board", "superuser"],
)
def test_every_admin_and_board_route_sends_a_role_without_a_second_factor_to_enrol(role):
    makers = {
        "staff": lambda: UserFactory(staff=True, groups=[STAFF_GROUP]),
        "board": lambda: UserFactory(member=True, groups=[BOARD_GROUP]),
        "superuser": lambda: UserFactory(is_staff=True, is_superuser=True),
    }
    client = client_for(makers[role]())
    logout = reverse("admin:logout")
    leaks = {}
    for path in ADMIN_ROUTES + BOARD_ROUTES:
        if path == logout:
            continue
        for method in ("get", "post") if role == "staff" else ("get",):
            response = getattr(client, method)(path)
            if not (response.status_code == 302 and urlsplit(response.url).path == MFA):
                leaks[f"{method.upper()} {path}"] = response.status_code
    assert not leaks, f"routes reached without a second factor: {leaks}"


def test_the_lock_out_says_why_and_ends_when_its_period_is_over(settings, redis_cache):
    """The lock-out is a sliding window in Redis: with a 2-second window (5 minutes in the
    settings), the account opens again by itself once the failures are older than the window; a
    right password inside the window does not wipe the failures (an attacker cannot reset them)."""
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed": "10/m/ip,3/2s/key",
    }
    person = UserFactory()
    client = Client()
    wrong = {"login": person.email, "password": "sbagliata-123"}
    right = {"login": person.email, "password": PASSWORD}
    client.post(LOGIN, wrong)
    client.post(LOGIN, wrong)
    client.post(LOGIN, right)  # in: its attempt is given back, the two failures stay
    assert client.session["_auth_user_id"] == str(person.pk)
    client.logout()
    client.post(LOGIN, wrong)  # the third failure in the window
    page = client.post(LOGIN, right).content.decode()
    assert "Troppi tentativi di accesso" in page  # what happened, in the person's language
    assert "_auth_user_id" not in client.session
    time.sleep(2.2)  # the window passes
    client.post(LOGIN, right)
    assert client.session["_auth_user_id"] == str(person.pk)


def named_routes(namespace):
    """Every URL name of the resolver in `namespace` ("admin:…", "board:…", nested ones too),
    with a concrete path — wherever in the URL tree it is mounted."""
    found = {}

    def walk(patterns, base, namespaces):
        for pattern in patterns:
            here = base + _sample_path(str(pattern.pattern))
            if isinstance(pattern, URLResolver):
                inner = [*namespaces, pattern.namespace] if pattern.namespace else namespaces
                walk(pattern.url_patterns, here, inner)
            elif namespaces[:1] == [namespace] and pattern.name:
                found[":".join([*namespaces, pattern.name])] = "/" + here

    walk(get_resolver().url_patterns, "", [])
    return found


@pytest.mark.parametrize(("namespace", "prefix"), [("admin", "/admin/"), ("board", "/board/")])
def test_no_admin_or_board_view_is_mounted_outside_the_guarded_prefixes(namespace, prefix):
    """By URL name, not by path: the middleware guards the two prefixes, so an admin or board
    view mounted anywhere else would escape the second factor — none is."""
    routes = named_routes(namespace)
    assert len(routes) > (50 if namespace == "admin" else 5)
    outside = {name: path for name, path in routes.items() if not path.startswith(prefix)}
    assert not outside, f"{namespace} views outside {prefix}: {outside}"


def test_board_views_send_posts_and_htmx_requests_without_a_second_factor_to_enrol():
    """The board area's views by URL name, for the requests the test above does not send (it
    sends GET and POST to every admin and board path)."""
    staff = client_for(UserFactory(staff=True, groups=[STAFF_GROUP]))
    board = client_for(UserFactory(member=True, groups=[BOARD_GROUP]))
    htmx = {"HX-Request": "true"}
    requests = [("board POST", board.post, {}), ("board htmx", board.get, htmx)]
    requests.append(("staff htmx", staff.get, htmx))
    leaks = {}
    for name, path in named_routes("board").items():
        for label, send, headers in requests:
            response = send(path, headers=headers)
            if not (response.status_code == 302 and urlsplit(response.url).path == MFA):
                leaks[f"{label} {name}"] = response.status_code
    assert not leaks, f"reached without a second factor: {leaks}"
