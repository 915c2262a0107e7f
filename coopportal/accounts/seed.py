"""Demo people: one account per role, and `size("people", scale)` more for benchmarks (see
coopportal.core.seed_sizes). Idempotent."""

import random
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from coopportal.core.seed_bulk import insert_rows
from coopportal.core.seed_sizes import size

from .models import BOARD_GROUP, STAFF_GROUP, MembershipRequest, Province, User

DEMO_PASSWORD = "coop-demo-2026"

FIRST_NAMES = [
    "Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Sara", "Matteo", "Elena",
    "Davide", "Martina", "Simone", "Valentina", "Andrea", "Federica", "Paolo", "Silvia", "Stefano",
    "Laura", "Giorgio", "Anna", "Roberto", "Ilaria", "Nicola", "Beatrice", "Tommaso", "Serena",
]  # fmt: skip
LAST_NAMES = [
    "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
    "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo",
    "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso",
]  # fmt: skip

# (e-mail, first name, last name, province sigla, member?, groups, is_staff, is_superuser)
ROLE_ACCOUNTS = [
    ("partecipante@demo.coop", "Paola", "Verdi", "BO", False, [], False, False),
    ("candidato@demo.coop", "Carlo", "Neri", "NA", False, [], False, False),
    ("socia@demo.coop", "Sofia", "Marchetti", "MI", True, [], False, False),
    ("coordinatore@demo.coop", "Lorenzo", "Galli", "RM", True, [], False, False),
    ("staff@demo.coop", "Stefania", "Ferri", "TO", False, [STAFF_GROUP], True, False),
    ("cda@demo.coop", "Bruno", "Testa", "FI", True, [BOARD_GROUP], False, False),
    ("admin@demo.coop", "Amministratore", "Portale", "RM", False, [], True, True),
]
# what each demo account is for, as `seed_demo` prints it
ROLE_LABELS = {
    "partecipante@demo.coop": "participant",
    "candidato@demo.coop": "participant with a membership request waiting",
    "socia@demo.coop": "member",
    "coordinatore@demo.coop": "member, coordinator of working groups",
    "staff@demo.coop": "staff (the admin at /admin/)",
    "cda@demo.coop": "board (the board area at /board/)",
    "admin@demo.coop": "superuser",
}


def _verified_email(user):
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def seed(*, scale=0, stdout=None):
    provinces = {p.sigla: p for p in Province.objects.all()}
    password = make_password(DEMO_PASSWORD)
    now = timezone.now()
    accounts = []
    for index, (email, first, last, sigla, member, groups, is_staff, is_super) in enumerate(
        ROLE_ACCOUNTS, start=1
    ):
        user, _created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "province": provinces.get(sigla),
                "password": password,
                "is_staff": is_staff,
                "is_superuser": is_super,
            },
        )
        if member and not user.is_member:
            user.membership_number = f"DEMO-{index:04d}"
            user.member_since = date(2015 + index, 3, 1)
            user.membership_verified_at = now
            user.save(update_fields=["membership_number", "member_since", "membership_verified_at"])
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        _verified_email(user)
        accounts.append(user)

    candidate = User.objects.get(email="candidato@demo.coop")
    if not candidate.membership_requests.exists():
        MembershipRequest.objects.create(
            user=candidate,
            membership_number="SM-2024-0412",
            member_since=date(2024, 4, 12),
            note="Socio lavoratore dal 2024, sede di Napoli.",
        )

    if scale:
        _seed_people(scale=scale, password=password, provinces=list(provinces.values()))
    return accounts


def _seed_people(*, scale, password, provinces):
    """`size("people")` accounts "persona000000…", three in five of them members (exactly
    `size("members")`), streamed into the table with their verified e-mail addresses."""
    count = size("people", scale)
    rng = random.Random(2026)
    existing = set(User.objects.filter(email__startswith="persona").values_list("email", flat=True))
    now = timezone.now()
    province_ids = [p.pk for p in provinces]

    def rows():
        for i in range(count):
            email = f"persona{i:06d}@demo.coop"
            if email in existing:
                continue
            is_member = i % 5 < 3
            yield {
                "email": email,
                "first_name": FIRST_NAMES[rng.randrange(len(FIRST_NAMES))],
                "last_name": LAST_NAMES[rng.randrange(len(LAST_NAMES))],
                "password": password,
                "province_id": province_ids[rng.randrange(len(province_ids))]
                if province_ids
                else None,
                "language": "it" if rng.random() < 0.9 else "en",
                "membership_number": f"SC-{i:06d}" if is_member else None,
                "member_since": date(2010, 1, 1) + timedelta(days=i % 5000) if is_member else None,
                "membership_verified_at": now if is_member else None,
                "is_active": True,
                "date_joined": now - timedelta(minutes=i),
            }

    new_ids = insert_rows(User, rows(), returning=True)
    if not new_ids:
        return
    emails = dict(
        User.objects.filter(pk__gte=new_ids[0], pk__lte=new_ids[-1]).values_list("pk", "email")
    )
    insert_rows(
        EmailAddress,
        ({"user_id": pk, "email": emails[pk], "verified": True, "primary": True} for pk in new_ids),
    )
