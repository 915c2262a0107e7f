"""Demo people: one account per role, and `scale * 100` more for benchmarks. Idempotent."""

import random
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

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
    rng = random.Random(2026)
    count = scale * 100
    existing = set(User.objects.filter(email__startswith="persona").values_list("email", flat=True))
    now = timezone.now()
    new_users = []
    for i in range(count):
        email = f"persona{i:06d}@demo.coop"
        if email in existing:
            continue
        is_member = rng.random() < 0.6
        new_users.append(
            User(
                email=email,
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                password=password,
                province=rng.choice(provinces),
                language="it" if rng.random() < 0.9 else "en",
                membership_number=f"SC-{i:06d}" if is_member else None,
                member_since=(date(2010, 1, 1) + timedelta(days=rng.randrange(5000)))
                if is_member
                else None,
                membership_verified_at=now if is_member else None,
            )
        )
    User.objects.bulk_create(new_users, batch_size=1000)
    created = User.objects.filter(email__in=[u.email for u in new_users])
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in created],
        batch_size=1000,
        ignore_conflicts=True,
    )
