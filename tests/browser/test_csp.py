"""Under the Content-Security-Policy the portal still works, with not one violation: a member
marks a notification read, looks for similar proposals while drafting, endorses a proposal and
answers a meeting invitation (htmx swaps); a board member reads the participation figures and the
answers with their progress bars; staff use the admin — a list with an action, a change form with
its inline rows, the date picker and the autocomplete, and beat's periodic tasks."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coopportal.notifications.services import notify
from tests.browser.conftest import log_in
from tests.factories import MembershipRequestFactory, UserFactory, board_user, staff_user
from tests.workgroups.factories import (
    MeetingFactory,
    MembershipFactory,
    ProposalFactory,
    WorkingGroupFactory,
)
from workgroups.models import Endorsement, MeetingRSVP, Phase, Proposal
from workgroups.services import proposals as proposal_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation({
    page: document.location.pathname,
    directive: event.violatedDirective,
    blocked: event.blockedURI,
    sample: event.sample,
  });
});
"""


@pytest.fixture
def violations(portal):
    """Every CSP violation on any page the browser opens: the DOM event and the console line."""
    found = []
    portal.expose_function("reportCspViolation", lambda violation: found.append(violation))
    portal.add_init_script(LISTEN)

    def console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            found.append({"page": portal.url, "console": message.text})

    portal.on("console", console)
    return found


def expect_no_violations(page, violations):
    page.wait_for_load_state("networkidle")
    assert violations == []


def test_the_listener_catches_a_violation(portal, violations):
    page = portal
    page.goto(page.portal.url("/"))
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = true'; document.body.appendChild(s); }"
    )
    expect(page.locator("body")).to_be_visible()
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.ran === undefined")  # the inline script did not run
    assert any(v.get("directive", "").startswith("script-src") for v in violations), violations


def test_member_pages_and_htmx_swaps_run_without_violations(portal, violations):
    page = portal
    group = WorkingGroupFactory(name="Formazione", slug="formazione")
    member = MembershipFactory(
        group=group, user=UserFactory(member=True, email="socia@example.org")
    ).user
    proposal = ProposalFactory(
        group=group, published=True, title="Corsi sui bandi europei per i soci"
    )
    proposal_services._update_search_vector(proposal)
    meeting = MeetingFactory(group=group, title="Incontro di dicembre")
    notify("accounts.membership_approved", [member], context={"number": "SC-1"}, url="/me/")

    log_in(page, "socia@example.org")
    expect_no_violations(page, violations)

    # a notification marked read in place
    page.goto(page.portal.url("/notifications/"))
    page.get_by_role("button", name="Segna come letta").click()
    expect(page.get_by_role("button", name="Segna come letta")).to_have_count(0)
    assert not member.notifications.filter(read_at__isnull=True).exists()

    # while drafting, the similar proposals appear below the form
    page.goto(page.portal.url(group.get_absolute_url()))
    page.get_by_role("link", name="Scrivi una proposta").click()
    page.get_by_label("Titolo").press_sequentially("Corsi sui bandi europei")
    expect(page.locator("#similar").get_by_role("link", name=proposal.title)).to_be_visible()

    # an endorsement
    page.goto(page.portal.url(proposal.get_absolute_url()))
    page.get_by_role("button", name="Sostieni questa proposta").click()
    expect(page.locator("#endorsements-count")).to_contain_text("1")
    assert Endorsement.objects.filter(proposal=proposal, user=member).exists()

    # the answer to a meeting invitation, swapped in place
    page.goto(page.portal.url(meeting.get_absolute_url()))
    page.get_by_role("button", name="Parteciperò", exact=True).click()
    expect(page.locator("#meeting-rsvp").get_by_text("Partecipi")).to_be_visible()
    assert MeetingRSVP.objects.get(meeting=meeting, user=member).answer == "going"

    expect_no_violations(page, violations)


def test_board_pages_run_without_violations_and_progress_bars_keep_their_width(portal, violations):
    page = portal
    board_user(email="cda@example.org")
    ProposalFactory(
        forwarded=True,
        answer=Proposal.Answer.PARTIALLY_ACCEPTED,
        answer_text="Un primo corso in primavera.",
        answered_at=timezone.now(),
        implementation=Proposal.Implementation.IN_PROGRESS,
        implementation_percent=40,
    )
    log_in(page, "cda@example.org")
    page.get_by_role("navigation", name="Navigazione principale").get_by_role(
        "link", name="Area CdA"
    ).click()
    page.get_by_role("link", name="Partecipazione").click()
    expect(page.get_by_role("img").first).to_be_visible()  # the SVG charts
    expect_no_violations(page, violations)

    page.goto(page.portal.url("/board/answers/"))
    bar = page.locator(".progress-bar").first
    expect(bar).to_have_text("40%")
    ratio = page.evaluate(
        "() => { const bar = document.querySelector('.progress-bar');"
        " const width = (element) => element.getBoundingClientRect().width;"
        " return width(bar) / width(bar.parentElement); }"
    )
    assert 0.35 < ratio < 0.45
    expect_no_violations(page, violations)


def test_the_admin_works_under_the_policy(portal, violations):
    page = portal
    staff_user(email="staff@example.org", is_superuser=True)
    MembershipRequestFactory(membership_number="SC-2024-77")
    group = WorkingGroupFactory(name="Formazione", slug="formazione")

    log_in(page, "staff@example.org")
    page.get_by_role("navigation", name="Navigazione principale").get_by_role(
        "link", name="Amministrazione"
    ).click()
    expect(page.get_by_role("heading", name="Moderazione e gestione")).to_be_visible()

    # a changelist and an action with its confirmation page
    page.goto(page.portal.url("/admin/accounts/membershiprequest/?status__exact=pending"))
    page.get_by_role("row", name=re.compile("SC-2024-77")).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(label="Verifica le adesioni selezionate")
    page.get_by_role("button", name="Vai").click()
    page.get_by_role("button", name="Conferma").click()
    expect(page.get_by_text("1 elemento gestito.")).to_be_visible()
    expect_no_violations(page, violations)

    # a change form: a new inline row, the date picker, the autocomplete, then save
    page.goto(page.portal.url(f"/admin/workgroups/workinggroup/{group.pk}/change/"))
    phases = page.locator("#phases-group")
    phases.get_by_role("button", name=re.compile("^Aggiungi")).click()
    row = phases.locator("tr.dynamic-phases").last
    row.locator("input[name$='-name']").fill("Fase di avvio")
    row.get_by_role("link", name="Oggi").first.click()
    expect(row.locator("input[name$='-starts_on']")).not_to_have_value("")
    row.locator("input[name$='-ends_on'] ~ .datetimeshortcuts a").last.click()  # calendar
    calendar = page.locator(".calendarbox").filter(has=page.locator(":visible")).first
    expect(calendar).to_be_visible()
    calendar.get_by_role("link", name="Annulla").click()
    page.locator(".field-region").get_by_role("combobox").click()
    page.locator(".select2-search__field").fill("Emilia")
    page.get_by_role("option", name=re.compile("Emilia")).click()
    page.get_by_role("button", name="Salva", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("modificato con successo")
    assert Phase.objects.filter(group=group, name="Fase di avvio").exists()
    assert group.__class__.objects.get(pk=group.pk).region.name.startswith("Emilia")
    expect_no_violations(page, violations)

    # beat's periodic tasks: the change form with its own script
    page.goto(page.portal.url("/admin/django_celery_beat/periodictask/"))
    page.locator("#result_list tbody tr th a").first.click()
    expect(page.locator("#id_name")).not_to_have_value("")
    expect(page.locator(".field-crontab_translation")).to_be_hidden()  # beat's script ran
    expect_no_violations(page, violations)
