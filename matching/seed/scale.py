"""Volume for benchmarks: `scale × 100` member profiles, in bulk (a few queries per thousand rows).

Each member of the accounts' scale data ("persona…@demo.coop") gets one; the rest are made with
member accounts of their own ("profilo…@demo.coop"), so `seed_demo --scale 1000` holds 100,000
profiles. A profile draws its sectors, skills, offers and needs from a sector's vocabulary (and
its needs from another sector's offers), so suggestions find real complements. The stored fields
the profile service keeps (name shown, tag texts, completeness, listed_at, search vector, the tags'
uses) are written here in bulk, the same way.
"""

import random
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db.models import Q
from django.utils import timezone

from coopportal.accounts.models import Province, Sector
from coopportal.accounts.seed import DEMO_PASSWORD
from coopportal.core.search import vector_refresh

from ..models import Profile, tag_key
from ..selectors.directory import facets_changed
from ..services.profiles import tag_uses_refresh, tags_ensure

User = get_user_model()
PER_SCALE = 100
BATCH = 2000

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


def _owners(count, rng, password_of, provinces):
    """The members who get a scale profile: the accounts' scale members, then new member
    accounts up to `count`."""
    members = list(
        User.objects.filter(email__startswith="persona", membership_verified_at__isnull=False)
        .filter(matching_profile__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:count]
    )
    have = Profile.objects.filter(
        Q(user__email__startswith="persona") | Q(user__email__startswith="profilo")
    ).count()
    missing = max(0, count - have - len(members))
    if missing:
        start = User.objects.filter(email__startswith="profilo").count()
        now = timezone.now()
        new = [
            User(
                email=f"profilo{n:06d}@demo.coop",
                first_name=rng.choice(["Giulia", "Marco", "Chiara", "Luca", "Elena", "Paolo"]),
                last_name=rng.choice(["Rossi", "Bianchi", "Greco", "Conti", "Costa", "Rizzo"]),
                password=password_of,
                province=rng.choice(provinces),
                membership_number=f"PR-{n:06d}",
                member_since=date(2012, 1, 1) + timedelta(days=n % 4000),
                membership_verified_at=now,
            )
            for n in range(start, start + missing)
        ]
        User.objects.bulk_create(new, batch_size=BATCH)
        made = User.objects.filter(email__in=[u.email for u in new])
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in made],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
        members += list(made.values_list("pk", flat=True))
    return members[: max(0, count - have)]


def seed_scale(*, scale, stdout=None) -> int:
    rng = random.Random(1303)
    provinces = list(Province.objects.all())
    owners = _owners(scale * PER_SCALE, rng, make_password(DEMO_PASSWORD), provinces)
    if not owners:
        return 0
    sectors = {s.code: s for s in Sector.objects.filter(code__in=VOCABULARY)}
    names = {n for skills, offers in VOCABULARY.values() for n in skills + offers}
    tags = {tag.key: tag for tag in tags_ensure(sorted(names))}
    tag = lambda name: tags[tag_key(name)]  # noqa: E731
    codes = sorted(VOCABULARY)
    users = User.objects.in_bulk(owners)
    now = timezone.now()
    made = 0
    for start in range(0, len(owners), BATCH):
        rows, links = [], []
        for pk in owners[start : start + BATCH]:
            user = users[pk]
            code = rng.choice(codes)
            other = rng.choice([c for c in codes if c != code])
            skills = rng.sample(VOCABULARY[code][0], k=min(2, len(VOCABULARY[code][0])))
            offers = VOCABULARY[code][1][: rng.randint(1, 2)]
            needs = rng.sample(VOCABULARY[other][1], k=1)
            enterprise = rng.random() < 0.5
            name = f"{user.last_name} {WORDS[code].split()[0].capitalize()} soc. coop."
            rows.append(
                Profile(
                    user=user,
                    kind="enterprise" if enterprise else "person",
                    organisation_name=name if enterprise else "",
                    legal_form="coop" if enterprise else "",
                    display_name=name if enterprise else f"{user.first_name} {user.last_name}",
                    presentation=f"{WORDS[code].capitalize()} in provincia.",
                    activity=", ".join(skills),
                    skills_text=", ".join(skills),
                    tags_text=", ".join(offers + needs),
                    languages=["it"],
                    completeness=rng.choice([50, 64, 79, 86, 93]),
                    # listed over the last two years, as members came: the directory lists the
                    # newest first through the listed_at index
                    listed_at=now - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60)),
                )
            )
            links.append((pk, code, skills, offers, needs))
        Profile.objects.bulk_create(rows, batch_size=BATCH)
        by_user = dict(
            Profile.objects.filter(user_id__in=[pk for pk, *_ in links]).values_list(
                "user_id", "pk"
            )
        )
        skills_rows, offers_rows, needs_rows, sector_rows = [], [], [], []
        for pk, code, skills, offers, needs in links:
            profile = by_user[pk]
            skills_rows += [Profile.skills.through(profile_id=profile, tag=tag(n)) for n in skills]
            offers_rows += [Profile.offers.through(profile_id=profile, tag=tag(n)) for n in offers]
            needs_rows += [Profile.needs.through(profile_id=profile, tag=tag(n)) for n in needs]
            if code in sectors:
                sector_rows.append(User.sectors.through(user_id=pk, sector=sectors[code]))
        for through_rows in (skills_rows, offers_rows, needs_rows, sector_rows):
            through_rows[0].__class__.objects.bulk_create(
                through_rows, batch_size=BATCH, ignore_conflicts=True
            )
        vector_refresh(Profile.objects.filter(pk__in=list(by_user.values())), Profile.SEARCH_VECTOR)
        made += len(rows)
    tag_uses_refresh([t.pk for t in tags.values()])
    facets_changed()
    if stdout is not None:
        stdout.write(f"Matching: {made} scale profile(s).\n")
    return made
