"""Demo applications in every state, the cooperative's rules and review criteria, a call to action.

Written with the ORM (they have a past: submissions, reviews and decisions by other people); each
application's timeline is told by audit events as the services would have written them."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from coopportal.accounts.models import Sector, User
from coopportal.core.audit import log_action
from coopportal.core.models import AuditEvent
from coopportal.core.seed_bulk import insert_rows
from coopportal.core.seed_sizes import size as size_of

from ..models import (
    ActionResponse,
    Application,
    ApplicationAttachment,
    BudgetLine,
    CallToAction,
    CoApplicant,
    Criterion,
    FundingCall,
    Review,
    ReviewScore,
    Rule,
)

Status = Application.Status
DEMO_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

RULES = [
    ("Il capofila è socio da almeno 6 mesi", Rule.Kind.SENIORITY, Decimal(6)),
    ("Il contributo richiesto non supera 150.000 euro", Rule.Kind.BUDGET_CAP, Decimal(150000)),
    ("Al massimo 2 candidature aperte per socio", Rule.Kind.OPEN_APPLICATIONS, Decimal(2)),
    (
        "Il progetto è coerente con lo scopo mutualistico della cooperativa",
        Rule.Kind.DECLARED,
        None,
    ),
    ("I coproponenti hanno letto e condiviso il progetto", Rule.Kind.DECLARED, None),
]
CRITERIA = [
    ("Qualità e fattibilità del progetto", "Obiettivi chiari, piano e budget realistici."),
    ("Coerenza con il bando", "Risponde a ciò che il bando finanzia."),
    ("Impatto sui soci e sul territorio", "Chi ne beneficia, quanto e per quanto tempo."),
]

# (title, status, lead e-mail, requested, lines, reason)
APPLICATIONS = [
    (
        "Biblioteca diffusa di quartiere",
        Status.DRAFT,
        "socia@demo.coop",
        "40000",
        [("Allestimento", "25000"), ("Personale", "20000")],
        "",
    ),
    (
        "Festival delle culture in periferia",
        Status.SUBMITTED,
        "coordinatore@demo.coop",
        "60000",
        [("Artisti e tecnici", "50000"), ("Comunicazione", "15000")],
        "",
    ),
    (
        "Laboratori teatrali per le scuole",
        Status.IN_REVIEW,
        "socia@demo.coop",
        "30000",
        [("Formatori", "28000"), ("Materiali", "4000")],
        "",
    ),
    (
        "Digitalizzazione dell'archivio sociale",
        Status.CHANGES_REQUESTED,
        "coordinatore@demo.coop",
        "45000",
        [("Software", "30000")],
        "Il budget va dettagliato: mancano i costi del personale.",
    ),
    (
        "Coworking per giovani professionisti",
        Status.APPROVED,
        "socia@demo.coop",
        "80000",
        [("Arredi", "50000"), ("Affitto", "40000")],
        "Progetto solido e coerente con il bando.",
    ),
    (
        "Orti urbani cooperativi",
        Status.REJECTED,
        "coordinatore@demo.coop",
        "20000",
        [("Attrezzi", "20000")],
        "Il bando non finanzia attività agricole.",
    ),
    (
        "Rete europea di musica indipendente",
        Status.SUBMITTED_TO_FUNDER,
        "socia@demo.coop",
        "150000",
        [("Tour", "120000"), ("Registrazioni", "60000")],
        "Approvato.",
    ),
    (
        "Cinema all'aperto d'estate",
        Status.FUNDED,
        "coordinatore@demo.coop",
        "25000",
        [("Noleggio", "20000"), ("Diritti", "8000")],
        "Approvato.",
    ),
    (
        "Museo di comunità",
        Status.NOT_FUNDED,
        "socia@demo.coop",
        "70000",
        [("Allestimento", "80000")],
        "Approvato.",
    ),
    (
        "Scuola di circo sociale",
        Status.WITHDRAWN,
        "coordinatore@demo.coop",
        "15000",
        [("Istruttori", "15000")],
        "",
    ),
]
# the moves each status went through, from the draft (for the timeline)
PATHS = {
    Status.DRAFT: [],
    Status.SUBMITTED: [Status.SUBMITTED],
    Status.IN_REVIEW: [Status.SUBMITTED, Status.IN_REVIEW],
    Status.CHANGES_REQUESTED: [Status.SUBMITTED, Status.IN_REVIEW, Status.CHANGES_REQUESTED],
    Status.APPROVED: [Status.SUBMITTED, Status.IN_REVIEW, Status.APPROVED],
    Status.REJECTED: [Status.SUBMITTED, Status.IN_REVIEW, Status.REJECTED],
    Status.SUBMITTED_TO_FUNDER: [
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.APPROVED,
        Status.SUBMITTED_TO_FUNDER,
    ],
    Status.FUNDED: [
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.APPROVED,
        Status.SUBMITTED_TO_FUNDER,
        Status.FUNDED,
    ],
    Status.NOT_FUNDED: [
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.APPROVED,
        Status.SUBMITTED_TO_FUNDER,
        Status.NOT_FUNDED,
    ],
    Status.WITHDRAWN: [Status.SUBMITTED, Status.WITHDRAWN],
}
STAMPS = {
    Status.SUBMITTED: "submitted_at",
    Status.IN_REVIEW: "review_started_at",
    Status.APPROVED: "decided_at",
    Status.CHANGES_REQUESTED: "decided_at",
    Status.REJECTED: "decided_at",
    Status.SUBMITTED_TO_FUNDER: "sent_to_funder_at",
    Status.FUNDED: "outcome_at",
    Status.NOT_FUNDED: "outcome_at",
    Status.WITHDRAWN: "withdrawn_at",
}


def _rules_and_criteria():
    for position, (title, kind, value) in enumerate(RULES):
        Rule.objects.get_or_create(
            title=title, call=None, defaults={"kind": kind, "value": value, "position": position}
        )
    return [
        Criterion.objects.get_or_create(
            name=name, call=None, defaults={"description": text, "position": position}
        )[0]
        for position, (name, text) in enumerate(CRITERIA)
    ]


def seed_applications(*, calls, now):
    people = {u.email: u for u in User.objects.filter(email__endswith="@demo.coop")}
    if "socia@demo.coop" not in people:
        return
    criteria = _rules_and_criteria()
    staff = people.get("staff@demo.coop")
    reviewer = people.get("cda@demo.coop")
    open_calls = [call for call in calls if call.is_open] or calls
    for index, (title, status, email, requested, lines, reason) in enumerate(APPLICATIONS):
        if Application.objects.filter(title=title).exists():
            continue
        lead = people[email]
        started = now - timedelta(days=40 - index * 3)
        fields = {}
        path = PATHS[status]
        for step, move in enumerate(path):
            fields[STAMPS[move]] = started + timedelta(days=step + 1)
        application = Application.objects.create(
            call=open_calls[index % len(open_calls)],
            lead=lead,
            title=title,
            status=status,
            summary=f"{title}: un progetto dei soci, presentato dalla cooperativa.",
            requested_amount=Decimal(requested),
            decision_reason=reason if status not in (Status.SUBMITTED, Status.IN_REVIEW) else "",
            decided_by=staff if "decided_at" in fields else None,
            funded_amount=Decimal(requested) * Decimal("0.8") if status == Status.FUNDED else None,
            **fields,
        )
        if index == 0:  # the draft has its project attached
            attachment = ApplicationAttachment(
                application=application,
                title="Progetto",
                content_type="application/pdf",
                uploaded_by=lead,
            )
            attachment.file.save("progetto.pdf", ContentFile(DEMO_PDF), save=True)
        BudgetLine.objects.bulk_create(
            [
                BudgetLine(application=application, description=d, amount=Decimal(a), position=p)
                for p, (d, a) in enumerate(lines)
            ]
        )
        partner = people[
            "coordinatore@demo.coop" if email == "socia@demo.coop" else "socia@demo.coop"
        ]
        CoApplicant.objects.create(
            application=application,
            user=partner,
            status=CoApplicant.Status.PENDING
            if status == Status.DRAFT
            else CoApplicant.Status.ACCEPTED,
            answered_at=None if status == Status.DRAFT else started,
        )
        previous = Status.DRAFT
        for move in path:
            actor = lead if move in (Status.SUBMITTED, Status.WITHDRAWN) else staff
            log_action(
                target=application,
                action=f"calls.application.{move}",
                by=actor,
                **{
                    "from": str(previous),
                    "to": str(move),
                    "reason": reason if STAMPS[move] == "decided_at" else "",
                },
            )
            previous = move
        if reviewer and Status.IN_REVIEW in path:
            review = Review.objects.create(
                application=application,
                reviewer=reviewer,
                assigned_by=staff,
                no_conflict_at=started,
                submitted_at=started + timedelta(days=2),
                comment="Valutazione dei soci del consiglio.",
            )
            scores = [
                ReviewScore(review=review, criterion=c, score=3 + (index + n) % 3)
                for n, c in enumerate(criteria)
            ]
            ReviewScore.objects.bulk_create(scores)
            review.average = Decimal(sum(s.score for s in scores)) / len(scores)
            review.save(update_fields=["average"])


def seed_call_to_action(*, now):
    action, created = CallToAction.objects.get_or_create(
        slug="cultura-nei-quartieri",
        defaults={
            "title": "Cultura nei quartieri: cerchiamo soci per una rete di spazi",
            "theme": "Cultura e comunità",
            "body": "La cooperativa vuole candidare una **rete di spazi culturali di "
            "quartiere** ai prossimi bandi. Cerchiamo soci che portino spazi, competenze "
            "e tempo. Con 10 adesioni avviamo un gruppo di lavoro.",
            "deadline_at": now + timedelta(days=21),
            "target": 10,
        },
    )
    if created:
        for email, text in (
            ("socia@demo.coop", "Un locale a Milano e competenze di grafica"),
            ("coordinatore@demo.coop", "Esperienza di progettazione europea"),
            ("cda@demo.coop", "Contatti con le fondazioni"),
        ):
            user = User.objects.filter(email=email).first()
            if user:
                ActionResponse.objects.create(
                    action=action, user=user, contribution=text, share_with_others=True
                )
        action.responses_count = action.responses.count()
        action.save(update_fields=["responses_count"])
    return action


def seed_follows(*, calls):
    """socia@demo.coop follows the culture calls of Lombardy and keeps a search."""
    from ..models import CallFollow, SavedSearch

    user = User.objects.filter(email="socia@demo.coop").first()
    if user is None:
        return
    SavedSearch.objects.get_or_create(user=user, query="q=cultura", defaults={"name": "Cultura"})
    for call in calls[:2]:
        CallFollow.objects.get_or_create(user=user, call=call)
        call.followers_count = call.follows.count()
        call.save(update_fields=["followers_count"])


def profile_defaults():
    """The demo members' sectors and sizes, so that "calls for me" has reasons to give."""
    culture = Sector.objects.filter(code__in=["R", "J"])
    for email, size in (("socia@demo.coop", "micro"), ("coordinatore@demo.coop", "small")):
        user = User.objects.filter(email=email).first()
        if user and not user.sectors.exists():
            user.sectors.set(culture)
            user.enterprise_size = size
            user.save(update_fields=["enterprise_size"])


def seed_scale_applications(*, scale, now):
    """`size("applications")` applications of the scale members to the scale calls, in every
    state, with two budget lines each and their timeline (audit events), streamed in. Made once:
    only what the scale people do not have yet."""
    wanted = size_of("applications", scale)
    have = Application.objects.filter(lead__email__startswith="persona").count()
    if have >= wanted:
        return
    calls = list(
        FundingCall.objects.filter(source="csv", source_id__startswith="demo-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    leads = list(
        User.objects.filter(email__startswith="persona", membership_verified_at__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not calls or not leads:
        return
    staff = User.objects.filter(email="staff@demo.coop").values_list("pk", flat=True).first()
    statuses = list(PATHS)
    specs = []
    for n in range(have, wanted):
        status = statuses[n % len(statuses)]
        started = now - timedelta(days=10 + n % 300)
        fields = {
            STAMPS[move]: started + timedelta(days=step + 1)
            for step, move in enumerate(PATHS[status])
        }
        requested = Decimal(5000 + 500 * (n % 100))
        specs.append(
            Application(
                call_id=calls[n % len(calls)],
                lead_id=leads[(n * 7) % len(leads)],
                title=f"Progetto dei soci n. {n + 1}",
                status=status,
                summary="Un progetto dei soci, presentato dalla cooperativa.",
                requested_amount=requested,
                decision_reason="Valutato dal comitato." if "decided_at" in fields else "",
                decided_by_id=staff if "decided_at" in fields else None,
                funded_amount=requested * Decimal("0.8") if status == Status.FUNDED else None,
                created_at=started,
                updated_at=max([started, *fields.values()]),
                **fields,
            )
        )
    ids = insert_rows(Application, specs, returning=True)
    insert_rows(
        BudgetLine,
        (
            {"application_id": pk, "description": d, "amount": Decimal(a), "position": p}
            for pk in ids
            for p, (d, a) in enumerate((("Personale", 3000), ("Attrezzature", 2000)))
        ),
    )
    app_type = ContentType.objects.get_for_model(Application).pk

    def events():
        for pk, spec in zip(ids, specs, strict=True):
            previous = Status.DRAFT
            for move in PATHS[spec.status]:
                actor = spec.lead_id if move in (Status.SUBMITTED, Status.WITHDRAWN) else staff
                yield {
                    "actor_id": actor,
                    "action": f"calls.application.{move}",
                    "content_type_id": app_type,
                    "object_id": str(pk),
                    "data": {"from": str(previous), "to": str(move), "reason": ""},
                    "created_at": getattr(spec, STAMPS[move]),
                }
                previous = move

    insert_rows(AuditEvent, events())
