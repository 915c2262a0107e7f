"""The portal's main journeys with the keyboard alone: join a group and submit a proposal (logging
in by keyboard first), apply to a call, enrol in a course, send a contact request, book a
matching meeting; and a refused form whose errors are tied to their fields.

No click and no fill: Tab and Shift+Tab move, Enter and Space activate, the focused field takes
the typing, the arrow keys choose among radios. `tab_to` checks at every stop that the element
holding the focus shows it (an outline or a shadow the unfocused element lacks, 2 px at least,
3:1 against the background around it, on screen and not covered) — WCAG 2.1.1, 2.4.3, 2.4.7,
2.4.11, 1.4.11. Each journey ends by checking the outcome on the page and in the database.

These people chose English; the Italian pages are walked by the other journeys."""

import re

import pytest
from playwright.sync_api import Locator, expect

from calls.models import Application, Rule
from community.events.models import Meeting, MeetingRequest
from matching.models import ContactRequest
from tests.browser.conftest import SIGN_IN, log_in
from tests.calls.factories import FundingCallFactory
from tests.community.events.factories import event_make, registered, slots_of
from tests.factories import PASSWORD, UserFactory
from tests.matching.factories import profile_make
from tests.training.factories import CourseFactory
from tests.workgroups.factories import MembershipFactory, WorkingGroupFactory
from training.models import Enrolment, EnrolmentStatus
from workgroups.models import GroupMembership, Proposal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_PRESSES = 60  # a page's every tab stop before its main actions, with room to spare
MIN_RING = {"width": 2, "contrast": 3}  # px; against what it is drawn on (WCAG 1.4.11)

# Run in the page on the element holding the focus (and the elements `target` matches): how its
# focus shows, compared with an unfocused copy of it (same tag, classes and attributes, inserted
# beside it for the time of one style computation; no name or id, so no radio group changes), and
# the contrast of the ring with the background around the element.
FOCUS_STATE = r"""(targets, min) => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) {
    return {label: "(nothing)", ok: false, why: "nothing has the focus", matched: false};
  }
  const text = (el.getAttribute("aria-label") || el.innerText || el.value || "").trim();
  const label = `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}> ${text.slice(0, 40)}`;
  const ring = (style) => {
    const outlined = style.outlineStyle !== "none" && !/, 0\)$/.test(style.outlineColor);
    let spread = 0;
    if (style.boxShadow && style.boxShadow !== "none") {
      for (const shadow of style.boxShadow.split(/,(?![^(]*\))/)) {
        const lengths = shadow.replace(/rgba?\([^)]*\)/g, "").match(/-?[\d.]+px/g) || [];
        const px = lengths.map(parseFloat);
        if (px.length >= 4) spread = Math.max(spread, Math.abs(px[3]));
      }
    }
    return {
      outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      outlineWidth: outlined ? parseFloat(style.outlineWidth) : 0,
      shadow: style.boxShadow,
      spread: spread,
    };
  };
  const rgba = (color) => {
    const found = /rgba?\(([^)]+)\)/.exec(color || "");
    if (!found) return null;
    const [r, g, b, a = 1] = found[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return {r, g, b, a};
  };
  const luminance = ({r, g, b}) => [r, g, b]
    .map((v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const behind = () => {  // what the ring is drawn on: the first opaque background around
    for (let node = el.parentElement; node; node = node.parentElement) {
      const color = rgba(getComputedStyle(node).backgroundColor);
      if (color && color.a > 0) return color;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const contrast = (color) => {
    const ground = behind();
    const mixed = {r: 0, g: 0, b: 0};
    for (const c of ["r", "g", "b"]) mixed[c] = color[c] * color.a + ground[c] * (1 - color.a);
    const [hi, lo] = [luminance(mixed), luminance(ground)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const focused = ring(getComputedStyle(el));
  const rect = el.getBoundingClientRect();
  const x = rect.left + rect.width / 2, y = rect.top + rect.height / 2;
  const onTop = document.elementFromPoint(x, y);
  const copy = el.cloneNode(false);
  for (const name of ["id", "name", "autofocus", "form"]) copy.removeAttribute(name);
  el.after(copy);
  const unfocused = ring(getComputedStyle(copy));
  copy.remove();
  const style = getComputedStyle(el);
  const outlineColor = rgba(style.outlineColor), shadowColor = rgba(focused.shadow);
  const outlineContrast = outlineColor ? contrast(outlineColor) : 0;
  const shadowContrast = shadowColor ? contrast(shadowColor) : 0;
  const outlineShows = focused.outlineWidth >= min.width && focused.outline !== unfocused.outline
    && outlineContrast >= min.contrast;
  const shadowShows = focused.spread >= min.width && focused.shadow !== unfocused.shadow
    && shadowContrast >= min.contrast;
  let why = "";
  if (!el.matches(":focus-visible")) why = "the focus is not :focus-visible";
  else if (!outlineShows && !shadowShows) why = `no focus ring: outline ${focused.outline}, `
    + `box-shadow ${focused.shadow} (unfocused: ${unfocused.outline}, ${unfocused.shadow}; `
    + `contrast ${outlineContrast.toFixed(1)}:1, ${shadowContrast.toFixed(1)}:1; `
    + `wanted ${min.width}px at ${min.contrast}:1)`;
  else if (rect.width < 1 || rect.height < 1) why = "the focused element has no size";
  else if (y < 0 || y > innerHeight || x < 0 || x > innerWidth)
    why = "the focused element is off screen";
  else if (onTop && !el.contains(onTop) && !(el.labels && [...el.labels].includes(onTop)))
    why = "the focused element is covered by " + onTop.tagName.toLowerCase();
  return {label: label, ok: !why, why: why, matched: targets.includes(el)};
}"""


def focus_state(page, target=None):
    if target is None:
        return page.evaluate(f"(min) => ({FOCUS_STATE})([], min)", MIN_RING)
    return target.evaluate_all(FOCUS_STATE, MIN_RING)


def assert_focus_shows(state):
    assert state["ok"], f"Keyboard focus on {state['label']}: {state['why']}"


def tab_to(page, target, name=None, *, backwards=False, presses=MAX_PRESSES):
    """Press Tab (Shift+Tab when `backwards`) until the focus is on `target` — a locator, or a
    role with its accessible name (exact, or a pattern) — checking the focus ring at each stop;
    fail after `presses` presses, naming the stops passed."""
    if not isinstance(target, Locator):  # (a password field is a textbox here too)
        target = page.get_by_role(target, name=name, exact=isinstance(name, str) or None)
    key = "Shift+Tab" if backwards else "Tab"
    passed = []
    for _ in range(presses):
        page.keyboard.press(key)
        state = focus_state(page, target)
        if state["label"] == "(nothing)":
            raise AssertionError(f"{target} not reached: the focus left the page after {passed}")
        assert_focus_shows(state)
        if state["matched"]:
            return target
        passed.append(state["label"])
    raise AssertionError(f"{target} not reached in {presses} × {key}; the focus went: {passed}")


def press(page, key):
    """Press `key` on the focused element (an arrow in a radio group, say) and check the focus
    still shows where it landed."""
    page.keyboard.press(key)
    assert_focus_shows(focus_state(page))


def press_and_wait(page, key="Enter"):
    """Activate the focused link or button and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press(key)


def skip_to_main(page):
    """The first Tab of a page reaches the skip link; Enter moves the focus into the content
    (and leaves the address alone: a form without action posts to it)."""
    tab_to(page, page.locator("a.skip-link"), presses=1)
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    assert "#" not in page.url


def label(text):
    """A field's accessible name: its label, with the asterisk of the required ones."""
    return re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$")


def member(email, **fields):
    return UserFactory(member=True, email=email, language="en", **fields)


@pytest.fixture
def page(page):
    """No animations, so that a focus ring is measured as it ends, and no smooth scrolling."""
    page.emulate_media(reduced_motion="reduce")
    return page


def test_keyboard_log_in_join_a_group_and_submit_a_proposal(portal):
    page = portal
    group = WorkingGroupFactory(name="Formazione", slug="formazione")
    anna = member("anna@example.org", first_name="Anna")

    # Anna logs in with the keyboard: the e-mail, the password, the button
    page.goto(page.portal.url("/accounts/login/"))
    skip_to_main(page)
    tab_to(page, "textbox", re.compile(r"^E-?mail\*?$", re.IGNORECASE))
    page.keyboard.type(anna.email)
    tab_to(page, "textbox", label("Password"))
    page.keyboard.type(PASSWORD)
    tab_to(page, page.locator("main").get_by_role("button", name=SIGN_IN))
    press_and_wait(page)
    page.wait_for_url("**/dashboard/")

    # … goes to the working groups through the main navigation and joins Formazione
    tab_to(
        page,
        page.get_by_role("navigation", name="Main navigation").get_by_role(
            "link", name="Working groups", exact=True
        ),
    )
    press_and_wait(page)
    tab_to(page, page.locator("main").get_by_role("link", name="Formazione", exact=True))
    press_and_wait(page)
    page.wait_for_url(f"**{group.get_absolute_url()}")
    tab_to(page, "button", "Join the group")
    press_and_wait(page, "Space")
    expect(page.get_by_text("Welcome to the group!")).to_be_visible()
    expect(page.locator("main")).to_contain_text("You are in this group")
    membership = GroupMembership.objects.get(group=group, user=anna)
    assert membership.status == GroupMembership.Status.ACTIVE

    # … then writes a proposal, saves the draft and submits it to the staff
    skip_to_main(page)
    tab_to(page, "link", "Write a proposal")
    press_and_wait(page)
    tab_to(page, "textbox", label("Title"))
    page.keyboard.type("Un corso sui bandi europei per i soci")
    tab_to(page, "textbox", label("Summary"))
    page.keyboard.type("Chiediamo al CdA un corso annuale sui bandi europei.")
    tab_to(page, "textbox", label("Text"))
    page.keyboard.type("Molti soci perdono opportunità per mancanza di formazione.")
    tab_to(page, "button", "Save the draft")
    press_and_wait(page)
    expect(page.locator("#proposal-status")).to_have_text("Draft")
    skip_to_main(page)
    tab_to(page, "button", "Submit to the staff")
    press_and_wait(page)

    expect(page.locator("#proposal-status")).to_have_text("Submitted for moderation")
    proposal = Proposal.objects.get(group=group)
    assert (proposal.title, proposal.status, proposal.created_by) == (
        "Un corso sui bandi europei per i soci",
        Proposal.Status.SUBMITTED,
        anna,
    )


def test_keyboard_apply_to_a_call(portal):
    page = portal
    anna = member("anna@example.org", first_name="Anna", last_name="Rossi")
    call = FundingCallFactory(title="Contributi per attività culturali", deadlines=(60,))
    Rule.objects.create(title="The project serves the cooperative's mutual purpose")
    log_in(page, anna.email)
    page.goto(page.portal.url(call.get_absolute_url()))

    skip_to_main(page)
    tab_to(page, "link", "Apply through the cooperative")
    press_and_wait(page)
    tab_to(page, "textbox", label("Project title"))
    page.keyboard.type("Teatro di comunità a Tor Pignattara")
    tab_to(page, "textbox", label("Summary of the project"))
    page.keyboard.type("Un teatro per il quartiere.")
    tab_to(page, "spinbutton", label("Amount requested (€)"))
    page.keyboard.type("12000")
    tab_to(page, "button", "Save the draft")
    press_and_wait(page)
    expect(page.locator("#application-status")).to_have_text("Draft")

    # the rule to declare is a checkbox: Space ticks it
    skip_to_main(page)
    tab_to(page, "checkbox", "The project serves the cooperative's mutual purpose")
    page.keyboard.press("Space")
    expect(page.get_by_role("checkbox", name="The project serves")).to_be_checked()
    tab_to(page, "button", "Save the declarations")
    press_and_wait(page)
    skip_to_main(page)
    tab_to(page, "button", "Submit to the cooperative")
    press_and_wait(page)

    expect(page.get_by_text("Submitted: the staff will review it.")).to_be_visible()
    expect(page.locator("#application-status")).to_have_text("Submitted to the cooperative")
    application = Application.objects.get()
    assert (application.lead, application.status, application.requested_amount) == (
        anna,
        Application.Status.SUBMITTED,
        12000,
    )


def test_keyboard_enrol_in_a_course(portal):
    page = portal
    anna = member("anna@example.org")
    course = CourseFactory(title="Contabilità cooperativa", capacity=5)
    log_in(page, anna.email)
    page.goto(page.portal.url("/training/"))

    # the search: type, Enter submits
    skip_to_main(page)
    tab_to(page, page.get_by_role("search").get_by_label(label("Search")))
    page.keyboard.type("contabilità")
    press_and_wait(page)
    tab_to(page, page.locator("#course-list").get_by_role("link", name="Contabilità cooperativa"))
    press_and_wait(page)
    page.wait_for_url(f"**{course.get_absolute_url()}")
    tab_to(page, "button", "Enrol")
    press_and_wait(page, "Space")

    expect(page.locator("#enrolment-state")).to_contain_text("You are enrolled in this course.")
    enrolment = Enrolment.objects.get(course=course, user=anna)
    assert enrolment.status == EnrolmentStatus.CONFIRMED


def test_keyboard_send_a_contact_request(portal):
    page = portal
    anna = member("anna@example.org", first_name="Anna", last_name="Verdi")
    bruno = member("bruno@example.org", first_name="Bruno", last_name="Neri")
    profile_make(user=bruno, offers=["grafica"], presentation="Grafica per le cooperative.")
    log_in(page, anna.email)
    page.goto(page.portal.url("/matching/directory/"))

    skip_to_main(page)
    tab_to(page, page.get_by_role("search").get_by_label(label("Search")))
    page.keyboard.type("grafica")
    press_and_wait(page)
    tab_to(page, page.locator("#directory-results").get_by_role("link", name="Bruno Neri"))
    press_and_wait(page)
    tab_to(page, "link", "Ask to get in touch")
    press_and_wait(page)
    tab_to(page, "textbox", label("Your message"))
    page.keyboard.type("Ciao Bruno, ci serve chi rifaccia il sito: ne parliamo?")
    tab_to(page, "button", "Send the request")
    press_and_wait(page)

    expect(page.get_by_role("alert").filter(has_text="Your request is sent")).to_be_visible()
    expect(page.get_by_role("region", name="Contact")).to_contain_text(
        "Your request is waiting for an answer."
    )
    request = ContactRequest.objects.get(sender=anna, recipient=bruno)
    assert (request.status, request.message) == (
        ContactRequest.Status.PENDING,
        "Ciao Bruno, ci serve chi rifaccia il sito: ne parliamo?",
    )


def test_keyboard_book_a_matching_meeting(portal):
    page = portal
    event = event_make(title="Incontri B2B a Bologna", slots=3, tables=2)
    alice = registered(event, member("alice@example.org", first_name="Alice", last_name="Rossi"))
    bruno = registered(event, member("bruno@example.org", first_name="Bruno", last_name="Verdi"))

    # Alice asks Bruno for a meeting from the catalogue
    log_in(page, alice.user.email)
    page.goto(page.portal.url(event.get_absolute_url()))
    skip_to_main(page)
    tab_to(page, "link", "Who takes part")
    press_and_wait(page)
    tab_to(page, page.locator(f"#person-{bruno.pk}").get_by_role("link", name="Ask for a meeting"))
    press_and_wait(page)
    tab_to(page, "textbox", label("Message"))
    page.keyboard.type("Ci serve un nuovo sito.")
    tab_to(page, "button", "Send the request")
    press_and_wait(page)
    expect(page.locator(f"#person-{bruno.pk} .request-state")).to_have_text("Request sent")

    # Bruno accepts and chooses the time: the arrow keys move among the free times
    log_in(page, bruno.user.email)
    page.goto(page.portal.url(event.get_absolute_url()))
    skip_to_main(page)
    tab_to(page, "link", "My meeting requests")
    press_and_wait(page)
    tab_to(page, "button", "Accept")
    press_and_wait(page)
    page.wait_for_url("**/community/events/meetings/*/time/")
    times = page.locator("#slot-form").get_by_role("radio")
    tab_to(page, times.first)
    press(page, "ArrowDown")
    expect(times.nth(1)).to_be_focused()
    expect(times.nth(1)).to_be_checked()
    tab_to(page, "button", "Confirm the time")
    press_and_wait(page)

    page.wait_for_url(f"**/community/events/{event.pk}/requests/?tab=meetings")
    expect(page.locator("#requests .meeting-place")).to_contain_text("Tavolo 1")
    meeting = Meeting.objects.get()
    assert meeting.request == MeetingRequest.objects.get(requester=alice, recipient=bruno)
    assert (meeting.slot, meeting.placed_by) == (slots_of(event)[1], "recipient")


def test_keyboard_refused_form_ties_each_error_to_its_field(portal):
    page = portal
    group = WorkingGroupFactory(name="Formazione", slug="formazione")
    anna = MembershipFactory(group=group, user=member("anna@example.org")).user
    log_in(page, anna.email)
    page.goto(page.portal.url(f"{group.get_absolute_url()}proposals/new/"))

    # Anna saves the empty form
    skip_to_main(page)
    tab_to(page, "button", "Save the draft")
    press_and_wait(page)

    # the focus is on the first field in error, whose error is its description
    title = page.get_by_role("textbox", name=label("Title"))
    expect(title).to_be_focused()
    assert_focus_shows(focus_state(page))
    fields = page.locator("main form [aria-invalid='true']")
    expect(fields).to_have_count(3)
    errors = page.locator("main form .invalid-feedback")
    expect(errors).to_have_count(3)
    for name in ("Title", "Summary", "Text"):
        field = page.get_by_role("textbox", name=label(name))
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(re.compile("This field is required."))
        described_by = field.get_attribute("aria-describedby").split()
        error_id = f"{field.get_attribute('id')}_error"
        assert error_id in described_by
        expect(page.locator(f"[id='{error_id}']")).to_be_visible()
    # every message shown belongs to a field
    shown = set(errors.evaluate_all("(els) => els.map((el) => el.id)"))
    tied = set(
        fields.evaluate_all(
            "(els) => els.flatMap((el) => el.getAttribute('aria-describedby').split(' '))"
        )
    )
    assert shown <= tied

    # she fixes the title where the focus is, the text further on, then goes back (Shift+Tab)
    # to the summary she passed
    page.keyboard.type("Un corso sui bandi europei")
    tab_to(page, "textbox", label("Text"))
    page.keyboard.type("Per i soci.")
    tab_to(page, "textbox", label("Summary"), backwards=True)
    page.keyboard.type("Un corso annuale.")
    tab_to(page, "button", "Save the draft")
    press_and_wait(page)
    expect(page.locator("#proposal-status")).to_have_text("Draft")
    proposal = Proposal.objects.get(group=group)
    assert (proposal.title, proposal.summary, proposal.body) == (
        "Un corso sui bandi europei",
        "Un corso annuale.",
        "Per i soci.",
    )
