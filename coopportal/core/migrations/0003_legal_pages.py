"""The privacy notice and the terms of use, with a draft the cooperative completes in the admin
(the parts in [square brackets]); staff may change them (not add or delete)."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, grant_permissions

PRIVACY_IT = """\
Questa informativa spiega come la cooperativa tratta i dati personali di chi usa il portale, ai sensi
degli articoli 13 e 14 del Regolamento (UE) 2016/679 (GDPR) e del D.Lgs. 196/2003.

## Titolare del trattamento

[Ragione sociale della cooperativa], con sede in [indirizzo], codice fiscale e partita IVA [numero],
e-mail [indirizzo e-mail per la privacy], PEC [indirizzo PEC].
[Se nominato: il responsabile della protezione dei dati (DPO) è raggiungibile all'indirizzo
[e-mail del DPO].]

## Quali dati trattiamo

- **Dati dell'account**: nome, cognome, indirizzo e-mail, lingua, password (conservata solo in forma
  cifrata), provincia se la indichi.
- **Dati dell'adesione**: numero di tessera e data di ammissione, quando chiedi la verifica come socio
  o socia.
- **Contenuti che pubblichi**: messaggi, proposte, commenti, documenti, adesioni e presenze agli
  incontri, iscrizioni ai corsi, candidature ai bandi.
- **Dati tecnici**: indirizzo IP, data e ora degli accessi e cookie tecnici necessari al
  funzionamento del portale (sessione, protezione dei moduli, lingua scelta). Non usiamo cookie di
  profilazione né strumenti di tracciamento di terze parti.

## Perché li trattiamo e su quale base giuridica

| Finalità | Base giuridica |
|---|---|
| Creare e gestire il tuo account, farti partecipare a gruppi, incontri, corsi e bandi | esecuzione delle condizioni d'uso che accetti (art. 6.1.b GDPR) |
| Verificare l'adesione alla cooperativa e gestire il rapporto sociale | esecuzione del contratto sociale e obblighi di legge (art. 6.1.b e 6.1.c) |
| Inviarti le notifiche e le e-mail che scegli nelle preferenze | esecuzione delle condizioni d'uso; puoi cambiarle in ogni momento |
| Sicurezza del portale, prevenzione degli abusi, registro delle azioni di moderazione | legittimo interesse della cooperativa (art. 6.1.f) |
| Adempiere a obblighi di legge e rispondere alle autorità | obbligo di legge (art. 6.1.c) |

Il conferimento dei dati dell'account è necessario per usare il portale; gli altri dati sono
facoltativi, salvo quelli richiesti per le singole attività (per esempio una candidatura).

## Chi può vedere i dati

Il personale e gli organi della cooperativa autorizzati (staff, consiglio di amministrazione) per i
compiti che spettano loro; gli altri partecipanti vedono solo ciò che pubblichi negli spazi a cui
hanno accesso. I dati sono trattati anche da fornitori che agiscono come responsabili del
trattamento (hosting, invio di e-mail: [nomi dei fornitori]), nell'Unione europea. Non vendiamo né
cediamo i dati a terzi per fini commerciali.

## Per quanto tempo li conserviamo

- Account e contenuti: finché l'account è attivo; dopo la cancellazione dell'account, i dati sono
  eliminati o resi anonimi entro [30] giorni, salvo quanto va conservato per legge.
- Dati dell'adesione: per la durata del rapporto sociale e per i termini previsti dalla legge
  (libro dei soci, obblighi civilistici e fiscali: di norma 10 anni).
- Registri tecnici e di sicurezza: [12] mesi.

## I tuoi diritti

Puoi chiedere in ogni momento l'accesso ai tuoi dati, la rettifica, la cancellazione, la limitazione
del trattamento, la portabilità, e opporti al trattamento basato sul legittimo interesse (articoli
15–22 GDPR). Scrivi a [indirizzo e-mail per la privacy]: rispondiamo entro un mese. Hai anche il
diritto di proporre reclamo al Garante per la protezione dei dati personali (www.garanteprivacy.it).

## Modifiche

Se questa informativa cambia, la data di aggiornamento in fondo alla pagina cambia con lei; delle
modifiche importanti ti avvisiamo nel portale.
"""

PRIVACY_EN = """\
This notice explains how the cooperative processes the personal data of the people who use the
portal, under articles 13 and 14 of Regulation (EU) 2016/679 (GDPR) and Italian Legislative Decree
196/2003.

## Data controller

[Name of the cooperative], registered office [address], tax code and VAT number [number], e-mail
[privacy e-mail address], certified e-mail (PEC) [address].
[If appointed: the data protection officer (DPO) can be reached at [DPO e-mail address].]

## What data we process

- **Account data**: first name, last name, e-mail address, language, password (stored only in hashed
  form), province if you give it.
- **Membership data**: membership number and admission date, when you ask to be verified as a member.
- **What you publish**: posts, proposals, comments, documents, meeting replies and attendance,
  course enrolments, applications to funding calls.
- **Technical data**: IP address, date and time of access, and the technical cookies the portal needs
  to work (session, form protection, chosen language). We use no profiling cookies and no third-party
  trackers.

## Why we process it, and on what legal basis

| Purpose | Legal basis |
|---|---|
| Creating and running your account; taking part in groups, meetings, courses and calls | performance of the terms of use you accept (art. 6.1.b GDPR) |
| Verifying your membership of the cooperative and managing it | performance of the membership contract and legal obligations (art. 6.1.b and 6.1.c) |
| Sending the notifications and e-mails you choose in your preferences | performance of the terms of use; you can change them at any time |
| Security of the portal, preventing abuse, record of moderation actions | the cooperative's legitimate interest (art. 6.1.f) |
| Complying with the law and answering the authorities | legal obligation (art. 6.1.c) |

Account data is needed to use the portal; other data is optional, except what a given activity
requires (for example an application).

## Who can see the data

The cooperative's authorised staff and bodies (staff, board of directors), for their own tasks; other
participants see only what you publish in the spaces they can access. Data is also processed by
suppliers acting as processors (hosting, e-mail delivery: [names of the suppliers]), within the
European Union. We do not sell or pass on data to third parties for marketing.

## How long we keep it

- Account and content: while the account is active; after the account is deleted, the data is
  deleted or anonymised within [30] days, except what the law requires us to keep.
- Membership data: for the duration of membership and the periods the law requires (members' book,
  civil and tax obligations: usually 10 years).
- Technical and security logs: [12] months.

## Your rights

You may at any time ask for access to your data, its correction or deletion, restriction of
processing, portability, and object to processing based on legitimate interest (articles 15–22
GDPR). Write to [privacy e-mail address]: we answer within one month. You also have the right to
lodge a complaint with the Italian data protection authority, the Garante per la protezione dei dati
personali (www.garanteprivacy.it).

## Changes

When this notice changes, the date of the last update at the bottom of the page changes too; we tell
you of important changes in the portal.
"""

TERMS_IT = """\
Queste condizioni regolano l'uso del portale della cooperativa [ragione sociale della cooperativa]
("la cooperativa"). Registrandoti le accetti.

## Il portale

Il portale è lo spazio in cui soci, socie e partecipanti prendono parte alla vita della cooperativa:
gruppi di lavoro, incontri, proposte al consiglio di amministrazione, bandi, formazione e incontro
tra i soci. Alcune aree sono riservate ai soci e alle socie la cui adesione è stata verificata dallo
staff.

## Il tuo account

- Ti registri con dati veri e aggiornati; l'account è personale e non va condiviso.
- Custodisci la password; se pensi che qualcuno la conosca, cambiala e avvisa lo staff.
- Puoi chiedere in ogni momento la cancellazione dell'account scrivendo a [indirizzo e-mail].

## Come si partecipa

- Scrivi con rispetto: niente insulti, discriminazioni, molestie, contenuti illegali o pubblicità.
- Pubblica solo contenuti di cui hai i diritti e non diffondere dati personali di altre persone
  senza il loro consenso.
- Quello che si discute in un gruppo riservato resta nel gruppo.
- Lo staff modera i contenuti: può nascondere o rimuovere ciò che viola queste condizioni e, nei casi
  gravi o ripetuti, sospendere l'account, spiegandone il motivo.

## I contenuti

I contenuti restano di chi li scrive. Pubblicandoli, autorizzi la cooperativa a mostrarli nel portale
alle persone che hanno accesso a quello spazio e, per le proposte inoltrate al consiglio di
amministrazione, a usarli nei documenti della cooperativa (verbali, relazioni, assemblea).

## Responsabilità

La cooperativa cura il portale con attenzione ma non garantisce che sia sempre disponibile o privo di
errori. Le informazioni sui bandi sono indicative: fanno fede i testi ufficiali dei finanziatori.

## Modifiche e legge applicabile

La cooperativa può aggiornare queste condizioni; delle modifiche importanti ti avvisiamo nel portale.
Si applica la legge italiana; foro competente [città], salvo quanto previsto a tutela dei
consumatori. Per domande: [indirizzo e-mail].
"""

TERMS_EN = """\
These terms govern the use of the portal of the cooperative [name of the cooperative] ("the
cooperative"). By signing up you accept them.

## The portal

The portal is where members and participants take part in the life of the cooperative: working
groups, meetings, proposals to the board of directors, funding calls, training and member matching.
Some areas are for members whose membership the staff have verified.

## Your account

- Sign up with true, up-to-date details; the account is personal and must not be shared.
- Keep your password safe; if you think someone knows it, change it and tell the staff.
- You can ask at any time for your account to be deleted by writing to [e-mail address].

## Taking part

- Write with respect: no insults, discrimination, harassment, illegal content or advertising.
- Publish only content you have the rights to, and do not share other people's personal data without
  their consent.
- What is discussed in a private group stays in the group.
- The staff moderate content: they may hide or remove what breaks these terms and, in serious or
  repeated cases, suspend the account, giving the reason.

## Content

Content belongs to whoever writes it. By publishing it, you allow the cooperative to show it in the
portal to the people who can access that space and, for proposals forwarded to the board of
directors, to use it in the cooperative's documents (minutes, reports, general assembly).

## Liability

The cooperative looks after the portal with care but does not guarantee that it is always available
or free of errors. Information about funding calls is for guidance: the funders' official texts
prevail.

## Changes and applicable law

The cooperative may update these terms; we tell you of important changes in the portal. Italian law
applies; the competent court is [city], without prejudice to consumer protection rules. Questions:
[e-mail address].
"""

PAGES = {
    "privacy": ("Informativa sulla privacy", "Privacy notice", PRIVACY_IT, PRIVACY_EN),
    "terms": ("Condizioni d'uso", "Terms of use", TERMS_IT, TERMS_EN),
}


@baseline
def create_pages(apps, schema_editor):
    LegalPage = apps.get_model("core", "LegalPage")
    for kind, (title_it, title_en, body_it, body_en) in PAGES.items():
        LegalPage.objects.get_or_create(
            kind=kind,
            defaults={
                "title_it": title_it,
                "title_en": title_en,
                "body_it": body_it,
                "body_en": body_en,
            },
        )


@baseline
def grant(apps, schema_editor):
    grant_permissions(apps, "Staff", [("core", "view_legalpage"), ("core", "change_legalpage")])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_legalpage"),
        ("accounts", "0003_roles"),
    ]

    operations = [
        migrations.RunPython(create_pages, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
