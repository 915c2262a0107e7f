"""Security headers on real responses: a Content-Security-Policy with a nonce per response and
no 'unsafe-inline', and `Cache-Control: private, no-store` for whoever is logged in."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from tests.core.test_uploads import PDF
from tests.factories import UserFactory
from tests.helpers.html import elements
from tests.workgroups.factories import (
    MeetingFactory,
    MembershipFactory,
    PhaseFactory,
    ProposalFactory,
    WorkingGroupFactory,
)
from tests.workgroups.test_documents import add as add_document
from tests.workgroups.test_documents import body as document_body

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response.headers.get(CSP, "").split(";"):
        if part.strip():
            name, *values = part.split()
            directives[name] = values
    return directives


def header_nonce(response) -> str:
    found = [v for v in policy(response).get("script-src", []) if v.startswith("'nonce-")]
    assert len(found) == 1, response.headers.get(CSP)
    return found[0][len("'nonce-") : -1]


def cache_control(response) -> set[str]:
    value = response.headers.get("Cache-Control", "")
    return {part.strip().lower() for part in value.split(",") if part.strip()}


def html(response) -> str:
    return response.content.decode()


# --- the policy --------------------------------------------------------------------------------


def test_the_policy_allows_the_portal_and_nothing_inline(client):
    response = client.get(reverse("core:home"))
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"][0] == "'self'"
    assert len(directives["script-src"]) == 2  # 'self' and this response's nonce
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    header = response.headers[CSP]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    assert "*" not in header and "http" not in header


def test_each_response_gets_its_own_nonce(client):
    first = header_nonce(client.get(reverse("core:home")))
    second = header_nonce(client.get(reverse("core:home")))
    assert len(first) >= 16 and first != second


@pytest.fixture
def portal_pages(member, board):
    """Pages of every kind, with the person who sees them (None: a visitor)."""
    group = WorkingGroupFactory()
    MembershipFactory(group=group, user=member)
    PhaseFactory(group=group)
    proposal = ProposalFactory(group=group, published=True)
    meeting = MeetingFactory(group=group)
    return [
        (None, reverse("core:home")),
        (None, reverse("account_login")),
        (None, reverse("account_signup")),
        (member, reverse("core:dashboard")),
        (member, reverse("notifications:list")),
        (member, group.get_absolute_url()),
        (member, reverse("workgroups:proposal_detail", args=[group.slug, proposal.pk])),
        (member, reverse("workgroups:proposal_create", args=[group.slug])),
        (member, reverse("workgroups:meeting_detail", args=[group.slug, meeting.pk])),
        (member, reverse("account_email")),
        (board, reverse("board:index")),
        (board, reverse("board:figures")),
    ]


def test_every_script_of_every_page_carries_the_nonce_of_its_header(portal_pages):
    for user, url in portal_pages:
        client = Client()
        if user:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        nonce = header_nonce(response)
        scripts = elements(html(response), "script")
        assert scripts, url
        for script in scripts:
            if script.attrs.get("src") in ALLAUTH_FILES or is_data(script):
                continue
            assert script.attrs.get("nonce") == nonce, (url, script.attrs)


# allauth's e-mail page loads two files of its own without a nonce: same origin, so 'self' lets
# them run; its JSON block is data, which the policy does not govern.
ALLAUTH_FILES = {"/static/account/js/account.js", "/static/account/js/onload.js"}


def is_data(script):
    return script.attrs.get("type") == "application/json" and not script.attrs.get("src")


def test_htmx_is_told_not_to_inject_styles_or_evaluate_code(client):
    metas = [
        m for m in elements(html(client.get("/")), "meta") if m.attrs.get("name") == "htmx-config"
    ]
    assert len(metas) == 1
    assert '"includeIndicatorStyles": false' in metas[0].attrs["content"]
    assert '"allowEval": false' in metas[0].attrs["content"]


@pytest.fixture
def superuser_client(staff, staff_client):
    """The staff person made a superuser, to reach every admin page (beat's periodic tasks)."""
    staff.is_superuser = True
    staff.save(update_fields=["is_superuser"])
    return staff_client


def test_admin_pages_are_under_the_policy_and_their_inline_scripts_carry_the_nonce(
    superuser_client,
):
    group = WorkingGroupFactory()
    PhaseFactory(group=group)
    task = PeriodicTask.objects.filter(crontab__isnull=False).first()
    assert task is not None  # the beat jobs the migrations create
    pages = [
        reverse("admin:index"),
        reverse("admin:workgroups_workinggroup_changelist"),
        reverse("admin:workgroups_workinggroup_change", args=[group.pk]),
        reverse("admin:workgroups_workinggroup_add"),
        reverse("admin:django_celery_beat_periodictask_change", args=[task.pk]),
    ]
    for url in pages:
        response = superuser_client.get(url)
        assert response.status_code == 200, url
        assert "'unsafe-inline'" not in response.headers[CSP]
        inline = [
            s
            for s in elements(html(response), "script")
            if not s.attrs.get("src") and not is_data(s)
        ]
        if inline:
            nonce = header_nonce(response)
            for script in inline:
                assert script.attrs.get("nonce") == nonce, (url, script.text[:80])
        assert not INLINE_HANDLER.search(html(response)), url
        assert not STYLE_ATTRIBUTE.search(html(response)), url


def test_a_reported_post_reads_in_the_admin_without_inline_styles(staff_client):
    from tests.workgroups.factories import PostFactory
    from workgroups.models import PostReport

    post = PostFactory(body="Prima riga\n\nSeconda <b>riga</b>")
    report = PostReport.objects.create(post=post, reporter=UserFactory(member=True), reason="Spam")
    response = staff_client.get(reverse("admin:workgroups_postreport_change", args=[report.pk]))
    assert response.status_code == 200
    page = html(response)
    assert "<p>Prima riga</p>" in page and "Seconda &lt;b&gt;riga&lt;/b&gt;" in page
    assert not STYLE_ATTRIBUTE.search(page)


# --- no inline code in the templates or in HTML written by Python -----------------------------

INLINE_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.DOTALL)
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.DOTALL)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# E-mails (read in mail clients) and PDFs (WeasyPrint) are never pages under the policy.
NOT_PAGES = ("emails", "email", "pdf")
CODE = [
    Path(settings.BASE_DIR) / name
    for name in ("coopportal", "board", "workgroups", "calls", "training", "matching")
]


def page_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        if not set(path.relative_to(TEMPLATES).parts[:-1]) & set(NOT_PAGES):
            yield path


def test_the_scan_sees_the_templates_and_catches_what_it_looks_for():
    assert len(list(page_templates())) > 50
    assert INLINE_HANDLER.search('<button class="btn"\n onclick="go()">')
    assert STYLE_ATTRIBUTE.search('<div class="progress-bar" style="width: 5%">')
    assert not STYLE_ATTRIBUTE.search("<div>{% block style %}</div>")
    assert JAVASCRIPT_URL.search('<a href="javascript:void(0)">')


def test_no_template_has_inline_handlers_styles_or_scripts_without_the_nonce():
    problems = []
    for path in page_templates():
        text = path.read_text()
        name = path.relative_to(TEMPLATES)
        if INLINE_HANDLER.search(text):
            problems.append(f"{name}: inline event handler")
        if JAVASCRIPT_URL.search(text):
            problems.append(f"{name}: javascript: URL")
        if STYLE_ATTRIBUTE.search(text):
            problems.append(f"{name}: style attribute (use a class in static/css/portal.css)")
        for tag in SCRIPT_TAG.findall(text):
            # 500.html renders with no context, so with no nonce: a file of the portal's own
            # (script-src 'self') is all it may load
            if str(name) == "500.html" and "src=" in tag:
                continue
            if 'type="application/json"' not in tag and 'nonce="{{ CSP_NONCE }}"' not in tag:
                problems.append(f"{name}: {tag} without the nonce")
    assert problems == []


def test_no_python_code_writes_inline_handlers_styles_or_scripts():
    problems = []
    for root in CODE:
        for path in sorted(root.rglob("*.py")):
            if "migrations" in path.parts:
                continue
            text = path.read_text()
            for pattern in (INLINE_HANDLER, STYLE_ATTRIBUTE, JAVASCRIPT_URL, SCRIPT_TAG):
                if pattern.search(text):
                    problems.append(f"{path.relative_to(settings.BASE_DIR)}: {pattern.pattern}")
    assert problems == []


# --- Cache-Control -----------------------------------------------------------------------------


def test_anonymous_public_pages_stay_cacheable(client):
    for name in ("core:home", "workgroups:index", "board:answer_list"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert not {"private", "no-store"} & cache_control(response), name


def test_pages_for_logged_in_people_are_private_and_not_stored(member_client, board_client):
    for client, name in [
        (member_client, "core:home"),
        (member_client, "core:dashboard"),
        (member_client, "workgroups:index"),
        (board_client, "board:index"),
    ]:
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert {"private", "no-store"} <= cache_control(response), name
        assert "public" not in cache_control(response)


def test_htmx_fragments_and_redirects_for_logged_in_people_are_not_stored(member_client, member):
    response = member_client.post(reverse("notifications:mark_all_read"))
    assert response.status_code in (200, 204, 302)
    assert {"private", "no-store"} <= cache_control(response)


def test_admin_pages_are_private_and_not_stored(staff_client):
    response = staff_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)


def test_a_file_download_still_works_and_is_not_stored_for_a_logged_in_person(client, member):
    group = WorkingGroupFactory()
    coordinator = MembershipFactory(group=group, coordinator=True).user
    document = add_document(group, coordinator, is_public=True)
    url = reverse("workgroups:document_download", args=[group.slug, document.pk])
    anonymous = client.get(url)
    assert anonymous.status_code == 200 and document_body(anonymous) == PDF
    assert not {"private", "no-store"} & cache_control(anonymous)  # public, as before
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert document_body(response) == PDF
    assert {"private", "no-store"} <= cache_control(response)
