"""Demo toolbox: about thirty resources in the areas of the seeds (digital tools, funding,
training, governance, communication, administration), linked to the demo courses and groups
that exist, two suggestions waiting for staff and one rejected, socia@demo.coop's bookmarks and a
few weeks of opens for the board. Idempotent: a resource is looked up by its title."""

from datetime import timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from coopportal.core.search import vector_refresh
from coopportal.core.seed_bulk import insert_rows
from coopportal.core.seed_sizes import size
from training.models import Course
from workgroups.models import WorkingGroup

from . import services
from .models import Resource, ResourceArea, ResourceBookmark, ResourceOpenDay, ResourceStatus
from .permissions import can_moderate_resources

User = get_user_model()

BASE = "https://risorse.esempio.coop"

# (title, kind, area, audience, target, language, tags, summary, course titles, group slugs)
RESOURCES = [
    # digital tools
    (
        "Suite per ufficio in cloud: guida alla scelta",
        "guide",
        "digital",
        "everyone",
        "all",
        "it",
        ["cloud", "collaborazione"],
        "Confronto tra le principali suite per ufficio in cloud: costi, privacy, lavoro condiviso "
        "sui documenti e migrazione dei file della cooperativa.",
        ["Crescere con il digitale: strumenti cloud per lavorare insieme"],
        [],
    ),
    (
        "Videoconferenze sicure per le assemblee",
        "tool",
        "digital",
        "everyone",
        "all",
        "it",
        ["assemblea", "videoconferenza"],
        "Uno strumento libero per riunioni e assemblee a distanza, con votazioni e registrazione "
        "delle presenze.",
        [],
        ["governance"],
    ),
    (
        "Autovalutazione della maturità digitale",
        "tool",
        "digital",
        "everyone",
        "enterprises",
        "it",
        ["maturità digitale", "autovalutazione"],
        "Un questionario di venti domande per capire a che punto è la cooperativa con il "
        "digitale e da dove cominciare.",
        [],
        [],
    ),
    (
        "Modello di registro dei trattamenti GDPR",
        "template",
        "digital",
        "members",
        "all",
        "it",
        ["privacy", "gdpr"],
        "Il registro dei trattamenti dei dati personali già impostato per una cooperativa di "
        "servizi, con esempi compilati.",
        [],
        [],
    ),
    (
        "Gestionale open source per piccole cooperative",
        "tool",
        "digital",
        "everyone",
        "startups",
        "it",
        ["gestionale", "open source"],
        "Fatturazione elettronica, magazzino e anagrafica soci in un unico programma libero, "
        "adatto alle cooperative appena nate.",
        [],
        [],
    ),
    (
        "Firma digitale e SPID: come si usano in cooperativa",
        "guide",
        "digital",
        "everyone",
        "all",
        "it",
        ["spid", "firma digitale"],
        "Passo per passo: richiedere SPID e firma digitale, delegare il legale rappresentante, "
        "firmare i documenti della cooperativa.",
        [],
        [],
    ),
    (
        "Webinar: lavorare in rete con strumenti condivisi",
        "webinar",
        "digital",
        "everyone",
        "all",
        "it",
        ["collaborazione", "cloud"],
        "La registrazione del webinar sugli strumenti per lavorare insieme tra soci in sedi "
        "diverse, con le slide.",
        ["Crescere con il digitale: strumenti cloud per lavorare insieme"],
        [],
    ),
    # funding
    (
        "Guida ai bandi europei per le cooperative",
        "guide",
        "funding",
        "everyone",
        "all",
        "it",
        ["bandi europei", "progettazione"],
        "Come leggere un bando europeo, trovare i partner e scrivere una proposta: i programmi "
        "più adatti alle cooperative.",
        [],
        ["dentro-e-fuori-i-bandi"],
    ),
    (
        "Modello di budget per un progetto finanziato",
        "template",
        "funding",
        "members",
        "all",
        "it",
        ["budget", "rendicontazione"],
        "Foglio di calcolo con le voci di costo tipiche, il cofinanziamento e i controlli per non "
        "sbagliare la rendicontazione.",
        [],
        ["dentro-e-fuori-i-bandi"],
    ),
    (
        "Crowdfunding civico: istruzioni per l'uso",
        "guide",
        "funding",
        "everyone",
        "startups",
        "it",
        ["crowdfunding"],
        "Preparare una campagna di raccolta fondi online: obiettivo, ricompense, comunicazione e "
        "obblighi fiscali.",
        [],
        [],
    ),
    (
        "Finanza di impatto: le slide del corso",
        "workshop",
        "funding",
        "members",
        "enterprises",
        "it",
        ["finanza di impatto"],
        "I materiali del corso sulla finanza di impatto: strumenti, investitori e casi di "
        "cooperative che li hanno usati.",
        ["Finanza di impatto per le cooperative"],
        [],
    ),
    (
        "Fondo mutualistico: come chiedere un intervento",
        "guide",
        "funding",
        "members",
        "startups",
        "it",
        ["fondi mutualistici", "start-up"],
        "Chi può chiedere un intervento del fondo mutualistico, con quali documenti e in quanto "
        "tempo arriva la risposta.",
        [],
        [],
    ),
    (
        "Checklist per candidarsi a un bando",
        "template",
        "funding",
        "everyone",
        "all",
        "it",
        ["bandi", "checklist"],
        "Le trenta cose da controllare prima di inviare una candidatura: requisiti, allegati, "
        "firme e scadenze interne.",
        [],
        ["dentro-e-fuori-i-bandi"],
    ),
    (
        "EU funding for social economy (handbook)",
        "guide",
        "funding",
        "everyone",
        "social",
        "en",
        ["bandi europei", "economia sociale"],
        "Il manuale europeo, in inglese, sui finanziamenti per l'economia sociale e le imprese "
        "cooperative.",
        [],
        [],
    ),
    # training
    (
        "Co-progettazione con la PA: il kit del laboratorio",
        "workshop",
        "training",
        "everyone",
        "social",
        "it",
        ["co-progettazione", "pubblica amministrazione"],
        "Schede, esercizi e modelli di verbale usati nel laboratorio sulla co-progettazione con "
        "gli enti pubblici.",
        ["Co-progettare con la pubblica amministrazione"],
        [],
    ),
    (
        "Webinar: rendicontare l'impatto sociale (registrazione)",
        "webinar",
        "training",
        "everyone",
        "social",
        "it",
        ["impatto sociale", "bilancio sociale"],
        "La registrazione completa del webinar, con gli indicatori proposti e le domande dei "
        "partecipanti.",
        ["Webinar: rendicontare l'impatto sociale"],
        ["formazione"],
    ),
    (
        "Apprendimento cooperativo: guida per i formatori",
        "guide",
        "training",
        "everyone",
        "all",
        "it",
        ["apprendimento cooperativo", "formazione"],
        "Metodi e attività per condurre gruppi di apprendimento cooperativo tra soci e lavoratori.",
        [],
        ["formazione"],
    ),
    (
        "Piano formativo annuale: modello",
        "template",
        "training",
        "members",
        "enterprises",
        "it",
        ["piano formativo"],
        "Un modello di piano formativo con l'analisi dei fabbisogni, gli obiettivi e il "
        "calendario, pronto da adattare.",
        [],
        ["formazione"],
    ),
    (
        "BarCamp per start-up cooperative: i materiali",
        "workshop",
        "training",
        "everyone",
        "startups",
        "it",
        ["start-up", "barcamp"],
        "Il programma, le schede dei tavoli e gli esiti del BarCamp dedicato alle nuove "
        "cooperative del territorio.",
        [],
        [],
    ),
    (
        "Storytelling per le cooperative: esercizi",
        "workshop",
        "training",
        "everyone",
        "all",
        "it",
        ["storytelling", "comunicazione"],
        "Gli esercizi del laboratorio di storytelling: raccontare la propria cooperativa in tre "
        "minuti.",
        [],
        [],
    ),
    # governance
    (
        "Regolamento interno dei gruppi di lavoro",
        "template",
        "governance",
        "members",
        "all",
        "it",
        ["regolamento", "gruppi di lavoro"],
        "Il modello di regolamento per i gruppi di lavoro dei soci: ruoli, fasi, proposte al "
        "consiglio di amministrazione.",
        [],
        ["governance"],
    ),
    (
        "Come si prepara un'assemblea dei soci",
        "guide",
        "governance",
        "everyone",
        "all",
        "it",
        ["assemblea", "statuto"],
        "Convocazione, ordine del giorno, deleghe e verbale: tutto quello che serve per "
        "un'assemblea regolare.",
        [],
        ["governance"],
    ),
    (
        "Modello di verbale del consiglio di amministrazione",
        "template",
        "governance",
        "members",
        "all",
        "it",
        ["verbale", "consiglio di amministrazione"],
        "Un verbale tipo del CdA, con le formule per le delibere più frequenti.",
        [],
        ["governance"],
    ),
    (
        "Partecipazione dei soci: le pratiche che funzionano",
        "guide",
        "governance",
        "everyone",
        "all",
        "it",
        ["partecipazione", "soci"],
        "Assemblee territoriali, gruppi di lavoro e consultazioni online: come coinvolgere i soci "
        "nelle scelte della cooperativa.",
        [],
        ["governance", "modello-economico"],
    ),
    (
        "Scenari per il territorio: le schede del workshop",
        "workshop",
        "governance",
        "everyone",
        "all",
        "it",
        ["scenari", "territorio"],
        "Le schede del workshop sugli scenari territoriali, con i quattro punti di vista degli "
        "attori coinvolti.",
        ["Laboratorio di progettazione integrata nelle aree interne"],
        [],
    ),
    # communication
    (
        "Social media per la cooperazione: la guida",
        "guide",
        "communication",
        "everyone",
        "all",
        "it",
        ["social media", "comunicazione"],
        "Quali canali usare, quanto spesso pubblicare e come misurare i risultati: la guida del "
        "webinar.",
        ["Webinar: i social media per la cooperazione"],
        [],
    ),
    (
        "Kit grafico per presentare la cooperativa",
        "template",
        "communication",
        "members",
        "startups",
        "it",
        ["grafica", "presentazione"],
        "Modelli di presentazione, biglietti da visita e post social da personalizzare con il "
        "proprio marchio.",
        [],
        ["nuovi-servizi"],
    ),
    (
        "Newsletter ai soci: modello e calendario",
        "template",
        "communication",
        "everyone",
        "all",
        "it",
        ["newsletter", "comunicazione"],
        "Un modello di newsletter mensile e il calendario editoriale di un anno.",
        [],
        [],
    ),
    # administration and legal
    (
        "Costituire una cooperativa: i passi e i costi",
        "guide",
        "administration",
        "everyone",
        "startups",
        "it",
        ["costituzione", "start-up"],
        "Dall'atto costitutivo all'iscrizione all'albo: i passaggi, i tempi e i costi per "
        "fondare una cooperativa.",
        [],
        ["nuovi-settori"],
    ),
    (
        "Bilancio sociale: modello per cooperative sociali",
        "template",
        "administration",
        "members",
        "social",
        "it",
        ["bilancio sociale", "impatto sociale"],
        "Il modello di bilancio sociale secondo le linee guida ministeriali, con esempi.",
        ["Webinar: rendicontare l'impatto sociale"],
        [],
    ),
    (
        "Contratti di lavoro in cooperativa: domande frequenti",
        "guide",
        "administration",
        "members",
        "all",
        "it",
        ["lavoro", "contratti"],
        "Socio lavoratore, regolamento interno, ristorni: le risposte alle domande più frequenti "
        "dei soci.",
        [],
        [],
    ),
]

# (e-mail of the member, title, kind, area, summary, note)
SUGGESTIONS = [
    (
        "socia@demo.coop",
        "Calcolatore dei costi di una campagna social",
        "tool",
        "communication",
        "Un foglio di calcolo che stima i costi di una campagna sponsorizzata sui social.",
        "Lo usiamo da un anno per i nostri clienti: può servire a molti soci.",
    ),
    (
        "coordinatore@demo.coop",
        "Guida alle comunità energetiche rinnovabili",
        "guide",
        "funding",
        "Come costituire una comunità energetica e quali incentivi chiedere.",
        "Ne abbiamo parlato nel gruppo Nuovi settori.",
    ),
]
REJECTED = (
    "socia@demo.coop",
    "Il mio blog personale sul marketing",
    "guide",
    "communication",
    "Articoli sul marketing per piccole imprese.",
    "",
    "Grazie della proposta: il toolbox raccoglie risorse per tutte le cooperative, non blog "
    "personali.",
)
BOOKMARKS = [
    "Guida ai bandi europei per le cooperative",
    "Modello di budget per un progetto finanziato",
    "Suite per ufficio in cloud: guida alla scelta",
]


def _user(email):
    return User.objects.filter(email=email).first()


def _resources(staff):
    courses = {c.title: c for c in Course.objects.filter(status="published")}
    groups = {g.slug: g for g in WorkingGroup.objects.filter(is_active=True)}
    existing = set(Resource.objects.values_list("title", flat=True))
    made = 0
    for (
        title,
        kind,
        area,
        audience,
        target,
        language,
        tags,
        summary,
        course_titles,
        slugs,
    ) in RESOURCES:
        if title in existing:
            continue
        services.resource_write(
            by=staff,
            status=ResourceStatus.PUBLISHED,
            title=title,
            kind=kind,
            area=area,
            audience=audience,
            target=target,
            language=language,
            tags=tags,
            summary=summary,
            url=f"{BASE}/{Resource(title=title).slug}",
            courses=[courses[t] for t in course_titles if t in courses],
            groups=[groups[s] for s in slugs if s in groups],
        )
        made += 1
    return made


def _suggest(email, title, kind, area, summary, note):
    member = _user(email)
    if member is None or Resource.objects.filter(title=title).exists():
        return None
    return services.resource_write(
        by=member,
        status=ResourceStatus.SUGGESTED,
        title=title,
        kind=kind,
        area=area,
        summary=summary,
        note=note,
        url=f"{BASE}/{Resource(title=title).slug}",
    )


def _opens():
    """A few weeks of opens of the first resources (for the board's ranking), once."""
    if ResourceOpenDay.objects.exists():
        return
    today = timezone.localdate()
    rows = []
    published = Resource.objects.filter(status=ResourceStatus.PUBLISHED).order_by("pk")[:8]
    for rank, resource in enumerate(published):
        for back in range(0, 28, 3):
            rows.append(
                ResourceOpenDay(resource=resource, day=today - timedelta(days=back), opens=8 - rank)
            )
    ResourceOpenDay.objects.bulk_create(rows, ignore_conflicts=True)


# the areas of the resources that go with a good practice of each kind
AREA_OF_PRACTICE = {
    "buyout": ResourceArea.FUNDING,
    "digital": ResourceArea.DIGITAL,
    "community": ResourceArea.GOVERNANCE,
    "startup": ResourceArea.TRAINING,
}


def _link_practices():
    """Each published good practice goes with two published resources of its kind's area (the
    practices are another part: found by name, never imported)."""
    practice_model = apps.get_model("community", "Practice")
    for practice in practice_model.objects.filter(status="published").order_by("pk"):
        area = AREA_OF_PRACTICE.get(practice.kind)
        if area is None or practice.toolbox_resources.exists():
            continue
        chosen = Resource.objects.filter(status=ResourceStatus.PUBLISHED, area=area)
        practice.toolbox_resources.add(*chosen.order_by("pk")[:2])


def seed(*, scale=0, stdout=None):
    staff = _user("staff@demo.coop")
    made = _resources(staff)
    _link_practices()
    for spec in SUGGESTIONS:
        _suggest(*spec)
    email, title, kind, area, summary, note, reason = REJECTED
    rejected = _suggest(email, title, kind, area, summary, note)
    if rejected is not None and staff is not None and can_moderate_resources(staff):
        services.resource_reject(resource=rejected, by=staff, reason=reason)
    elif rejected is not None:
        Resource.objects.filter(pk=rejected.pk).update(
            status=ResourceStatus.REJECTED,
            rejected_at=timezone.now(),
            rejected_by=staff,
            rejection_reason=reason,
        )
    socia = _user("socia@demo.coop")
    if socia is not None:
        ResourceBookmark.objects.bulk_create(
            [
                ResourceBookmark(user=socia, resource=r)
                for r in Resource.objects.filter(title__in=BOOKMARKS)
            ],
            ignore_conflicts=True,
        )
    _opens()
    if scale:
        _seed_scale(scale, staff=staff)
    if stdout is not None:
        stdout.write(f"  toolbox: {made} resources added")


SCALE_TITLE = "{title} (scheda n. {n})"


def _seed_scale(scale, *, staff):
    """`size("resources")` published resources, numbered copies of the named ones (each with a
    link), streamed in (coopportal.core.seed_bulk) with one UPDATE of their search vectors.
    Idempotent: the numbered resources already there are not made again."""
    wanted = size("resources", scale)
    have = Resource.objects.filter(title__contains="(scheda n. ").count()
    if have >= wanted:
        return
    now = timezone.now()

    def rows():
        for n in range(have + 1, wanted + 1):
            title, kind, area, audience, target, language, _tags, summary, *_rest = RESOURCES[
                n % len(RESOURCES)
            ]
            title = SCALE_TITLE.format(title=title, n=n)[:200]
            yield {
                "title": title, "summary": summary, "description": summary, "kind": kind,
                "area": area, "audience": audience, "target": target, "language": language,
                "url": f"{BASE}/scheda-{n}", "status": ResourceStatus.PUBLISHED,
                "published_at": now - timedelta(days=n % 500),
                "published_by_id": staff.pk if staff else None,
            }  # fmt: skip

    insert_rows(Resource, rows())
    vector_refresh(Resource.objects.filter(search_vector__isnull=True), Resource.SEARCH_VECTOR)
