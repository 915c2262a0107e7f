"""Member matching, clicked through in Italian (the portal's language and these members' own):
Anna writes her profile (with a preview before saving) and sees how complete it is; she searches
the directory for "cooperativa" and finds Bruno's "cooperative" (Italian stemming and prefixes),
sees Bruno among her suggestions with the reason, opens his profile (his e-mail, for his contacts
only, is not in the page) and asks to get in touch. Bruno finds the request in the bell, accepts
it and then sees Anna's e-mail but not her phone (nobody's); Anna sees Bruno's e-mail but not his
address (nobody's)."""

import re

import pytest
from playwright.sync_api import expect

from matching.models import ContactRequest, Profile
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import violations
from tests.factories import UserFactory
from tests.matching.factories import profile_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANNA_EMAIL = "anna.contatti@coopverdi.example"
ANNA_PHONE = "+39 333 9876543"
BRUNO_EMAIL = "bruno.contatti@studioneri.example"
BRUNO_PHONE = "+39 051 123456"
BRUNO_ADDRESS = "Via dei Mille 12, Bologna"


def field(page, label):
    """A form field by its label, with or without the asterisk of the required ones."""
    return page.locator("main").get_by_label(re.compile(rf"^\s*{re.escape(label)}\*?\s*$"))


def test_profile_search_suggestion_request_and_accepted_contact(
    portal, browser, browser_context_args
):
    page = portal
    anna = UserFactory(member=True, email="anna@example.org", first_name="Anna", last_name="Verdi")
    bruno = UserFactory(
        member=True, email="bruno@example.org", first_name="Bruno", last_name="Neri"
    )
    bruno_profile = profile_make(
        user=bruno,
        offers=["web design"],
        needs=["contabilità"],
        skills=["grafica"],
        presentation="Progettiamo siti web per le cooperative del territorio.",
        activity="Studio di comunicazione digitale.",
        contact_email=BRUNO_EMAIL,
        contact_email_visibility="connections",
        contact_phone=BRUNO_PHONE,
        contact_phone_visibility="members",
        contact_address=BRUNO_ADDRESS,
        contact_address_visibility="nobody",
    )
    profile_make(
        user=UserFactory(member=True, first_name="Carla", last_name="Bianchi"),
        offers=["ortaggi biologici"],
        presentation="Coltiviamo ortaggi biologici in collina.",
    )

    # 1. Anna finds the matching area in the navigation and writes her profile
    log_in(page, anna.email)
    page.get_by_role("navigation", name="Navigazione principale").get_by_role(
        "link", name="Matching tra soci"
    ).click()
    page.wait_for_url("**/matching/")
    page.locator("main").get_by_role("link", name=re.compile("Il mio profilo")).click()
    expect(page.locator("main")).to_contain_text("Non hai ancora un profilo")
    page.locator("main").get_by_role("link", name="Scrivi il mio profilo").click()
    page.wait_for_url("**/matching/profile/edit/")
    page.get_by_label("Una persona").check()
    field(page, "Presentazione").fill("Studio di servizi amministrativi per il terzo settore.")
    field(page, "Attività").fill("Teniamo la contabilità e le paghe di piccole imprese sociali.")
    field(page, "Competenze").fill("contabilità, bilanci")
    field(page, "Che cosa offro (etichette)").fill("contabilità")
    field(page, "Che cosa cerco (etichette)").fill("web design")
    field(page, "E-mail di contatto").fill(ANNA_EMAIL)
    field(page, "Chi vede l'e-mail").select_option(label="I miei contatti (richieste accettate)")
    field(page, "Telefono").fill(ANNA_PHONE)
    field(page, "Chi vede il telefono").select_option(label="Nessuno")

    # the preview shows the profile as the others will see it, and saves nothing
    page.get_by_role("button", name="Anteprima").click()
    preview = page.locator(".profile-preview")
    heading = preview.get_by_role("heading", name="Anteprima: non è ancora salvato nulla")
    expect(heading).to_be_visible()
    expect(preview).to_contain_text("Studio di servizi amministrativi per il terzo settore.")
    expect(preview.get_by_label("Che cosa cerco")).to_contain_text("web design")
    assert not Profile.objects.filter(user=anna).exists()
    # the form keeps what she wrote
    expect(field(page, "Telefono")).to_have_value(ANNA_PHONE)

    page.get_by_role("button", name="Salva").click()
    page.wait_for_url("**/matching/profile/")
    expect(page.get_by_role("alert").filter(has_text="Il tuo profilo è salvato.")).to_be_visible()
    completeness = page.locator("#completeness-heading")
    expect(completeness).to_have_text(re.compile(r"^Il tuo profilo è completo al \d+%\.$"))
    percent = int(re.search(r"(\d+)%", completeness.inner_text()).group(1))
    assert 0 < percent <= 100
    expect(page.locator("progress.profile-completeness")).to_have_attribute("value", str(percent))
    saved = Profile.objects.get(user=anna)
    assert (saved.contact_email_visibility, saved.contact_phone_visibility) == (
        "connections",
        "nobody",
    )
    assert [tag.name for tag in saved.needs.all()] == ["web design"]

    # 2. the directory, in Italian: "cooperativa" finds Bruno's "cooperative" (stem and prefix)
    page.goto(page.portal.url("/matching/"))
    page.locator("main").get_by_role("link", name=re.compile("Elenco dei soci")).first.click()
    search = page.get_by_role("search", name="Cerca tra i soci")
    search.get_by_label(re.compile(r"^\s*Cerca\*?\s*$")).fill("cooperativa")
    search.get_by_role("button", name="Cerca").click()
    results = page.locator("#directory-results")
    expect(results.get_by_role("link", name="Bruno Neri")).to_be_visible()
    expect(results.get_by_role("link", name="Carla Bianchi")).to_have_count(0)
    expect(page.locator("#results-count")).to_have_text(re.compile(r"^\s*1 profilo trovato\s*$"))
    assert violations(page) == []  # WCAG 2.2 AA (axe-core)

    # 3. the suggestions: Bruno, because he offers what Anna looks for
    page.goto(page.portal.url("/matching/"))
    page.locator("main").get_by_role("link", name=re.compile("Soci suggeriti")).first.click()
    card = page.locator(".profile-card").filter(has=page.get_by_role("link", name="Bruno Neri"))
    expect(card).to_have_count(1)
    reasons = card.get_by_role("list", name="Perché questo socio")
    expect(reasons).to_contain_text("offre web design, che cerchi")
    expect(reasons).to_contain_text("cerca contabilità, che offri")
    expect(page.locator(".profile-card").filter(has_text="Carla Bianchi")).to_have_count(0)
    card.get_by_role("link", name="Bruno Neri").click()
    page.wait_for_url(f"**{bruno_profile.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bruno Neri")
    contact_box = page.get_by_role("region", name="Contatto")
    expect(contact_box).to_contain_text(BRUNO_PHONE)  # for all the members
    html = page.content()
    assert BRUNO_EMAIL not in html  # for his contacts only: not even in the source
    assert BRUNO_ADDRESS not in html  # for nobody
    assert violations(page) == []

    contact_box.get_by_role("link", name="Chiedi di metterti in contatto").click()
    page.get_by_label(re.compile(r"^\s*Il tuo messaggio\*?\s*$")).fill(
        "Ciao Bruno, cerchiamo chi rifaccia il sito della cooperativa: ne parliamo?"
    )
    page.get_by_role("button", name="Invia la richiesta").click()
    page.wait_for_url(f"**{bruno_profile.get_absolute_url()}")
    expect(
        page.get_by_role("alert").filter(
            has_text="La tua richiesta è inviata: ti avviseremo quando Bruno Neri risponderà."
        )
    ).to_be_visible()
    expect(page.get_by_role("region", name="Contatto")).to_contain_text(
        "La tua richiesta attende una risposta."
    )
    assert BRUNO_EMAIL not in page.content()  # not yet: Bruno has not accepted

    # 4. Bruno, in a browser of his own, finds the request in the bell and accepts it
    context = browser.new_context(**browser_context_args)
    bruno_page = context.new_page()
    bruno_page.set_default_timeout(10_000)
    bruno_page.portal = page.portal
    anna_page, page = page, bruno_page  # Anna's browser stays signed in
    log_in(page, bruno.email)
    bell = page.get_by_role("link", name="Notifiche: 1 non letta")
    expect(bell).to_be_visible()
    bell.click()
    page.get_by_role("link", name=re.compile("Anna Verdi vorrebbe mettersi in contatto")).click()
    page.wait_for_url("**/matching/contacts/**")
    row = page.locator("#contacts li").filter(has_text="Anna Verdi")
    expect(row).to_contain_text("cerchiamo chi rifaccia il sito della cooperativa")
    assert ANNA_EMAIL not in page.content()  # not before he accepts
    row.get_by_role("button", name="Accetta").click()
    page.wait_for_url("**/matching/contacts/?tab=contacts")
    expect(
        page.get_by_role("alert").filter(
            has_text="Siete in contatto: ora vedete i recapiti l'uno dell'altra."
        )
    ).to_be_visible()
    assert ContactRequest.objects.get(sender=anna, recipient=bruno).status == "accepted"

    # 5. Bruno sees Anna's e-mail (for her contacts), not her phone (for nobody)
    row = page.locator("#contacts li").filter(has_text="Anna Verdi")
    expect(row.locator(".contact-fields")).to_contain_text(ANNA_EMAIL)
    html = page.content()
    assert ANNA_PHONE not in html
    assert violations(page) == []

    context.close()

    # Anna (still signed in), on Bruno's profile and her contacts page, sees his e-mail, never
    # his address
    page = anna_page
    page.goto(page.portal.url("/dashboard/"))
    page.get_by_role("link", name=re.compile(r"^Notifiche: \d+ non lett")).click()
    page.get_by_role("link", name="Bruno Neri: ha accettato la tua richiesta di contatto.").click()
    page.wait_for_url("**/matching/contacts/**")
    page.goto(page.portal.url(bruno_profile.get_absolute_url()))
    contact_box = page.get_by_role("region", name="Contatto")
    expect(contact_box).to_contain_text("Siete in contatto.")
    expect(contact_box).to_contain_text(BRUNO_EMAIL)
    expect(contact_box).to_contain_text(BRUNO_PHONE)
    assert BRUNO_ADDRESS not in page.content()
    page.goto(page.portal.url("/matching/"))
    page.locator("main").get_by_role("link", name=re.compile("I miei contatti")).first.click()
    page.locator("#contact-tabs").get_by_role("link", name=re.compile("In contatto")).click()
    row = page.locator("#contacts li").filter(has_text="Bruno Neri")
    expect(row.locator(".contact-fields")).to_contain_text(BRUNO_EMAIL)
    assert BRUNO_ADDRESS not in page.content()
