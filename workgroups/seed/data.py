"""The demo's named data, in Italian: the groups of Smart in Progress and their phases, who is in
which group, the discussions and the proposals with their stories; and the word lists the volume for
benchmarks draws from."""

from datetime import date

from ..models import GroupMembership, Proposal, WorkingGroup

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


def proposals():
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


# --- word lists of the volume for benchmarks ------------------------------------------------

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
