"""Hostile input to every form and POST endpoint of the portal (issue 17), with hypothesis.

The targets are discovered, not listed: every row of the permission matrix
(`tests/security/permission_matrix.py`), with its objects and people (`test_hostile_queries`'s
data, `test_permission_matrix`'s roles). A page is fetched as a role the matrix lets see it and
each `<form method="post">` on it is parsed (inputs, selects and their options, textareas,
checkboxes, submit buttons, file inputs given a tiny file); a POST-only endpoint is sent the fields
its view reads from `request.POST` (watched while an empty form is posted). Each form then gets
hypothesis examples (deterministic, few): plausible values, the corpus below, random text, huge
strings, NUL bytes, wrong types, invalid choices, other people's object ids, fields missing,
duplicated or added, the form sent as JSON or as an htmx request. Never a 5xx; and when the input
is refused (4xx, the form shown again with errors, or a redirect with a warning) no row of any
table is written: the tables the request touched (`pg_stat_xact_user_tables`) are compared —
rows and contents — before and after (the session table aside: it is the visit, not the data).

XSS: each form with text fields is sent the corpus in them (a second try puts plausible values in
the fields that refused it); where it is accepted, the page it leads to and the form's page run
none of it. Then every written text column of every row of the portal's apps — what members write
through the forms and what staff write in the admin: profiles, practices, toolbox resources,
course and space descriptions, calls… — is set to the corpus and every page of the matrix is
read as four roles: no script of its own, no event attribute, no `javascript:` link. The four
discussion and application forms people write the most in keep their own tests below.

Forms the shared data's states do not offer are reached with objects made for them (a draft
proposal's and a draft practice's edit forms, a contact request to a new profile). Not covered
yet: a held meeting's minutes, a course's feedback form, an event's meeting request, and the
admin's own forms (Django's; the admin changelists get hostile queries in `test_hostile_queries`).
"""

import json
import logging
import re
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from calls.models import Application
from tests.calls.factories import FundingCallFactory
from tests.core.test_uploads import PDF
from tests.security import permission_matrix as matrix
from tests.security.test_hostile_queries import recording_reads
from tests.workgroups.factories import MembershipFactory, ProposalFactory, ThreadFactory
from workgroups.models import Post, ProposalComment, Thread

pytestmark = pytest.mark.django_db

XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">clic</a>',
    "[clic](javascript:alert(1))",
    "[clic](JaVaScRiPt:alert(1))",
    "![x](javascript:alert(1))",
    '[clic](" onmouseover="alert(1))',
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="&#106;avascript:alert(1)">x</a>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
]
PAYLOADS = [
    "' OR 1=1 --",
    "'; DROP TABLE workgroups_post; --",
    "\x00",
    "\x00abc\x1f\x7f",
    "x" * 100_000,
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ‮ rovescio",
    "-1",
    "1e309",
    "99999999999999999999999",
    *XSS,
]
hostile_text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.integers().map(str),
    st.floats(allow_nan=True).map(str),
)
EXAMPLES = hypothesis_settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(autouse=True)
def _quiet(settings):
    from coopportal.core.ratelimit import DEFAULTS

    settings.PORTAL_RATE_LIMITS = dict.fromkeys(DEFAULTS, (10**6, 3600))
    logger = logging.getLogger("django.request")
    logger.disabled, was = True, logger.disabled
    yield
    logger.disabled = was


@pytest.fixture
def world():
    membership = MembershipFactory()
    group, user = membership.group, membership.user
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return {
        "client": client,
        "group": group,
        "thread": ThreadFactory(group=group, created_by=user),
        "proposal": ProposalFactory(group=group, published=True),
        "call": FundingCallFactory(),
    }


def rows():
    return (
        Thread.objects.count(),
        Post.objects.count(),
        ProposalComment.objects.count(),
        Application.objects.count(),
    )


FORMS = {
    "thread_create": (
        lambda w: reverse("workgroups:thread_create", args=[w["group"].slug]),
        ("title", "body"),
    ),
    "reply": (lambda w: w["thread"].get_absolute_url(), ("body",)),
    "proposal_comment": (
        lambda w: reverse("workgroups:proposal_comment", args=[w["group"].slug, w["proposal"].pk]),
        ("body",),
    ),
    "application_create": (
        lambda w: reverse("calls:application_create", args=[w["call"].pk]),
        ("title", "summary", "requested_amount"),
    ),
}


def post_hostile(world, name, data):
    url_of, _fields = FORMS[name]
    before = rows()
    response = world["client"].post(url_of(world), data)
    assert response.status_code < 500, (name, data)
    refused = response.status_code >= 400 or response.status_code == 200
    if refused:
        assert rows() == before, (name, data)
    return response


@pytest.mark.parametrize("name", sorted(FORMS))
def test_hostile_data_never_makes_a_5xx_and_a_refusal_writes_nothing(world, name):
    fields = FORMS[name][1]

    @EXAMPLES
    @given(
        values=st.fixed_dictionaries(dict.fromkeys(fields, hostile_text)),
        extra=st.dictionaries(st.text(min_size=1, max_size=10), hostile_text, max_size=2),
        drop=st.sets(st.sampled_from(fields)),
    )
    def run(values, extra, drop):
        data = {**extra, **{k: v for k, v in values.items() if k not in drop}}
        post_hostile(world, name, data)

    run()


class Executable(HTMLParser):
    """Collects what would run: scripts without the page's nonce, event attributes, and links or
    sources to javascript: or data: URLs. A script that is the portal's own static file, or a
    data block (`type="application/json"`), is not something a person wrote."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "iframe", "object", "embed") and "nonce" not in attrs:
            own = tag == "script" and (attrs.get("src") or "").startswith("/static/")
            data = tag == "script" and attrs.get("type") == "application/json"
            if not (own or data):
                self.found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in ("href", "src", "action", "formaction") and value:
                scheme = "".join(value.split()).lower()
                if scheme.startswith(("javascript:", "data:text", "vbscript:")):
                    self.found.append(f"{tag} {name}={value}")


def executable(html):
    parser = Executable()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("payload", XSS)
def test_the_xss_corpus_comes_out_inert_in_threads_and_comments(world, payload):
    client, group = world["client"], world["group"]
    response = client.post(
        reverse("workgroups:thread_create", args=[group.slug]),
        {"title": payload[:200], "body": payload},
    )
    assert response.status_code == 302
    page = client.get(response.url)
    assert page.status_code == 200
    assert executable(page.content.decode()) == []
    listing = client.get(reverse("workgroups:thread_list", args=[group.slug]))
    assert executable(listing.content.decode()) == []
    proposal = world["proposal"]
    client.post(
        reverse("workgroups:proposal_comment", args=[group.slug, proposal.pk]), {"body": payload}
    )
    assert executable(client.get(proposal.get_absolute_url()).content.decode()) == []


def test_the_detector_sees_an_executable_element():
    assert executable('<p><img src=x onerror="alert(1)"></p>')
    assert executable('<a href=" JavaScript:alert(1)">x</a>')
    assert executable("<script>alert(1)</script>")
    assert not executable('<script nonce="abc" src="/static/js/x.js"></script><p>testo</p>')
    assert not executable('<script type="application/json">{"a": 1}</script>')
    assert executable('<script src="//evil.example/static/x.js"></script>')


# --- every form and POST endpoint of the portal ----------------------------------------------
# The targets are discovered: every row of the permission matrix. A page row is fetched as a role
# the matrix lets see it, and each `<form method="post">` on it (its own, or one posting to an
# action endpoint) is filled from its fields; a POST-only row is sent the fields its view reads
# from `request.POST` (watched while an empty form is posted). Each example runs in a savepoint
# rolled back afterwards, with the client's cookies put back (a logout, a language change), and
# the row counts of every table are compared inside it.

# Who is tried first when several roles may use a page: the people who own the objects, then
# those who moderate them; the visitor last (sign-up, log-in, password reset are theirs alone).
ROLE_PREFERENCE = (
    "owner",
    "member",
    "coordinator",
    "co_applicant",
    "event_participant",
    "trainer",
    "applicant",
    "reviewer",
    "board",
    "staff",
    "superuser",
    "participant",
    "other_group",
    "visitor",
)
REFUSED_CODES = {"login", "admin_login", "mfa", "403", "404", "405"}
# Tables left out of the comparison, and why: the session row is the client's visit itself (a
# log-in or log-out, or the session saved with a message), not something the input wrote.
BOOKKEEPING_TABLES = {"django_session"}
TEXT_TYPES = {"text", "search", "", None}
FILES = [
    lambda: SimpleUploadedFile("documento.pdf", PDF, content_type="application/pdf"),
    lambda: SimpleUploadedFile("../../etc/passwd.pdf", b"MZ\x90\x00" * 8),
    lambda: SimpleUploadedFile("foto.png", b"<script>alert(1)</script>", content_type="image/png"),
    lambda: SimpleUploadedFile("\x00.pdf", b""),
]
GENERIC = hypothesis_settings(EXAMPLES, max_examples=6)


class Forms(HTMLParser):
    """The `<form method="post">` of a page: {"action", "fields": [{name, kind, value, …}]}."""

    def __init__(self):
        super().__init__()
        self.forms, self.form, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            post = (a.get("method") or "get").lower() == "post"
            self.form = {"action": a.get("action") or "", "fields": []} if post else None
            if post:
                self.forms.append(self.form)
            return
        if self.form is None or not a.get("name"):
            if tag == "option" and self.select is not None:
                self.select["options"].append(a.get("value"))
            return
        field = {"name": a["name"], "kind": tag, "value": a.get("value") or ""}
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("reset", "image", "button") or (kind == "submit" and "name" not in a):
                return
            field.update(kind=kind, checked="checked" in a, maxlength=a.get("maxlength"))
            field["min"] = a.get("min")
        elif tag == "button":
            if (a.get("type") or "submit").lower() != "submit":
                return
            field["kind"] = "submit"
        elif tag == "select":
            field.update(options=[], multiple="multiple" in a)
            self.select = field
        elif tag == "textarea":
            field["maxlength"] = a.get("maxlength")
            self.textarea = field
        else:
            return
        self.form["fields"].append(field)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["value"] += data


def post_forms(html, page_url):
    parser = Forms()
    parser.feed(html)
    forms = []
    for form in parser.forms:
        action = urljoin(page_url, form["action"])
        if urlsplit(action).netloc or action.startswith("/admin/"):
            continue  # another site, or the admin (Django's own forms)
        fields = [f for f in form["fields"] if f["name"] != "csrfmiddlewaretoken"]
        forms.append({"action": action, "fields": fields})
    return forms


def sample_value(field):
    """A value the form could accept."""
    kind, value = field["kind"], field["value"]
    if kind == "select":
        options = [o for o in field["options"] if o] or [""]
        return options[:1] if field["multiple"] else options[0]
    day = (timezone.localdate() + timedelta(days=10)).isoformat()
    samples = {
        "date": day,
        "datetime-local": f"{day}T10:00",
        "time": "10:00",
        "number": field.get("min") or "1",
        "email": "anna.rossi@example.org",
        "url": "https://example.org/pagina",
        "tel": "+39 333 1234567",
        "password": "coop-demo-2026",
        "checkbox": value or "on",
    }
    if kind in ("radio", "hidden", "submit"):
        return value
    return samples.get(kind, value or "Testo di prova")


def plausible(field):
    """The strategy's first, simplest choice: a value the form could accept."""
    if field["kind"] == "select":
        options = [o for o in field["options"] if o] or [""]
        if field["multiple"]:
            return st.lists(st.sampled_from(options), min_size=1, max_size=2)
        return st.sampled_from(options)
    return st.just(sample_value(field))


def field_strategy(fields, ids):
    """The value (or values) of one name: a plausible one, hostile text, somebody's object id, a
    wrong type, or the name given twice."""
    options = st.one_of(*(plausible(f) for f in fields))
    if fields[0]["kind"] == "file":
        return st.sampled_from(FILES).map(lambda make: make())
    one = st.one_of(options, hostile_text, st.sampled_from(ids), st.just(["1", "2"]))
    return st.one_of(one, st.lists(st.one_of(options, hostile_text), min_size=2, max_size=3))


def by_name(fields):
    grouped = {}
    for field in fields:
        grouped.setdefault(field["name"], []).append(field)
    return grouped


def hostile_submission(fields, ids):
    grouped = by_name(fields)
    names = sorted(grouped)
    return st.fixed_dictionaries(
        {
            "values": st.fixed_dictionaries(
                {name: field_strategy(group, ids) for name, group in grouped.items()}
            ),
            "drop": st.sets(st.sampled_from(names)) if names else st.just(set()),
            "extra": st.dictionaries(st.text(min_size=1, max_size=10), hostile_text, max_size=2),
            "encoding": st.sampled_from(["form", "form", "json", "htmx"]),
        }
    )


def touched_tables():
    """{table: (inserts, updates, deletes)} the current transaction has made so far, for every
    table of every installed app but the bookkeeping ones, in one cheap query
    (`pg_stat_xact_user_tables`). These counters also count what a savepoint undid (an insert
    refused by a unique constraint and rolled back): they only say which tables to look at."""
    from django.apps import apps
    from django.db import connection

    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    } - BOOKKEEPING_TABLES
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables"
            " WHERE schemaname = current_schema()"
        )
        return {table: tuple(counts) for table, *counts in cursor.fetchall() if table in tables}


def table_states(tables):
    """{table: (rows, digest of their contents)} of `tables`, in one query (UNION ALL)."""
    from django.db import connection

    if not tables:
        return {}
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT '{table}', count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
        f" FROM {quote(table)} t"
        for table in sorted(tables)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {table: (rows, digest) for table, rows, digest in cursor.fetchall()}


def form_shown_again(response) -> bool:
    """A bound form (or formset) with errors among the page's context."""
    from django.forms import BaseForm, BaseFormSet

    contexts = response.context if isinstance(response.context, list) else [response.context]
    for context in contexts:
        if context is None:
            continue
        for value in context.flatten().values():
            if isinstance(value, BaseForm) and value.is_bound and value.errors:
                return True
            if isinstance(value, BaseFormSet) and value.is_bound and value.total_error_count():
                return True
    return False


def is_refusal(response) -> bool:
    """4xx, the form shown again with errors, or a redirect with a warning (the portal's own
    definition of a refused POST, as `coopportal.core.ratelimit` counts it)."""
    from tests.security.test_permission_matrix import outcome

    if 400 <= response.status_code < 500:
        return True
    if response.status_code == 200:
        return form_shown_again(response)
    return outcome(response) == "302e"


def post_as(client, url, submission):
    """Post `submission` in a savepoint rolled back afterwards: (response, tables changed)."""
    values = {k: v for k, v in submission["values"].items() if k not in submission["drop"]}
    data = {**submission["extra"], **values}
    saved = {key: morsel.value for key, morsel in client.cookies.items()}
    with transaction.atomic():
        before = touched_tables()
        with transaction.atomic():
            if submission["encoding"] == "json":
                plain = {k: v for k, v in data.items() if isinstance(v, (str, list))}
                response = client.post(url, json.dumps(plain), content_type="application/json")
            else:
                headers = {"HX-Request": "true"} if submission["encoding"] == "htmx" else {}
                response = client.post(url, data, headers=headers)
            # the tables the request may have written, as they are now and, once its savepoint
            # is rolled back, as they were before it
            suspects = {t for t, counts in touched_tables().items() if counts != before.get(t)}
            after = table_states(suspects)
            transaction.set_rollback(True)
        changed = {
            table: f"{rows_before} → {after[table][0]} rows"
            + ("" if digest == after[table][1] else ", contents changed")
            for table, (rows_before, digest) in table_states(suspects).items()
            if (rows_before, digest) != after[table]
        }
        transaction.set_rollback(True)
    client.cookies.clear()
    for key, value in saved.items():
        client.cookies[key] = value
    return response, changed


def describe(submission):
    text = repr(submission)
    return text if len(text) < 600 else text[:600] + "…"


def attack_form(client, url, fields, ids, label):
    """Hypothesis examples of hostile data against one form; the failures, one a line."""
    failures = []

    @GENERIC
    @given(submission=hostile_submission(fields, ids))
    def run(submission):
        response, changed = post_as(client, url, submission)
        if response.status_code >= 500:
            error = (getattr(response, "exc_info", None) or (None, None))[1]
            failures.append(
                f"{label} POST {url}: {response.status_code} {error!r:.300}"
                f" with {describe(submission)}"
            )
        elif changed and is_refusal(response):
            failures.append(
                f"{label} POST {url}: refused ({response.status_code}) but wrote {changed}"
                f" with {describe(submission)}"
            )

    run()
    return failures


def allowed_role(row, codes_ok):
    cells = matrix.expected(row)
    return next((role for role in ROLE_PREFERENCE if codes_ok(cells[role])), None)


def object_ids(world):
    """The ids of the shared objects (most of them the owner's), as strings."""
    ids = {str(obj.pk) for obj in world.values() if hasattr(obj, "pk") and obj.pk}
    ids |= {str(user.pk) for user in world["people"].values() if user is not None}
    return sorted(ids, key=int) or ["1"]


@pytest.fixture(scope="module")
def _media_once(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile-forms-media")


@pytest.fixture(scope="module")
def portal(django_db_setup, django_db_blocker, _media_once):
    """The permission matrix's objects and people, with a logged-in client per role, made once
    in a transaction rolled back after the module's last test."""
    from django.test import override_settings

    from tests.security import test_hostile_queries as hostile
    from tests.security.test_permission_matrix import _role_users, role_clients

    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=_media_once),
        transaction.atomic(),
    ):
        data = hostile._make_data()
        people = _role_users(data)
        world = {**data, "people": people, "clients": role_clients(people)}
        world["ids"] = object_ids(world)
        world["seen"] = set()  # the forms already attacked (the language and log-out forms…)
        yield world
        transaction.set_rollback(True)


def _portal_rows():
    return sorted(matrix.PAGES)


def url_of(name, world):
    from tests.security.test_permission_matrix import portal_urls
    from tests.security.test_permission_matrix import url_of as matrix_url

    return matrix_url(name, portal_urls()[name], world)


@pytest.mark.parametrize("name", _portal_rows())
def test_every_form_survives_hostile_data(portal, settings, _media_once, name):
    """Never a 5xx; a refused POST writes no row in any table; a form that accepts its text
    fields' XSS payloads shows them inert where it goes next and on its own page."""
    settings.MEDIA_ROOT = _media_once
    row = matrix.PAGES[name]
    url = url_of(name, portal)
    failures = []
    if matrix.method(row) == "POST":
        role = allowed_role(row, lambda code: code not in REFUSED_CODES)
        if role is None:
            pytest.skip("no role may post here")
        client = portal["clients"][role]
        with recording_reads() as read:
            post_as(client, url, {"values": {}, "drop": set(), "extra": {}, "encoding": "form"})
        fields = [{"name": key, "kind": "text", "value": ""} for key in sorted(read) if key]
        failures += attack_form(client, url, fields, portal["ids"], f"{role} {name}")
    else:
        role = allowed_role(row, lambda code: code == "200")
        if role is None:
            pytest.skip("no role sees this page")
        failures += attack_page(portal, role, name, url)
    assert not failures, "\n".join(failures)


def attack_page(portal, role, name, url):
    """Every form of the page `url` as `role`, the ones not attacked yet; the failures."""
    client, failures = portal["clients"][role], []
    page = client.get(url)
    if "html" not in page.headers.get("Content-Type", ""):
        return []
    for form in post_forms(page.content.decode(), url):
        # one of each: the log-out and language forms of every page, the "mark as read" of every
        # notification in a list are the same form
        path = re.sub(r"/\d+/", "/<id>/", urlsplit(form["action"]).path)
        key = (path, tuple(sorted(by_name(form["fields"]))))
        if key in portal["seen"]:
            continue
        portal["seen"].add(key)
        label = f"{role} {name} form→{form['action']}"
        failures += attack_form(client, form["action"], form["fields"], portal["ids"], label)
        failures += xss_through(client, form, url, label)
    return failures


def _draft_proposal(world):
    from tests.workgroups.factories import ProposalFactory

    proposal = ProposalFactory(group=world["group"], created_by=world["member"])
    return reverse("workgroups:proposal_edit", args=[world["group"].slug, proposal.pk])


def _draft_practice(world):
    from tests.community.practices.factories import PracticeFactory

    practice = PracticeFactory(proposer=world["member"])
    return reverse("community:practice_edit", args=[practice.pk])


def _new_contact(world):
    from tests.matching.factories import profile_make

    return reverse("matching:contact_send", args=[profile_make(offers=["Grafica"]).pk])


# Forms the shared data's states do not offer: made here, in the test's savepoint.
OTHER_STATES = {
    "a draft proposal's edit form": _draft_proposal,
    "a draft practice's edit form": _draft_practice,
    "a contact request to a profile not contacted yet": _new_contact,
}


@pytest.mark.parametrize("state", sorted(OTHER_STATES))
def test_forms_of_other_states_survive_hostile_data(portal, settings, _media_once, state):
    settings.MEDIA_ROOT = _media_once
    url = OTHER_STATES[state](portal)
    page = portal["clients"]["owner"].get(url)
    assert page.status_code == 200 and post_forms(page.content.decode(), url), state
    failures = attack_page(portal, "owner", state, url)
    assert not failures, "\n".join(failures)


def is_text(field):
    return field["kind"] == "textarea" or field["kind"] in TEXT_TYPES


def xss_fill(fields):
    """A plausible submission whose text fields carry the XSS corpus (all of it in a textarea,
    one payload that fits in an input)."""
    values = {}
    for index, (name, group) in enumerate(sorted(by_name(fields).items())):
        field = group[0]
        if field["kind"] == "textarea":
            values[name] = "\n\n".join(XSS)
        elif is_text(field):
            limit = int(field.get("maxlength") or 10_000)
            fitting = [p for p in XSS if len(p) <= limit] or ["<b>x</b>"[:limit]]
            values[name] = fitting[index % len(fitting)]
        elif field["kind"] == "file":
            values[name] = FILES[0]()
        else:
            values[name] = sample_value(field)
    return values


def guess(name):
    """A value for a field the form refused the corpus in, from its name (dates, amounts)."""
    if any(part in name for part in ("date", "_at", "start", "end", "deadline", "day")):
        return (timezone.localdate() + timedelta(days=10)).isoformat()
    if any(part in name for part in ("amount", "capacity", "seats", "number", "count", "year")):
        return "10"
    return "Testo di prova"


def errors_of(response):
    from django.forms import BaseForm

    contexts = response.context if isinstance(response.context, list) else [response.context]
    names = set()
    for context in contexts or []:
        for value in context.flatten().values() if context is not None else ():
            if isinstance(value, BaseForm) and value.is_bound:
                names |= {value.add_prefix(field) for field in value.errors if field != "__all__"}
    return names


def xss_through(client, form, page_url, label):
    """Post the XSS corpus through the form's text fields (the fields it refuses it in get a
    plausible value and the form a second try); if it is accepted, the page it leads to and the
    form's own page run none of it."""
    if not any(is_text(f) for f in form["fields"]):
        return []
    data = xss_fill(form["fields"])
    failures = []
    saved = {key: morsel.value for key, morsel in client.cookies.items()}
    with transaction.atomic():
        for _try in range(2):
            for field in form["fields"]:
                if field["kind"] == "file":
                    data[field["name"]] = FILES[0]()  # a fresh one: the last try read it
            with transaction.atomic():
                response = client.post(form["action"], data)
                refused = response.status_code >= 500 or is_refusal(response)
                if refused:
                    transaction.set_rollback(True)
            if not refused:
                break
            wrong = errors_of(response) & set(data)
            if not wrong:
                break
            data.update({name: guess(name) for name in wrong})
        if response.status_code >= 500:
            failures.append(f"{label} XSS POST: {response.status_code}")
        elif not refused:
            pages = [page_url]
            if response.status_code in (301, 302, 303):
                pages.insert(0, urljoin(form["action"], response.headers["Location"]))
            else:
                pages.insert(0, None)
            for page in pages:
                shown = response if page is None else client.get(page)
                if "html" in shown.headers.get("Content-Type", "") and shown.status_code == 200:
                    found = executable(shown.content.decode())
                    if found:
                        where = page or "the answer"
                        failures.append(f"{label} XSS shown live on {where}: {found}")
        transaction.set_rollback(True)
    client.cookies.clear()
    for key, value in saved.items():
        client.cookies[key] = value
    return failures


# --- the XSS corpus in every text people or staff write, on every page ----------------------
# What members write through the portal's forms and what staff write in the admin (course and
# space descriptions, calls, groups, toolbox resources…) end up in the same columns: every text
# column of every row of the portal's own apps is set to the corpus (stored Markdown HTML emptied,
# so that it is rendered again from it), then every page of the matrix is read as these roles.
XSS_ROLES = ("owner", "event_participant", "staff", "visitor")
SHOWN_BACK = {
    "owner": {
        "matching:profile_detail",
        "community:practice_detail",
        "community:toolbox_detail",
        "training:course_detail",
        "spaces:space_detail",
        "workgroups:thread_detail",
        "workgroups:proposal_detail",
        "calls:application_detail",
    },
    "event_participant": {"community:event_detail"},
    "staff": {"community:practice_review", "calls:application_detail"},
    "visitor": {"training:course_detail", "spaces:space_detail", "calls:call_detail"},
}
# Columns that hold no text people write: identifiers, codes and keys the code looks up.
NOT_WRITTEN_TEXT = {"password", "kind", "code", "token", "secret", "key", "query", "language"}


def portal_models():
    from django.apps import apps
    from django.conf import settings

    base = str(settings.BASE_DIR)
    for config in apps.get_app_configs():
        if config.path.startswith(base) and "/.venv/" not in config.path:
            yield from config.get_models()


def xss_everywhere():
    """Every written text column of every portal row set to the XSS corpus (followed by the row's
    id, for the columns that must be unique together); {model: columns}."""
    from django.db import IntegrityError, models
    from django.db.models.functions import Cast, Concat

    touched = {}
    for model in portal_models():
        values = {}
        for index, field in enumerate(model._meta.concrete_fields):
            plain = isinstance(field, (models.CharField, models.TextField))
            if not plain or isinstance(field, (models.SlugField, models.EmailField)):
                continue
            if isinstance(field, models.URLField) or field.choices or field.unique:
                continue
            if field.name.endswith("_html") and field.null:
                values[field.name] = None
            elif field.editable and field.name not in NOT_WRITTEN_TEXT:
                limit = (field.max_length or 10**6) - 12
                fitting = [p for p in XSS if len(p) <= limit]
                if isinstance(field, models.TextField):
                    text = "\n\n".join(XSS)
                elif fitting:
                    text = fitting[index % len(fitting)]
                else:
                    continue
                pk = Cast("pk", output_field=models.CharField())
                values[field.name] = Concat(models.Value(text + " "), pk)
        if values:
            try:
                with transaction.atomic():
                    model._base_manager.update(**values)
            except IntegrityError:  # a check on the text's form (none so far): left as it was
                continue
            touched[model._meta.label] = sorted(values)
    return touched


@pytest.mark.parametrize("role", XSS_ROLES)
def test_the_xss_corpus_in_every_written_text_is_inert_on_every_page(
    portal, settings, _media_once, role
):
    settings.MEDIA_ROOT = _media_once
    touched = xss_everywhere()
    assert "training.Course" in touched and "spaces.Space" in touched, touched
    client, failures, read, shown = portal["clients"][role], [], 0, set()
    for name in _portal_rows():
        row = matrix.PAGES[name]
        if matrix.method(row) == "POST" or matrix.expected(row)[role] != "200":
            continue
        url = url_of(name, portal)
        response = client.get(url)
        if response.status_code == 301:  # the canonical slug follows the title: now the corpus
            url = response.headers["Location"]
            response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"{role} GET {url}: {response.status_code}")
        elif "html" in response.headers.get("Content-Type", ""):
            read += 1
            html = response.content.decode()
            found = executable(html)
            if found:
                failures.append(f"{role} GET {url}: {found}")
            if "alert(1)" in html:
                shown.add(name)
    assert read > 10
    assert not failures, "\n".join(failures)
    # the corpus did reach the pages (escaped or cleaned), those named in the issue among them
    assert SHOWN_BACK[role] <= shown, sorted(SHOWN_BACK[role] - shown)


def test_the_write_detector_sees_a_row_written_and_one_only_tried(portal):
    """`post_as` reports a post written (a reply), and not an insert its savepoint undid."""
    thread = portal["thread"]
    client = portal["clients"]["owner"]
    reply = {"values": {"body": "Una risposta"}, "drop": set(), "extra": {}, "encoding": "form"}
    response, changed = post_as(client, thread.get_absolute_url(), reply)
    assert response.status_code == 302 and "workgroups_post" in changed, changed
    url = reverse("calls:call_follow", args=[portal["call"].pk])
    follow = {"values": {}, "drop": set(), "extra": {}, "encoding": "form"}
    with transaction.atomic():
        client.post(url)
        # already followed: the service's insert fails on the unique constraint, in a savepoint
        _response, changed = post_as(client, url, follow)
        transaction.set_rollback(True)
    assert "calls_callfollow" not in changed, changed
