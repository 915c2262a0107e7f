"""Volume for benchmarks: `size("members", scale)` member profiles (coopportal.core.seed_sizes),
streamed in with COPY on PostgreSQL.

Each member of the accounts' scale data ("persona…@demo.coop") gets one, so `seed_demo --scale
1000` holds 60,000 scale profiles. A profile draws its sectors, skills, offers and needs from a
sector's vocabulary (and
its needs from another sector's offers), so suggestions find real complements. The stored fields
the profile service keeps (name shown, tag texts, completeness, listed_at, search vector, the tags'
uses) are written here in bulk, the same way.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from coopportal.accounts.models import Sector
from coopportal.core.search import vector_refresh
from coopportal.core.seed_bulk import insert_rows
from coopportal.core.seed_sizes import size

from ..models import Profile, tag_key
from ..selectors.directory import facets_changed
from ..services.profiles import tag_uses_refresh, tags_ensure

User = get_user_model()
# profiles per unit of --scale (the size table's members: 60,000 at --scale 1000); bench/run.py
# reads it
PER_SCALE = size("members", 1000) // 1000

# ATECO section: (skills, offers) of the people working in it
VOCABULARY = {
    "A": (["Agricoltura biologica", "Viticoltura", "Apicoltura"], ["Prodotti biologici", "Vino"]),
    "C": (["Falegnameria", "Sartoria", "Stampa 3D"], ["Arredi su misura", "Prototipi"]),
    "D": (["Fotovoltaico", "Impiantistica"], ["Efficienza energetica", "Fotovoltaico"]),
    "F": (["Bioedilizia", "Restauro"], ["Ristrutturazioni", "Bioedilizia"]),
    "H": (["Logistica", "Mobilità elettrica"], ["Consegne a domicilio", "Logistica"]),
    "I": (["Ristorazione", "Accoglienza turistica"], ["Catering", "Turismo sostenibile"]),
    "J": (["Web design", "Sviluppo software", "Social media"], ["Siti web", "Web design"]),
    "K": (["Microcredito", "Finanza etica"], ["Finanza agevolata", "Microcredito"]),
    "M": (["Contabilità", "Traduzione", "Analisi dei dati"], ["Contabilità", "Consulenza"]),
    "N": (["Pulizie", "Facility management"], ["Servizi di pulizia", "Manutenzione"]),
    "P": (["Formazione", "Educazione ambientale"], ["Formazione", "Orientamento al lavoro"]),
    "Q": (["Assistenza domiciliare", "Progettazione sociale"], ["Assistenza domiciliare"]),
    "R": (["Teatro", "Organizzazione di eventi", "Fotografia"], ["Eventi", "Fotografia"]),
    "S": (["Fundraising", "Comunicazione"], ["Fundraising", "Comunicazione"]),
}
WORDS = {
    "A": "coltiviamo e trasformiamo prodotti della terra",
    "C": "produciamo oggetti artigianali su misura",
    "D": "progettiamo impianti per l'energia rinnovabile",
    "F": "costruiamo e ristrutturiamo con materiali sostenibili",
    "H": "trasportiamo merci nelle città",
    "I": "accogliamo ospiti e cuciniamo prodotti locali",
    "J": "realizziamo siti e applicazioni",
    "K": "accompagniamo le imprese verso il credito",
    "M": "offriamo consulenza professionale alle imprese",
    "N": "curiamo la manutenzione di edifici e spazi",
    "P": "insegniamo e accompagniamo al lavoro",
    "Q": "ci prendiamo cura delle persone fragili",
    "R": "organizziamo spettacoli ed eventi culturali",
    "S": "raccogliamo fondi e raccontiamo le cause sociali",
}


def seed_scale(*, scale, stdout=None) -> int:
    """A profile for each member of the accounts' scale data ("persona…", `size("members")`)
    who has none, streamed in; one UPDATE of the search vectors at the end."""
    rng = random.Random(1303)
    owners = list(
        User.objects.filter(email__startswith="persona", membership_verified_at__isnull=False)
        .filter(matching_profile__isnull=True)
        .order_by("pk")
        .values_list("pk", "first_name", "last_name")[: size("members", scale)]
    )
    if not owners:
        return 0
    sectors = {s.code: s.pk for s in Sector.objects.filter(code__in=VOCABULARY)}
    names = {n for skills, offers in VOCABULARY.values() for n in skills + offers}
    tags = {tag.key: tag.pk for tag in tags_ensure(sorted(names))}
    tag = lambda name: tags[tag_key(name)]  # noqa: E731
    codes = sorted(VOCABULARY)
    now = timezone.now()
    links = []

    def rows():
        for pk, first_name, last_name in owners:
            code = rng.choice(codes)
            other = rng.choice([c for c in codes if c != code])
            skills = rng.sample(VOCABULARY[code][0], k=min(2, len(VOCABULARY[code][0])))
            offers = VOCABULARY[code][1][: rng.randint(1, 2)]
            needs = rng.sample(VOCABULARY[other][1], k=1)
            enterprise = rng.random() < 0.5
            name = f"{last_name} {WORDS[code].split()[0].capitalize()} soc. coop."
            links.append((pk, code, skills, offers, needs))
            yield {
                "user_id": pk,
                "kind": "enterprise" if enterprise else "person",
                "organisation_name": name if enterprise else "",
                "legal_form": "coop" if enterprise else "",
                "display_name": name if enterprise else f"{first_name} {last_name}",
                "presentation": f"{WORDS[code].capitalize()} in provincia.",
                "activity": ", ".join(skills),
                "skills_text": ", ".join(skills),
                "tags_text": ", ".join(offers + needs),
                "languages": ["it"],
                "completeness": rng.choice([50, 64, 79, 86, 93]),
                # listed over the last two years, as members came: the directory lists the
                # newest first through the listed_at index
                "listed_at": now - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60)),
            }

    profile_ids = insert_rows(Profile, rows(), returning=True)
    by_user = dict(Profile.objects.filter(pk__gte=profile_ids[0]).values_list("user_id", "pk"))
    for relation, index in (("skills", 2), ("offers", 3), ("needs", 4)):
        insert_rows(
            getattr(Profile, relation).through,
            (
                {"profile_id": by_user[link[0]], "tag_id": tag(n)}
                for link in links
                for n in link[index]
            ),
        )
    have_sector = set(
        User.sectors.through.objects.filter(user__email__startswith="persona").values_list(
            "user_id", flat=True
        )
    )
    insert_rows(
        User.sectors.through,
        (
            {"user_id": pk, "sector_id": sectors[code]}
            for pk, code, *_rest in links
            if code in sectors and pk not in have_sector
        ),
    )
    vector_refresh(Profile.objects.filter(search_vector__isnull=True), Profile.SEARCH_VECTOR)
    tag_uses_refresh(list(tags.values()))
    facets_changed()
    if stdout is not None:
        stdout.write(f"Matching: {len(profile_ids)} scale profile(s).\n")
    return len(profile_ids)
