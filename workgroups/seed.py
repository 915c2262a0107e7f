"""Demo working groups, from the Smart in Progress texts (/work/shared/seeds/000_*, 001_*).

`seed(scale=0)` writes the named groups of the demo: the three groups of Smart in Progress with
their phases, the four themes of the Milan workshop (open to members, clients and partners) and a
territorial group, each with members, discussions, meetings and proposals in every status with their
history. `scale=N` adds N*2 groups, N*200 proposals, N*200 threads with N*1000 posts and N*50
meetings, spread over the "persona…" people that accounts/seed.py creates.

Rows are written directly with the ORM (bulk_create for volume), not through the services: demo data
has a past (dates, decisions by other people) that the services, which act "now", cannot write.
Idempotent: named objects are looked up by slug or by (group, title); the scale data counts what the
"persona…" people already have and only adds what is missing.
"""

import random
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

from coopportal.accounts.models import Province, User
from coopportal.core.search import vector_refresh

from .models import (
    AgendaItem,
    Endorsement,
    GroupMembership,
    Meeting,
    MeetingRSVP,
    Phase,
    Post,
    ProgressNote,
    Proposal,
    ProposalAuthor,
    ProposalComment,
    ProposalEvent,
    ProposalFollow,
    Thread,
    ThreadFollow,
    WorkingGroup,
)

BATCH = 1000
SCALE_PREFIX = "persona"

OPEN = WorkingGroup.JoinPolicy.OPEN
APPROVAL = WorkingGroup.JoinPolicy.APPROVAL
MEMBERS = WorkingGroup.Audience.MEMBERS
EVERYONE = WorkingGroup.Audience.EVERYONE
ACTIVE = GroupMembership.Status.ACTIVE
PENDING = GroupMembership.Status.PENDING
LEFT = GroupMembership.Status.LEFT
COORDINATOR = GroupMembership.Role.COORDINATOR
MEMBER = GroupMembership.Role.MEMBER
S = Proposal.Status

SOCIA = "socia@demo.coop"
COORD = "coordinatore@demo.coop"
CDA = "cda@demo.coop"
PART = "partecipante@demo.coop"
STAFF = "staff@demo.coop"

SMART_PHASES = [
    {
        "name": "Fase 1: avvio di Smart in Progress",
        "starts_on": date(2019, 7, 1),
        "ends_on": date(2021, 1, 31),
        "description": "I primi tre gruppi di lavoro dei soci: Dentro e fuori i bandi, Formazione, "
        "Ricerca e sviluppo.",
        "outcome": "Risultati presentati all'Assemblea generale dei soci 2021: una proposta di "
        "regole comuni per i bandi, un primo quadro dei bisogni formativi e un'analisi degli "
        "strumenti della cooperativa per chi inizia e per chi gestisce grandi progetti.",
    },
    {
        "name": "Fase 2: dalle proposte alla loro attuazione",
        "starts_on": date(2025, 10, 1),
        "ends_on": date(2027, 6, 30),
        "description": "Seguire le risposte del CdA alle raccomandazioni della prima fase e "
        "lavorare sui temi nuovi emersi dal workshop di Milano: networking tra soci, incontri "
        "territoriali, spazi di lavoro condivisi.",
        "outcome": "",
    },
]

# (slug, name, theme, join policy, audience, province sigla, summary, description, phases?)
GROUPS = [
    (
        "dentro-e-fuori-i-bandi", "Dentro e fuori i bandi", "Bandi e finanziamenti", OPEN, MEMBERS,
        None,
        "Regole chiare, comuni e condivise per partecipare ai bandi come cooperativa.",
        "I fondi pubblici e privati sono un mezzo importante per sostenere la propria attività. "
        "Spesso capita che i soci abbiano la necessità di partecipare a dei bandi o presentare "
        "progetti come persona giuridica.\n\nPresentarsi come cooperativa può offrire vantaggi. "
        "Farlo tramite la cooperativa è già possibile, ma solo ad alcune condizioni: **per "
        "generare maggiori opportunità è necessario darci delle regole chiare, comuni e "
        "condivise**.",
        True,
    ),
    (
        "formazione", "Formazione", "Formazione", OPEN, MEMBERS, None,
        "Le occasioni di formazione che la cooperativa può creare per i propri soci.",
        "Il gruppo si concentra sulle occasioni di formazione che la cooperativa può creare per i "
        "propri soci.\n\nAlcuni spunti di lavoro:\n\n- Quali aree di formazione per "
        "l'acquisizione di quali competenze?\n- Gratuita o a pagamento?\n- Corsi aperti a tutti "
        "o riservati ai soci?\n- Come individuare i formatori?",
        True,
    ),
    (
        "ricerca-e-sviluppo", "Ricerca e sviluppo", "Ricerca e sviluppo", APPROVAL, MEMBERS, None,
        "Gli strumenti della cooperativa rispondono alle necessità di tutti i soci?",
        "La cooperativa ha ormai più di 2.000 soci e, con l'aumentare dei numeri, aumentano anche "
        "le diversità tra le attività lavorative di ognuno. L'obiettivo del gruppo è analizzare "
        "come e quanto gli strumenti messi a disposizione rispondano alle necessità di tutti "
        "oppure se sono auspicabili dei cambiamenti.\n\nUn secondo filone riguarda le condizioni "
        "migliori per favorire la ripresa delle attività, a partire dal **networking tra i "
        "soci**.",
        True,
    ),
    (
        "governance", "Governance", "Governance", APPROVAL, MEMBERS, None,
        "Le modalità di governance della cooperativa e la partecipazione dei soci.",
        "Come i soci partecipano alle decisioni della cooperativa: assemblee, comitati, "
        "consultazioni. Il tema è emerso tra i più sentiti al workshop di Milano, anche declinato "
        "a livello territoriale.",
        False,
    ),
    (
        "modello-economico", "Modello economico", "Modello economico", OPEN, MEMBERS, None,
        "Un modello economico che garantisca la sostenibilità dell'impresa condivisa.",
        "Quote di servizio, mutualità, fondi di garanzia: come tenere insieme la sostenibilità "
        "della cooperativa e le esigenze di chi inizia un'attività.",
        False,
    ),
    (
        "nuovi-settori", "Nuovi settori", "Settori di attività", OPEN, EVERYONE, None,
        "Estendere le tipologie di settori in cui operano i soci, oltre l'arte e la cultura.",
        "Gruppo aperto a soci, committenti e partner. La cooperativa è aperta sin dalla "
        "fondazione a settori diversi da quelli dell'arte e della cultura: quali altri settori "
        "possono trovarci spazio e con quali strumenti?",
        False,
    ),
    (
        "nuovi-servizi", "Nuovi servizi", "Servizi ai soci", OPEN, EVERYONE, None,
        "Networking, incontri tra soci, spazi di lavoro condivisi: i servizi che mancano.",
        "Nato dal workshop di Milano dell'8 luglio, il gruppo è aperto a soci, committenti, "
        "partner e attivisti della cooperazione, del mutualismo e dei beni comuni.\n\nTra le "
        "esigenze espresse: azioni di **networking**, incontri tra soci, modalità con cui i soci "
        "possono proporre progetti che impegnino la cooperativa, accesso a **spazi di lavoro "
        "condivisi**.",
        False,
    ),
    (
        "soci-di-bologna", "Soci di Bologna", "Territori", APPROVAL, MEMBERS, "BO",
        "Incontri auto-organizzati tra i soci di Bologna e provincia.",
        "La cooperativa incentiva l'auto-organizzazione di incontri tra soci di uno stesso "
        "territorio, raccogliendo e dando visibilità a quanto emerge. Qui si organizzano quelli "
        "di Bologna: si entra su richiesta, un coordinatore risponde entro pochi giorni.",
        False,
    ),
]  # fmt: skip

# slug: [(email, role, status, message)]
MEMBERSHIPS = {
    "dentro-e-fuori-i-bandi": [(COORD, COORDINATOR, ACTIVE, ""), (SOCIA, MEMBER, ACTIVE, ""),
                               (CDA, MEMBER, ACTIVE, "")],
    "formazione": [(COORD, COORDINATOR, ACTIVE, ""), (SOCIA, MEMBER, ACTIVE, ""),
                   (CDA, MEMBER, ACTIVE, "")],
    "ricerca-e-sviluppo": [(COORD, COORDINATOR, ACTIVE, ""), (SOCIA, MEMBER, ACTIVE,
                           "Lavoro da sola da due anni: vorrei portare il punto di vista di chi "
                           "inizia."), (CDA, MEMBER, LEFT, "")],
    "governance": [(COORD, COORDINATOR, ACTIVE, ""), (CDA, MEMBER, ACTIVE, "")],
    "modello-economico": [(SOCIA, MEMBER, ACTIVE, "")],
    "nuovi-settori": [(SOCIA, MEMBER, ACTIVE, ""), (PART, MEMBER, ACTIVE, "")],
    "nuovi-servizi": [(COORD, COORDINATOR, ACTIVE, ""), (SOCIA, MEMBER, ACTIVE, ""),
                      (PART, MEMBER, ACTIVE, "")],
    "soci-di-bologna": [(COORD, COORDINATOR, ACTIVE, ""), (SOCIA, MEMBER, ACTIVE,
                        "Vivo tra Milano e Bologna e lavoro spesso qui."),
                        (CDA, MEMBER, PENDING, "Ho diversi committenti a Bologna, mi piacerebbe "
                         "partecipare agli incontri.")],
}  # fmt: skip

# slug: [(title, [(email, days ago, body), ...])] — the first post's author starts the thread.
THREADS = {
    "dentro-e-fuori-i-bandi": [
        ("Bandi europei: chi ha già presentato un progetto come cooperativa?", [
            (SOCIA, 30, "Sto guardando un bando **Europa Creativa** e vorrei capire se conviene "
             "presentarlo tramite la cooperativa. Qualcuno ha già esperienza?"),
            (COORD, 29, "Sì, due anni fa con un progetto di cooperazione. La parte più lunga è "
             "la documentazione amministrativa: conviene chiedere all'ufficio progetti con "
             "almeno un mese di anticipo sulla scadenza."),
            (CDA, 27, "Confermo: e le regole che abbiamo proposto in fase 1 valgono ancora per il "
             "cofinanziamento."),
        ]),
        ("Scadenza interna: quanti giorni prima?", [
            (COORD, 12, "Proposta di lavoro: fissiamo la scadenza interna a **15 giorni** "
             "prima di quella del bando. Vi sembra troppo?"),
            (SOCIA, 11, "Per i bandi regionali 15 giorni vanno bene, per quelli europei forse "
             "ne servono di più."),
        ]),
    ],
    "formazione": [
        ("Quali aree di formazione vi servono davvero?", [
            (COORD, 40, "Raccogliamo i bisogni: scrivete le due competenze che vorreste "
             "acquisire nel prossimo anno."),
            (SOCIA, 39, "Rendicontazione dei progetti e comunicazione digitale."),
        ]),
    ],
    "ricerca-e-sviluppo": [
        ("Chi inizia da solo e chi gestisce molti lavoratori", [
            (SOCIA, 60, "Le esigenze di chi ha appena avviato la propria attività sono diverse "
             "da quelle di chi gestisce con la cooperativa tutti i suoi progetti: proviamo a "
             "elencarle?"),
            (COORD, 58, "Parto io: chi inizia ha bisogno soprattutto di consulenza e di tempi "
             "di pagamento brevi."),
        ]),
    ],
    "nuovi-servizi": [
        ("Spazi di lavoro condivisi: dove li cerchiamo?", [
            (PART, 15, "Sono una committente e lavoro con tre soci a Bologna: uno spazio "
             "condiviso aiuterebbe anche noi."),
            (SOCIA, 14, "A Milano ci sono già due coworking convenzionati, si potrebbe partire "
             "da lì."),
            (COORD, 13, "Raccolgo le indicazioni per la proposta al CdA."),
        ]),
    ],
    "soci-di-bologna": [
        ("Primo incontro: proposte di data e luogo", [
            (SOCIA, 6, "Propongo un sabato mattina in un coworking in zona Bolognina."),
            (COORD, 5, "Ottimo, proponilo come incontro auto-organizzato: lo approva lo staff."),
        ]),
    ],
}  # fmt: skip


def _proposals():
    """The named proposals, one or more per status, each with its story."""
    return [
        {
            "group": "dentro-e-fuori-i-bandi",
            "status": S.FORWARDED,
            "author": SOCIA,
            "days_ago": 2200,
            "phase": 0,
            "answer": Proposal.Answer.ACCEPTED,
            "implementation": "done",
            "percent": 100,
            "title": "Regole comuni per presentare progetti ai bandi tramite la cooperativa",
            "summary": "Una procedura unica, pubblica e condivisa per candidare progetti dei soci "
            "con la cooperativa come persona giuridica.",
            "body": "## Perché\n\nPresentarsi come cooperativa offre vantaggi, ma oggi è possibile "
            "solo caso per caso.\n\n## Cosa chiediamo al CdA\n\n1. Una scadenza interna uguale "
            "per tutti.\n2. Criteri pubblici (anzianità, budget, cofinanziamento).\n3. Un "
            "referente dell'ufficio progetti.",
            "forward_reason": "Inoltrata con il sostegno unanime del gruppo, come risultato della "
            "fase 1.",
            "answer_text": "Il CdA accoglie la proposta: il regolamento per i bandi è stato "
            "approvato e presentato all'Assemblea generale 2021.",
            "notes": [
                (40, "Bozza del regolamento discussa con l'ufficio progetti."),
                (100, "Regolamento approvato e pubblicato tra i documenti del gruppo."),
            ],
            "endorsers": [CDA],
            "comments": [(CDA, "Ottimo lavoro, servirà a molti.")],
        },
        {
            "group": "formazione",
            "status": S.FORWARDED,
            "author": SOCIA,
            "coauthors": [COORD],
            "days_ago": 300,
            "phase": 1,
            "answer": Proposal.Answer.PARTIALLY_ACCEPTED,
            "implementation": "in_progress",
            "percent": 40,
            "title": "Un catalogo di corsi per i soci, gratuiti o a tariffa ridotta",
            "summary": "Webinar gratuiti per i soci e corsi in presenza a tariffa ridotta, aperti "
            "anche agli esterni a prezzo pieno.",
            "body": "Il gruppo ha raccolto i bisogni formativi di oltre cento soci. Proponiamo un "
            "catalogo annuale in cinque aree (progettazione, rendicontazione, comunicazione "
            "digitale, diritti e contratti, gestione d'impresa), con **formatori scelti tra i "
            "soci** quando possibile.",
            "forward_reason": "Il gruppo chiede una risposta entro il bilancio di previsione.",
            "answer_text": "Il CdA accoglie la parte sui webinar gratuiti, che partono subito. I "
            "corsi in presenza a tariffa ridotta saranno valutati con il bilancio 2027.",
            "notes": [
                (15, "Individuate le prime cinque aree formative con l'ufficio formazione."),
                (40, "Primi due webinar in calendario: rendicontazione e contratti."),
            ],
            "endorsers": [CDA],
            "comments": [(COORD, "Il calendario dei webinar è nel thread.")],
        },
        {
            "group": "ricerca-e-sviluppo",
            "status": S.FORWARDED,
            "author": SOCIA,
            "days_ago": 90,
            "phase": 1,
            "title": "Servizi diversi per chi inizia e per chi gestisce grandi progetti",
            "summary": "Un percorso di accompagnamento per i soci al primo anno e strumenti "
            "dedicati a chi coinvolge molti lavoratori.",
            "body": "Dall'analisi della fase 1: chi inizia chiede consulenza e tempi di pagamento "
            "brevi, chi gestisce molti lavoratori chiede strumenti di pianificazione. "
            "Proponiamo due pacchetti di servizi distinti.",
            "forward_reason": "Inoltrata dopo la discussione nell'incontro di gruppo.",
            "endorsers": [COORD],
            "comments": [(COORD, "Aggiungerei una stima dei costi.")],
        },
        {
            "group": "nuovi-servizi",
            "status": S.PUBLISHED,
            "author": SOCIA,
            "days_ago": 20,
            "title": "Spazi di lavoro condivisi per i soci nelle città principali",
            "summary": "Convenzioni con coworking a Milano, Bologna, Roma e Torino, con tariffe "
            "agevolate per i soci.",
            "body": "Al workshop di Milano l'accesso a spazi di lavoro condivisi è stata una delle "
            "esigenze più sentite. Proponiamo di partire da convenzioni con coworking esistenti "
            "prima di pensare a spazi propri.",
            "endorsers": [COORD, PART],
            "comments": [
                (PART, "Come committente sarei felice di incontrare i soci lì."),
                (COORD, "Serve una stima di quanti soci li userebbero."),
            ],
        },
        {
            "group": "governance",
            "status": S.SUBMITTED,
            "author": COORD,
            "days_ago": 4,
            "title": "Un incontro territoriale prima di ogni assemblea generale",
            "summary": "Incontri auto-organizzati per territorio, un mese prima dell'assemblea, "
            "per "
            "preparare domande e proposte.",
            "body": "Molti soci non riescono a partecipare all'assemblea generale. Proponiamo "
            "incontri territoriali preparatori, i cui esiti vengano raccolti e presentati in "
            "assemblea.",
        },
        {
            "group": "modello-economico",
            "status": S.DRAFT,
            "author": SOCIA,
            "days_ago": 2,
            "title": "Quota di servizio ridotta per il primo anno di attività",
            "summary": "Una quota ridotta per i soci al primo anno, compensata da un fondo "
            "mutualistico.",
            "body": "Bozza: da completare con i numeri del bilancio.",
        },
        {
            "group": "formazione",
            "status": S.CHANGES_REQUESTED,
            "author": SOCIA,
            "days_ago": 25,
            "title": "Un albo dei formatori tra i soci",
            "summary": "Un elenco pubblico dei soci disponibili a tenere corsi, con le loro "
            "competenze.",
            "body": "Proponiamo di creare un albo dei formatori, con criteri da definire.",
            "reason": "Indicate come verranno scelti i formatori e chi valuta le candidature: ora "
            "il testo dice solo «con criteri da definire».",
        },
        {
            "group": "dentro-e-fuori-i-bandi",
            "status": S.REJECTED,
            "author": CDA,
            "days_ago": 45,
            "title": "Rimborso delle spese di scrittura per il progetto Erasmus+ di marzo",
            "summary": "Un contributo della cooperativa alle spese di scrittura di un singolo "
            "progetto.",
            "body": "Chiediamo un rimborso forfettario delle ore dedicate al progetto.",
            "reason": "La proposta riguarda un singolo progetto già presentato: non è una "
            "raccomandazione generale al CdA. Potete riformularla come regola per tutti i soci.",
        },
        {
            "group": "nuovi-settori",
            "status": S.WITHDRAWN,
            "author": SOCIA,
            "days_ago": 35,
            "title": "Aprire la cooperativa ai servizi di welfare di comunità",
            "summary": "Estendere i settori ammessi ai servizi di cura e di welfare di comunità.",
            "body": "Prima bozza.",
            "reason": "La riscriviamo insieme al gruppo Nuovi servizi.",
        },
    ]


@contextmanager
def _given_timestamps(*models):
    """Let the rows keep the dates the demo gives them (auto_now[_add] would make them all now)."""
    fields = [
        f
        for model in models
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


TIMESTAMPED = (
    GroupMembership, Thread, Post, Meeting, MeetingRSVP, Proposal, ProposalAuthor, Endorsement,
    ProposalComment, ProposalEvent, ProgressNote,
)  # fmt: skip


def _bulk(model, rows, **kwargs):
    return model.objects.bulk_create(rows, batch_size=BATCH, **kwargs)


def seed(*, scale=0, stdout=None):
    now = timezone.now()
    people = {u.email: u for u in User.objects.filter(email__endswith="@demo.coop")}
    with _given_timestamps(*TIMESTAMPED):
        groups = _seed_groups()
        _seed_memberships(groups, people, now)
        touched = _Touched()
        _seed_threads(groups, people, now, touched)
        _seed_meetings(groups, people, now, touched)
        _seed_proposals(groups, people, now, touched)
        if scale:
            _seed_scale(scale=scale, people=people, now=now, touched=touched)
    _recount(touched)
    for model in (WorkingGroup, Proposal):  # nothing to do on SQLite (`make run`)
        vector_refresh(model.objects.filter(search_vector__isnull=True), model.SEARCH_VECTOR)
    if stdout is not None:
        stdout.write(
            f"    {WorkingGroup.objects.count()} groups, {Proposal.objects.count()} proposals, "
            f"{Thread.objects.count()} threads, {Meeting.objects.count()} meetings"
        )
    return groups


class _Touched:
    """The ids whose counters must be recomputed at the end."""

    def __init__(self):
        self.threads, self.meetings, self.proposals = set(), set(), set()


# --- named demo data -------------------------------------------------------------------------


def _seed_groups():
    provinces = {p.sigla: p for p in Province.objects.all()}
    groups = {}
    for slug, name, theme, policy, audience, sigla, summary, description, smart in GROUPS:
        group, created = WorkingGroup.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "theme": theme,
                "summary": summary,
                "description": description,
                "join_policy": policy,
                "audience": audience,
                "province": provinces.get(sigla) if sigla else None,
            },
        )
        if created and smart:
            Phase.objects.bulk_create([Phase(group=group, **phase) for phase in SMART_PHASES])
        groups[slug] = group
    return groups


def _seed_memberships(groups, people, now):
    rows = []
    for slug, entries in MEMBERSHIPS.items():
        for index, (email, role, status, message) in enumerate(entries):
            user = people.get(email)
            if user is None:
                continue
            joined = now - timedelta(days=120 - 10 * index)
            decided = joined + timedelta(days=2) if status != PENDING else None
            approver = people.get(COORD) if groups[slug].join_policy == APPROVAL else user
            rows.append(
                GroupMembership(
                    group=groups[slug],
                    user=user,
                    role=role,
                    status=status,
                    message=message,
                    decided_by=approver if decided else None,
                    decided_at=decided,
                    created_at=joined,
                    updated_at=decided or joined,
                )
            )
    _bulk(GroupMembership, rows, ignore_conflicts=True)


def _existing_titles(model):
    return set(model.objects.values_list("group_id", "title"))


def _seed_threads(groups, people, now, touched):
    existing = _existing_titles(Thread)
    for slug, threads in THREADS.items():
        group = groups[slug]
        for title, posts in threads:
            if (group.pk, title) in existing:
                continue
            starter = people.get(posts[0][0])
            thread = _bulk(
                Thread,
                [
                    Thread(
                        group=group,
                        title=title,
                        created_by=starter,
                        created_at=now - timedelta(days=posts[0][1]),
                        updated_at=now,
                    )
                ],
            )[0]
            _bulk(
                Post,
                [
                    Post(thread=thread, author=people.get(email), body=body,
                         created_at=now - timedelta(days=days, hours=-9),
                         updated_at=now - timedelta(days=days, hours=-9))
                    for email, days, body in posts
                ],
            )  # fmt: skip
            authors = {people[email] for email, _d, _b in posts if email in people}
            _bulk(ThreadFollow, [ThreadFollow(thread=thread, user=u) for u in authors])
            touched.threads.add(thread.pk)


def _local(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _seed_meetings(groups, people, now, touched):
    existing = _existing_titles(Meeting)
    today = timezone.localdate()
    bologna = groups["soci-di-bologna"]
    past = _local(today - timedelta(days=20), 17, 30)
    upcoming = _local(today + timedelta(days=14), 17, 30)
    proposed = _local(today + timedelta(days=26), 10)
    meetings = [
        {
            "group": groups["ricerca-e-sviluppo"],
            "kind": Meeting.Kind.SCHEDULED,
            "status": Meeting.Status.PUBLISHED,
            "starts_at": past,
            "ends_at": past + timedelta(hours=2),
            "title": "Chi inizia e chi cresce: restituzione dell'analisi",
            "description": "Presentiamo i risultati dell'analisi sugli strumenti della "
            "cooperativa.",
            "place": "Sede di Milano della cooperativa",
            "capacity": 25,
            "online_url": "https://meet.demo.coop/ricerca-e-sviluppo",
            "proposed_by": people.get(COORD),
            "minutes": "Presenti 14 soci (6 online). Il coordinatore ha presentato l'analisi; "
            "discussione sui tempi di pagamento e sulla consulenza al primo anno.",
            "outcomes": "- Scrivere una proposta al CdA su servizi distinti per chi inizia e "
            "per chi "
            "gestisce grandi progetti.\n- Chiedere all'ufficio amministrativo i dati sui tempi "
            "medi di pagamento.",
            "minutes_recorded_at": past + timedelta(days=1),
            "going": [SOCIA, COORD],
            "agenda": ["Risultati dell'analisi", "Discussione", "Prossimi passi"],
        },
        {
            "group": groups["formazione"],
            "kind": Meeting.Kind.SCHEDULED,
            "status": Meeting.Status.PUBLISHED,
            "starts_at": upcoming,
            "ends_at": upcoming + timedelta(hours=2),
            "capacity": 30,
            "proposed_by": people.get(COORD),
            "title": "Catalogo formativo 2027: aree e formatori",
            "description": "Incontro aperto a tutti i membri del gruppo, in presenza e online.",
            "place": "Sede di Bologna della cooperativa",
            "online_url": "https://meet.demo.coop/formazione",
            "going": [SOCIA, COORD],
            "agenda": [
                "Risposta del CdA sul catalogo dei corsi",
                "Le cinque aree formative",
                "Come scegliere i formatori tra i soci",
                "Calendario dei webinar",
            ],
        },
        {
            "group": bologna,
            "kind": Meeting.Kind.SELF_ORGANISED,
            "status": Meeting.Status.PROPOSED,
            "starts_at": proposed,
            "ends_at": proposed + timedelta(hours=3),
            "province": bologna.province,
            "proposed_by": people.get(SOCIA),
            "title": "Colazione tra soci di Bologna",
            "description": "Un sabato mattina per conoscerci, raccontare le nostre attività e "
            "capire se ci servono spazi di lavoro condivisi in città.",
            "place": "Coworking in zona Bolognina, Bologna",
            "capacity": 20,
            "agenda": ["Presentazioni", "Spazi condivisi: cosa ci serve"],
        },
    ]
    for spec in meetings:
        if (spec["group"].pk, spec["title"]) in existing:
            continue
        going, agenda = spec.pop("going", []), spec.pop("agenda", [])
        created = spec["starts_at"] - timedelta(days=15)
        meeting = _bulk(Meeting, [Meeting(**spec, created_at=created, updated_at=created)])[0]
        _bulk(AgendaItem, [AgendaItem(meeting=meeting, position=i, title=t)
                           for i, t in enumerate(agenda, start=1)])  # fmt: skip
        _bulk(
            MeetingRSVP,
            [
                MeetingRSVP(meeting=meeting, user=people[e], answer=MeetingRSVP.Answer.GOING,
                            created_at=created, updated_at=created)
                for e in going if e in people
            ],
        )  # fmt: skip
        touched.meetings.add(meeting.pk)


def _story(proposal, *, start, staff, coordinator, board, reason="", forward_reason="",
           answer="", answer_text="", implementation="", percent=0):  # fmt: skip
    """Fill the proposal's dates and return its events [(from, to, actor, reason, when)]."""
    author = proposal.created_by
    status = proposal.status
    events = [("", S.DRAFT, author, "", start)]
    proposal.created_at = proposal.updated_at = start
    if status == S.DRAFT:
        return events
    if status == S.WITHDRAWN:
        events.append((S.DRAFT, S.WITHDRAWN, author, reason, start + timedelta(days=3)))
        proposal.updated_at = start + timedelta(days=3)
        return events
    proposal.submitted_at = start + timedelta(days=2)
    events.append((S.DRAFT, S.SUBMITTED, author, "", proposal.submitted_at))
    proposal.updated_at = proposal.submitted_at
    if status == S.SUBMITTED:
        return events
    moderated = start + timedelta(days=4)
    proposal.updated_at = moderated
    if status in (S.CHANGES_REQUESTED, S.REJECTED):
        proposal.moderation_reason = reason
        events.append((S.SUBMITTED, status, staff, reason, moderated))
        return events
    proposal.published_at = moderated
    events.append((S.SUBMITTED, S.PUBLISHED, staff, "", moderated))
    if status == S.PUBLISHED:
        return events
    proposal.forwarded_at = proposal.updated_at = start + timedelta(days=18)
    events.append((S.PUBLISHED, S.FORWARDED, coordinator, forward_reason, proposal.forwarded_at))
    if answer:
        proposal.answer, proposal.answer_text = answer, answer_text
        proposal.answered_at = proposal.updated_at = start + timedelta(days=48)
        # the board's answer: from "forwarded" to the answer (accepted, partially_accepted, …)
        events.append((S.FORWARDED, answer, board, answer_text, proposal.answered_at))
        proposal.implementation = implementation
        proposal.implementation_percent = percent
    return events


def _event_rows(proposal, events):
    return [
        ProposalEvent(
            proposal=proposal, from_status=f, to_status=t, actor=a, reason=r, created_at=w
        )
        for f, t, a, r, w in events
    ]


def _seed_proposals(groups, people, now, touched):
    existing = _existing_titles(Proposal)
    staff, board, coord = people.get(STAFF), people.get(CDA), people.get(COORD)
    for spec in _proposals():
        group = groups[spec["group"]]
        if (group.pk, spec["title"]) in existing:
            continue
        phase = None
        if "phase" in spec:
            phase = Phase.objects.filter(group=group).order_by("starts_on")[spec["phase"]]
        proposal = Proposal(
            group=group, phase=phase, title=spec["title"], summary=spec["summary"],
            body=spec["body"], status=spec["status"], created_by=people.get(spec["author"]),
        )  # fmt: skip
        start = now - timedelta(days=spec["days_ago"])
        events = _story(
            proposal, start=start, staff=staff, coordinator=coord, board=board,
            reason=spec.get("reason", ""), forward_reason=spec.get("forward_reason", ""),
            answer=spec.get("answer", ""), answer_text=spec.get("answer_text", ""),
            implementation=spec.get("implementation", ""), percent=spec.get("percent", 0),
        )  # fmt: skip
        proposal = _bulk(Proposal, [proposal])[0]
        _bulk(ProposalEvent, _event_rows(proposal, events))
        later = (proposal.published_at or start) + timedelta(days=1)
        _bulk(ProposalAuthor, [
            ProposalAuthor(proposal=proposal, user=people[e], invited_by=proposal.created_by,
                           status=ProposalAuthor.Status.ACCEPTED, created_at=start,
                           updated_at=start)
            for e in spec.get("coauthors", []) if e in people
        ])  # fmt: skip
        _bulk(Endorsement, [Endorsement(proposal=proposal, user=people[e], created_at=later)
                            for e in spec.get("endorsers", []) if e in people])  # fmt: skip
        _bulk(ProposalComment, [
            ProposalComment(proposal=proposal, author=people.get(e), body=body,
                            created_at=later, updated_at=later)
            for e, body in spec.get("comments", [])
        ])  # fmt: skip
        _bulk(ProposalFollow, [ProposalFollow(proposal=proposal, user=proposal.created_by)])
        notes = spec.get("notes", [])
        for index, (percent, text) in enumerate(notes, start=1):
            when = proposal.answered_at + (now - proposal.answered_at) * index / (len(notes) + 1)
            _bulk(ProgressNote, [ProgressNote(proposal=proposal, author=staff, text=text,
                                              percent=percent, created_at=when)])  # fmt: skip
        touched.proposals.add(proposal.pk)


# --- volume for benchmarks -------------------------------------------------------------------

THREAD_TITLES = [
    "Come vi organizzate con la fatturazione ai committenti esteri?",
    "Cerco collaboratori per un progetto di comunicazione",
    "Idee per il prossimo incontro del gruppo",
    "Rendicontazione: strumenti che usate",
    "Esperienze con i bandi regionali",
    "Spazi condivisi in città: disponibilità",
    "Corsi utili per chi inizia",
    "Tempi di pagamento e anticipi",
]
POST_BODIES = [
    "Concordo, e aggiungerei che serve più chiarezza sui tempi.",
    "Nella mia esperienza funziona meglio se ci si organizza per territorio.",
    "Ho provato l'anno scorso: ne parliamo al prossimo incontro?",
    "Riporto quanto emerso nell'ultimo incontro: c'è interesse, mancano le persone.",
    "Propongo di scrivere una proposta al CdA su questo punto.",
    "Grazie per la sintesi, molto utile anche per chi è entrato da poco.",
]
PROPOSAL_TOPICS = [
    ("Uno sportello per i bandi regionali", "Un referente per territorio che aiuti i soci a "
     "leggere i bandi regionali."),
    ("Anticipo dei pagamenti per chi inizia", "Un fondo che anticipi i compensi ai soci al "
     "primo anno di attività."),
    ("Webinar mensili sulla rendicontazione", "Un appuntamento fisso per imparare a "
     "rendicontare i progetti finanziati."),
    ("Incontri territoriali trimestrali", "Un incontro tra soci di ogni provincia, ogni tre "
     "mesi, con gli esiti pubblicati."),
    ("Convenzioni con i coworking", "Tariffe agevolate per i soci negli spazi di lavoro "
     "condivisi."),
    ("Una vetrina delle attività dei soci", "Una pagina pubblica dove ogni socio presenta la "
     "propria attività ai committenti."),
]  # fmt: skip
SCALE_STATUSES = [S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.PUBLISHED, S.PUBLISHED, S.PUBLISHED,
                  S.REJECTED, S.FORWARDED, S.FORWARDED, S.WITHDRAWN]  # fmt: skip
ANSWERS = [("", ""), (Proposal.Answer.UNDER_EVALUATION, ""),
           (Proposal.Answer.ACCEPTED, "in_progress"), (Proposal.Answer.ACCEPTED, "done"),
           (Proposal.Answer.PARTIALLY_ACCEPTED, "in_progress"),
           (Proposal.Answer.REJECTED, "")]  # fmt: skip


def _seed_scale(*, scale, people, now, touched):
    rng = random.Random(2026 + scale)
    _scale_groups(scale)
    all_groups = list(WorkingGroup.objects.filter(is_active=True).order_by("pk"))
    _scale_memberships(rng, all_groups, now)
    # who can write where: {group_id: [(user_id, is_member)]}, people of the scale only
    active = {}
    for group_id, user_id, verified in GroupMembership.objects.filter(
        status=ACTIVE, user__email__startswith=SCALE_PREFIX
    ).values_list("group_id", "user_id", "user__membership_verified_at"):
        active.setdefault(group_id, []).append((user_id, verified is not None))
    if not active:
        return
    coordinators = dict(
        GroupMembership.objects.filter(status=ACTIVE, role=COORDINATOR)
        .order_by("group_id", "pk")
        .values_list("group_id", "user_id")
    )
    _scale_threads(rng, scale, active, now, touched)
    _scale_meetings(rng, scale, active, coordinators, now, touched)
    _scale_proposals(rng, scale, active, coordinators, people, now, touched)


def _scale_groups(scale):
    provinces = list(Province.objects.exclude(sigla="BO").order_by("name"))
    wanted = []
    for i in range(scale * 2):
        province = provinces[i % len(provinces)]
        round_ = i // len(provinces)
        suffix = f" ({round_ + 1})" if round_ else ""
        wanted.append(
            WorkingGroup(
                name=f"Soci di {province.name}{suffix}",
                slug=slugify(f"soci-di-{province.name}{suffix}")[:80],
                theme="Territori",
                summary=f"Incontri e progetti tra i soci della provincia di {province.name}.",
                description="Gruppo territoriale: incontri auto-organizzati, esiti condivisi.",
                join_policy=APPROVAL if i % 3 == 0 else OPEN,
                audience=EVERYONE if i % 4 == 0 else MEMBERS,
                province=province,
            )
        )
    _bulk(WorkingGroup, wanted, ignore_conflicts=True)
    return list(WorkingGroup.objects.filter(slug__in=[g.slug for g in wanted]))


def _scale_memberships(rng, groups, now):
    people = list(
        User.objects.filter(email__startswith=SCALE_PREFIX)
        .order_by("email")
        .values_list("pk", "membership_verified_at")
    )
    # people who already have groups keep them: running the seed again adds nobody twice
    seated = set(
        GroupMembership.objects.filter(user__email__startswith=SCALE_PREFIX).values_list(
            "user_id", flat=True
        )
    )
    has_coordinator = set(
        GroupMembership.objects.filter(role=COORDINATOR, status=ACTIVE).values_list(
            "group_id", flat=True
        )
    )
    open_to_all = [g for g in groups if g.audience == EVERYONE]
    rows = []
    for user_id, verified in people:
        choices = groups if verified else open_to_all
        if user_id in seated or not choices:
            continue
        for group in rng.sample(choices, min(len(choices), rng.randint(1, 3))):
            status = rng.choices([ACTIVE, PENDING, LEFT], weights=[90, 7, 3])[0]
            role = MEMBER
            if status == ACTIVE and verified and group.pk not in has_coordinator:
                role = COORDINATOR
                has_coordinator.add(group.pk)
            if group.join_policy == OPEN and status == PENDING:
                status = ACTIVE
            joined = now - timedelta(days=rng.randint(1, 700))
            rows.append(
                GroupMembership(
                    group=group,
                    user_id=user_id,
                    role=role,
                    status=status,
                    decided_at=None if status == PENDING else joined,
                    created_at=joined,
                    updated_at=joined,
                )
            )
    _bulk(GroupMembership, rows, ignore_conflicts=True)


def _scale_threads(rng, scale, active, now, touched):
    have = Thread.objects.filter(created_by__email__startswith=SCALE_PREFIX).count()
    missing = scale * 200 - have
    if missing <= 0:
        return
    group_ids = sorted(active)
    threads = []
    for i in range(missing):
        group_id = rng.choice(group_ids)
        started = now - timedelta(days=rng.randint(1, 600), minutes=rng.randint(0, 1440))
        threads.append(
            Thread(
                group_id=group_id,
                title=f"{rng.choice(THREAD_TITLES)} (#{have + i + 1})",
                created_by_id=rng.choice(active[group_id])[0],
                created_at=started,
                updated_at=started,
            )
        )
    threads = _bulk(Thread, threads)
    posts, follows = [], set()
    for thread in threads:
        for n in range(rng.randint(1, 9)):  # 5 on average: scale * 1,000 posts
            author = thread.created_by_id if n == 0 else rng.choice(active[thread.group_id])[0]
            when = thread.created_at + timedelta(hours=n * rng.randint(1, 30))
            when = min(when, now)
            posts.append(
                Post(thread_id=thread.pk, author_id=author, body=rng.choice(POST_BODIES),
                     created_at=when, updated_at=when)
            )  # fmt: skip
            follows.add((thread.pk, author))
        touched.threads.add(thread.pk)
    _bulk(Post, posts)
    _bulk(ThreadFollow, [ThreadFollow(thread_id=t, user_id=u) for t, u in follows])


def _scale_meetings(rng, scale, active, coordinators, now, touched):
    have = Meeting.objects.filter(proposed_by__email__startswith=SCALE_PREFIX).count()
    missing = scale * 50 - have
    if missing <= 0:
        return
    group_ids = sorted(active)
    group_provinces = dict(
        WorkingGroup.objects.filter(pk__in=group_ids).values_list("pk", "province_id")
    )
    meetings = []
    for i in range(missing):
        group_id = rng.choice(group_ids)
        proposer = rng.choice(active[group_id])[0]
        days = rng.randint(-300, 60)
        starts = now + timedelta(days=days, hours=rng.randint(0, 8))
        self_organised = group_provinces[group_id] is not None and rng.random() < 0.5
        status = Meeting.Status.PUBLISHED
        if self_organised and days > 0 and rng.random() < 0.3:
            status = Meeting.Status.PROPOSED
        created = starts - timedelta(days=20)
        past = starts < now
        meetings.append(
            Meeting(
                group_id=group_id,
                title=f"Incontro del gruppo n. {have + i + 1}",
                description="Aggiornamenti, proposte in corso, prossimi passi.",
                kind=Meeting.Kind.SELF_ORGANISED if self_organised else Meeting.Kind.SCHEDULED,
                status=status,
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                place="Sala riunioni della cooperativa",
                province_id=group_provinces[group_id],
                online_url="" if self_organised else "https://meet.demo.coop/incontro",
                capacity=rng.choice([None, 15, 30, 50]),
                proposed_by_id=proposer,
                minutes="Verbale sintetico dell'incontro." if past else "",
                outcomes="- Preparare una proposta al CdA." if past else "",
                minutes_recorded_at=starts + timedelta(days=1) if past else None,
                created_at=created,
                updated_at=created,
            )
        )
    meetings = _bulk(Meeting, meetings)
    agenda, rsvps = [], []
    for meeting in meetings:
        touched.meetings.add(meeting.pk)
        agenda += [
            AgendaItem(meeting_id=meeting.pk, position=1, title="Aggiornamenti"),
            AgendaItem(meeting_id=meeting.pk, position=2, title="Proposte in corso"),
        ]
        if meeting.status != Meeting.Status.PUBLISHED:
            continue
        members = [u for u, _m in active[meeting.group_id]]
        seats = min(len(members), meeting.capacity or 40, rng.randint(0, 12))
        for user_id in rng.sample(members, seats):
            answer = MeetingRSVP.Answer.GOING if rng.random() < 0.8 else "not_going"
            rsvps.append(
                MeetingRSVP(meeting_id=meeting.pk, user_id=user_id, answer=answer,
                            created_at=meeting.created_at, updated_at=meeting.created_at)
            )  # fmt: skip
    _bulk(AgendaItem, agenda)
    _bulk(MeetingRSVP, rsvps)


def _scale_proposals(rng, scale, active, coordinators, people, now, touched):
    have = Proposal.objects.filter(created_by__email__startswith=SCALE_PREFIX).count()
    missing = scale * 200 - have
    writers = {g: [u for u, is_member in users if is_member] for g, users in active.items()}
    writers = {g: users for g, users in writers.items() if users}
    if missing <= 0 or not writers:
        return
    staff, board = people.get(STAFF), people.get(CDA)
    group_ids = sorted(writers)
    proposals, stories = [], []
    for i in range(missing):
        group_id = rng.choice(group_ids)
        status = rng.choice(SCALE_STATUSES)
        title, summary = rng.choice(PROPOSAL_TOPICS)
        proposal = Proposal(
            group_id=group_id, title=f"{title} (n. {have + i + 1})", summary=summary,
            body=f"{summary}\n\nLa proposta nasce dalla discussione nel gruppo e chiede al CdA "
            "di valutarne costi e tempi.", status=status,
            created_by_id=rng.choice(writers[group_id]),
        )  # fmt: skip
        answer, implementation = rng.choice(ANSWERS) if status == S.FORWARDED else ("", "")
        percent = {"in_progress": rng.randint(10, 90), "done": 100}.get(implementation, 0)
        coordinator = coordinators.get(group_id)
        events = _story(
            proposal, start=now - timedelta(days=rng.randint(60, 700)), staff=staff,
            coordinator=User(pk=coordinator) if coordinator else staff, board=board,
            reason="Il testo va completato con costi e tempi." if status in
            (S.CHANGES_REQUESTED, S.REJECTED, S.WITHDRAWN) else "",
            answer=answer, answer_text="Il CdA ha discusso la proposta." if answer else "",
            implementation=implementation, percent=percent,
        )  # fmt: skip
        proposals.append(proposal)
        stories.append(events)
    proposals = _bulk(Proposal, proposals)
    events, endorsements, comments, notes, follows = [], [], [], [], []
    for proposal, story in zip(proposals, stories, strict=True):
        touched.proposals.add(proposal.pk)
        events += _event_rows(proposal, story)
        follows.append(ProposalFollow(proposal_id=proposal.pk, user_id=proposal.created_by_id))
        if proposal.implementation:
            notes.append(
                ProgressNote(proposal_id=proposal.pk, author=staff, text="Lavori avviati.",
                             percent=proposal.implementation_percent,
                             created_at=proposal.answered_at + timedelta(days=10))
            )  # fmt: skip
        if proposal.status not in (S.PUBLISHED, S.FORWARDED):
            continue
        others = [u for u, _m in active[proposal.group_id] if u != proposal.created_by_id]
        when = proposal.published_at + timedelta(days=1)
        for user_id in rng.sample(others, min(len(others), rng.randint(0, 8))):
            endorsements.append(
                Endorsement(proposal_id=proposal.pk, user_id=user_id, created_at=when)
            )
        for user_id in rng.sample(others, min(len(others), rng.randint(0, 3))):
            comments.append(
                ProposalComment(proposal_id=proposal.pk, author_id=user_id,
                                body=rng.choice(POST_BODIES), created_at=when, updated_at=when)
            )  # fmt: skip
    _bulk(ProposalEvent, events)
    _bulk(Endorsement, endorsements)
    _bulk(ProposalComment, comments)
    _bulk(ProgressNote, notes)
    _bulk(ProposalFollow, follows, ignore_conflicts=True)


# --- counters --------------------------------------------------------------------------------


def _count(model, fk, **filters):
    rows = (
        model.objects.filter(**{fk: OuterRef("pk")}, **filters)
        .order_by()
        .values(fk)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def _recount(touched):
    """Counters as the rows say (one UPDATE per model)."""
    WorkingGroup.objects.update(members_count=_count(GroupMembership, "group", status=ACTIVE))
    if touched.threads:
        last = Post.objects.filter(thread=OuterRef("pk")).order_by().values("thread")
        Thread.objects.filter(pk__in=touched.threads).update(
            posts_count=_count(Post, "thread"),
            last_post_at=Subquery(last.annotate(at=Max("created_at")).values("at")),
        )
    if touched.meetings:
        Meeting.objects.filter(pk__in=touched.meetings).update(
            going_count=_count(MeetingRSVP, "meeting", answer=MeetingRSVP.Answer.GOING)
        )
    if touched.proposals:
        Proposal.objects.filter(pk__in=touched.proposals).update(
            endorsements_count=_count(Endorsement, "proposal"),
            comments_count=_count(ProposalComment, "proposal"),
        )
