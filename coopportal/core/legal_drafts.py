# ruff: noqa: E501 - the Markdown tables of the texts are one row a line
"""The German and French drafts of the legal pages (the Italian and English ones are in
migrations/0003_legal_pages.py): the cooperative completes the parts in [square brackets] in the
admin. Written into the pages by migrations/0005_legal_pages_de_fr.py where staff have not
written a text of their own."""

PRIVACY_DE = """\
Diese Information erklärt, wie die Genossenschaft die personenbezogenen Daten der Personen
verarbeitet, die das Portal nutzen, gemäß den Artikeln 13 und 14 der Verordnung (EU) 2016/679
(DSGVO) und dem italienischen Gesetzesdekret 196/2003.

## Verantwortlicher

[Name der Genossenschaft], Sitz [Anschrift], Steuer- und MwSt.-Nummer [Nummer], E-Mail
[E-Mail-Adresse für den Datenschutz], zertifizierte E-Mail (PEC) [Adresse].
[Falls ernannt: Der Datenschutzbeauftragte (DSB) ist erreichbar unter [E-Mail des DSB].]

## Welche Daten wir verarbeiten

- **Kontodaten**: Vorname, Nachname, E-Mail-Adresse, Sprache, Passwort (nur verschlüsselt
  gespeichert), Provinz, wenn Sie sie angeben.
- **Mitgliedschaftsdaten**: Mitgliedsnummer und Aufnahmedatum, wenn Sie die Bestätigung als
  Mitglied beantragen.
- **Was Sie veröffentlichen**: Beiträge, Vorschläge, Kommentare, Dokumente, Zusagen und Teilnahme
  an Treffen, Kursanmeldungen, Bewerbungen auf Ausschreibungen.
- **Technische Daten**: IP-Adresse, Datum und Uhrzeit der Zugriffe und die technischen Cookies, die
  das Portal zum Funktionieren braucht (Sitzung, Schutz der Formulare, gewählte Sprache). Wir
  verwenden keine Profiling-Cookies und keine Tracker von Dritten.

## Warum wir sie verarbeiten und auf welcher Rechtsgrundlage

| Zweck | Rechtsgrundlage |
|---|---|
| Ihr Konto einrichten und führen; Teilnahme an Gruppen, Treffen, Kursen und Ausschreibungen | Erfüllung der Nutzungsbedingungen, die Sie annehmen (Art. 6 Abs. 1 lit. b DSGVO) |
| Ihre Mitgliedschaft in der Genossenschaft prüfen und verwalten | Erfüllung des Mitgliedschaftsvertrags und rechtliche Pflichten (Art. 6 Abs. 1 lit. b und c) |
| Die Benachrichtigungen und E-Mails senden, die Sie in Ihren Einstellungen wählen | Erfüllung der Nutzungsbedingungen; Sie können sie jederzeit ändern |
| Sicherheit des Portals, Vorbeugung von Missbrauch, Protokoll der Moderation | berechtigtes Interesse der Genossenschaft (Art. 6 Abs. 1 lit. f) |
| Gesetzliche Pflichten erfüllen und Behörden antworten | rechtliche Verpflichtung (Art. 6 Abs. 1 lit. c) |

Die Kontodaten sind nötig, um das Portal zu nutzen; andere Daten sind freiwillig, außer denen, die
eine bestimmte Tätigkeit verlangt (zum Beispiel eine Bewerbung).

## Wer die Daten sehen kann

Die befugten Mitarbeitenden und Organe der Genossenschaft (Staff, Verwaltungsrat) für ihre eigenen
Aufgaben; andere Teilnehmende sehen nur, was Sie in den Bereichen veröffentlichen, zu denen sie
Zugang haben. Die Daten werden auch von Dienstleistern als Auftragsverarbeitern verarbeitet
(Hosting, E-Mail-Versand: [Namen der Dienstleister]), innerhalb der Europäischen Union. Wir
verkaufen keine Daten und geben sie nicht für Werbezwecke an Dritte weiter.

## Wie lange wir sie aufbewahren

- Konto und Inhalte: solange das Konto aktiv ist; nach der Löschung des Kontos werden die Daten
  innerhalb von [30] Tagen gelöscht oder anonymisiert, außer was das Gesetz aufzubewahren verlangt.
- Mitgliedschaftsdaten: für die Dauer der Mitgliedschaft und die gesetzlichen Fristen
  (Mitgliederbuch, zivil- und steuerrechtliche Pflichten: in der Regel 10 Jahre).
- Technische und Sicherheitsprotokolle: [12] Monate.

## Ihre Rechte

Sie können jederzeit Auskunft über Ihre Daten, ihre Berichtigung oder Löschung, die Einschränkung
der Verarbeitung und die Datenübertragbarkeit verlangen und der Verarbeitung auf Grundlage des
berechtigten Interesses widersprechen (Artikel 15–22 DSGVO). Schreiben Sie an [E-Mail-Adresse für
den Datenschutz]: Wir antworten innerhalb eines Monats. Sie haben auch das Recht, Beschwerde bei der
italienischen Datenschutzbehörde einzulegen, dem Garante per la protezione dei dati personali
(www.garanteprivacy.it).

## Änderungen

Wenn sich diese Information ändert, ändert sich auch das Datum der letzten Aktualisierung unten auf
der Seite; über wichtige Änderungen informieren wir Sie im Portal.
"""

PRIVACY_FR = """\
Cette notice explique comment la coopérative traite les données personnelles des personnes qui
utilisent le portail, conformément aux articles 13 et 14 du règlement (UE) 2016/679 (RGPD) et au
décret législatif italien 196/2003.

## Responsable du traitement

[Raison sociale de la coopérative], siège [adresse], code fiscal et numéro de TVA [numéro], e-mail
[adresse e-mail pour la protection des données], e-mail certifié (PEC) [adresse].
[Le cas échéant : le délégué à la protection des données (DPO) est joignable à l'adresse
[e-mail du DPO].]

## Quelles données nous traitons

- **Données du compte** : prénom, nom, adresse e-mail, langue, mot de passe (conservé uniquement
  sous forme chiffrée), province si vous l'indiquez.
- **Données d'adhésion** : numéro de membre et date d'admission, lorsque vous demandez à être
  vérifié comme membre.
- **Ce que vous publiez** : messages, propositions, commentaires, documents, réponses et présences
  aux réunions, inscriptions aux formations, candidatures aux appels.
- **Données techniques** : adresse IP, date et heure des accès et les cookies techniques
  nécessaires au fonctionnement du portail (session, protection des formulaires, langue choisie).
  Nous n'utilisons ni cookies de profilage ni traceurs de tiers.

## Pourquoi nous les traitons et sur quelle base juridique

| Finalité | Base juridique |
|---|---|
| Créer et gérer votre compte ; participer aux groupes, réunions, formations et appels | exécution des conditions d'utilisation que vous acceptez (art. 6.1.b RGPD) |
| Vérifier et gérer votre adhésion à la coopérative | exécution du contrat d'adhésion et obligations légales (art. 6.1.b et 6.1.c) |
| Vous envoyer les notifications et e-mails que vous choisissez dans vos préférences | exécution des conditions d'utilisation ; vous pouvez les modifier à tout moment |
| Sécurité du portail, prévention des abus, registre des actions de modération | intérêt légitime de la coopérative (art. 6.1.f) |
| Respecter la loi et répondre aux autorités | obligation légale (art. 6.1.c) |

Les données du compte sont nécessaires pour utiliser le portail ; les autres données sont
facultatives, sauf celles qu'une activité donnée demande (par exemple une candidature).

## Qui peut voir les données

Le personnel et les organes autorisés de la coopérative (staff, conseil d'administration), pour
leurs propres tâches ; les autres participants ne voient que ce que vous publiez dans les espaces
auxquels ils ont accès. Les données sont aussi traitées par des prestataires agissant comme
sous-traitants (hébergement, envoi d'e-mails : [noms des prestataires]), dans l'Union européenne.
Nous ne vendons pas les données et ne les cédons pas à des tiers à des fins commerciales.

## Combien de temps nous les conservons

- Compte et contenus : tant que le compte est actif ; après la suppression du compte, les données
  sont effacées ou anonymisées dans un délai de [30] jours, sauf ce que la loi impose de conserver.
- Données d'adhésion : pendant la durée de l'adhésion et les délais prévus par la loi (livre des
  membres, obligations civiles et fiscales : en général 10 ans).
- Journaux techniques et de sécurité : [12] mois.

## Vos droits

Vous pouvez à tout moment demander l'accès à vos données, leur rectification ou leur effacement,
la limitation du traitement, la portabilité, et vous opposer au traitement fondé sur l'intérêt
légitime (articles 15 à 22 du RGPD). Écrivez à [adresse e-mail pour la protection des données] :
nous répondons dans un délai d'un mois. Vous avez aussi le droit d'introduire une réclamation auprès
de l'autorité italienne de protection des données, le Garante per la protezione dei dati personali
(www.garanteprivacy.it).

## Modifications

Lorsque cette notice change, la date de dernière mise à jour en bas de la page change aussi ; nous
vous informons des changements importants dans le portail.
"""

TERMS_DE = """\
Diese Bedingungen regeln die Nutzung des Portals der Genossenschaft [Name der Genossenschaft]
("die Genossenschaft"). Mit der Registrierung nehmen Sie sie an.

## Das Portal

Im Portal nehmen Mitglieder und Teilnehmende am Leben der Genossenschaft teil: Arbeitsgruppen,
Treffen, Vorschläge an den Verwaltungsrat, Ausschreibungen, Weiterbildung und die Vernetzung der
Mitglieder. Einige Bereiche sind Mitgliedern vorbehalten, deren Mitgliedschaft der Staff bestätigt
hat.

## Ihr Konto

- Registrieren Sie sich mit wahren, aktuellen Angaben; das Konto ist persönlich und darf nicht
  geteilt werden.
- Bewahren Sie Ihr Passwort sicher auf; wenn Sie glauben, dass jemand es kennt, ändern Sie es und
  sagen Sie es dem Staff.
- Sie können jederzeit die Löschung Ihres Kontos verlangen, indem Sie an [E-Mail-Adresse]
  schreiben.

## Wie man teilnimmt

- Schreiben Sie respektvoll: keine Beleidigungen, Diskriminierung, Belästigung, rechtswidrigen
  Inhalte oder Werbung.
- Veröffentlichen Sie nur Inhalte, an denen Sie die Rechte haben, und verbreiten Sie keine
  personenbezogenen Daten anderer ohne deren Einwilligung.
- Was in einer geschlossenen Gruppe besprochen wird, bleibt in der Gruppe.
- Der Staff moderiert die Inhalte: Er kann verbergen oder entfernen, was gegen diese Bedingungen
  verstößt, und in schweren oder wiederholten Fällen das Konto sperren, mit Angabe des Grundes.

## Die Inhalte

Die Inhalte gehören denen, die sie schreiben. Mit der Veröffentlichung erlauben Sie der
Genossenschaft, sie im Portal den Personen zu zeigen, die Zugang zu diesem Bereich haben, und die an
den Verwaltungsrat weitergeleiteten Vorschläge in ihren Dokumenten zu verwenden (Protokolle,
Berichte, Generalversammlung).

## Haftung

Die Genossenschaft pflegt das Portal mit Sorgfalt, garantiert aber nicht, dass es immer verfügbar
oder fehlerfrei ist. Die Angaben zu Ausschreibungen dienen der Orientierung: Maßgeblich sind die
offiziellen Texte der Geldgeber.

## Änderungen und anwendbares Recht

Die Genossenschaft kann diese Bedingungen aktualisieren; über wichtige Änderungen informieren wir
Sie im Portal. Es gilt italienisches Recht; Gerichtsstand ist [Stadt], unbeschadet der Vorschriften
zum Schutz der Verbraucher. Fragen: [E-Mail-Adresse].
"""

TERMS_FR = """\
Ces conditions régissent l'utilisation du portail de la coopérative [raison sociale de la
coopérative] (« la coopérative »). En vous inscrivant, vous les acceptez.

## Le portail

Le portail est l'espace où les membres et les participants prennent part à la vie de la
coopérative : groupes de travail, réunions, propositions au conseil d'administration, appels à
financement, formation et mise en relation des membres. Certains espaces sont réservés aux membres
dont l'adhésion a été vérifiée par le staff.

## Votre compte

- Inscrivez-vous avec des informations exactes et à jour ; le compte est personnel et ne doit pas
  être partagé.
- Gardez votre mot de passe en lieu sûr ; si vous pensez que quelqu'un le connaît, changez-le et
  prévenez le staff.
- Vous pouvez demander à tout moment la suppression de votre compte en écrivant à [adresse e-mail].

## Comment participer

- Écrivez avec respect : pas d'insultes, de discriminations, de harcèlement, de contenus illégaux
  ni de publicité.
- Ne publiez que des contenus dont vous avez les droits et ne diffusez pas les données personnelles
  d'autres personnes sans leur consentement.
- Ce qui se discute dans un groupe réservé reste dans le groupe.
- Le staff modère les contenus : il peut masquer ou retirer ce qui enfreint ces conditions et, dans
  les cas graves ou répétés, suspendre le compte en indiquant le motif.

## Les contenus

Les contenus appartiennent à qui les écrit. En les publiant, vous autorisez la coopérative à les
montrer dans le portail aux personnes qui ont accès à cet espace et, pour les propositions
transmises au conseil d'administration, à les utiliser dans ses documents (procès-verbaux, rapports,
assemblée générale).

## Responsabilité

La coopérative entretient le portail avec soin mais ne garantit pas qu'il soit toujours disponible
ou exempt d'erreurs. Les informations sur les appels sont indicatives : les textes officiels des
financeurs font foi.

## Modifications et droit applicable

La coopérative peut mettre à jour ces conditions ; nous vous informons des changements importants
dans le portail. Le droit italien s'applique ; le tribunal compétent est celui de [ville], sous
réserve des règles de protection des consommateurs. Questions : [adresse e-mail].
"""

PAGES = {
    "privacy": {
        "title_de": "Datenschutzhinweis",
        "body_de": PRIVACY_DE,
        "title_fr": "Notice sur la protection des données",
        "body_fr": PRIVACY_FR,
    },
    "terms": {
        "title_de": "Nutzungsbedingungen",
        "body_de": TERMS_DE,
        "title_fr": "Conditions d'utilisation",
        "body_fr": TERMS_FR,
    },
}
