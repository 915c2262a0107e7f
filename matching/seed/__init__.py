"""Demo member matching: profiles of the demo members and of a dozen named members of many
sectors and provinces (named.py), contact requests in each state (one waiting for socia's answer,
one she had accepted, so her contacts show the allowed fields), a saved directory search;
`scale=N` adds a profile for each scale member in bulk (scale.py). Idempotent: a person's
profile is made only when they have none, a request only when the pair has none."""

from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from coopportal.accounts.models import Province, Sector
from coopportal.accounts.seed import DEMO_PASSWORD

from ..models import ContactRequest, ContactVisibility, Profile, ProfileSearch
from ..models.contacts import REQUEST_LIFETIME
from ..services.profiles import profile_create
from .named import MEMBERS
from .scale import seed_scale

__all__ = ["seed"]

User = get_user_model()

PROFILES = {
    "socia@demo.coop": {
        "kind": "enterprise",
        "organisation_name": "Grafiche Marchetti soc. coop.",
        "legal_form": "coop",
        "presentation": "Cooperativa di grafica e comunicazione a Milano.",
        "activity": "Siti web, identità visiva, campagne per il terzo settore.",
        "skills": ["Web design", "Grafica", "Comunicazione"],
        "offers": ["Web design", "Identità visiva"],
        "needs": ["Contabilità", "Bandi europei"],
        "languages": ["it", "en"],
        "contact_email": "info@grafichemarchetti.example",
        "contact_phone": "+39 02 555 0199",
        "contact_phone_visibility": ContactVisibility.CONNECTIONS,
    },
    "coordinatore@demo.coop": {
        "kind": "person",
        "presentation": "Consulente per la progettazione europea.",
        "activity": "Scrivo progetti per bandi europei e nazionali.",
        "skills": ["Progettazione europea", "Contabilità"],
        "offers": ["Bandi europei", "Contabilità"],
        "needs": ["Web design"],
        "languages": ["it", "fr"],
        "contact_phone": "+39 06 1234567",
    },
}

# (sender, recipient, status, message)
REQUESTS = [
    (
        "coordinatore@demo.coop",
        "socia@demo.coop",
        ContactRequest.Status.PENDING,
        "Buongiorno, cerco chi curi il sito di un progetto europeo.",
    ),
    (
        "socia@demo.coop",
        "conti.pescara@demo.coop",
        ContactRequest.Status.ACCEPTED,
        "Buongiorno, cerchiamo un commercialista che conosca le cooperative.",
    ),
    (
        "ortiflegrei@demo.coop",
        "socia@demo.coop",
        ContactRequest.Status.DECLINED,
        "Ciao, ci servirebbe un sito per il nostro agriturismo.",
    ),
]


def _member(email, first, last, sigla, sectors, size, *, password, number):
    user, _created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first,
            "last_name": last,
            "password": password,
            "province": Province.objects.filter(sigla=sigla).first(),
            "enterprise_size": size or "",
            "membership_number": f"MATCH-{number:03d}",
            "member_since": date(2018, 1, 1) + timedelta(days=97 * number),
            "membership_verified_at": timezone.now(),
        },
    )
    if not user.sectors.exists():
        user.sectors.set(Sector.objects.filter(code__in=sectors))
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def _requests():
    now = timezone.now()
    for sender_email, recipient_email, status, message in REQUESTS:
        sender = User.objects.filter(email=sender_email).first()
        recipient = User.objects.filter(email=recipient_email).first()
        if sender is None or recipient is None:
            continue
        if ContactRequest.objects.filter(sender=sender, recipient=recipient).exists():
            continue
        answered = now - timedelta(days=3) if status != ContactRequest.Status.PENDING else None
        ContactRequest.objects.create(
            sender=sender,
            recipient=recipient,
            message=message,
            status=status,
            answered_at=answered,
            expires_at=now + REQUEST_LIFETIME,
        )


def seed(*, scale=0, stdout=None):
    password = make_password(DEMO_PASSWORD)
    specs = dict(PROFILES)
    for number, (email, first, last, sigla, sectors, size, spec) in enumerate(MEMBERS, 1):
        _member(email, first, last, sigla, sectors, size, password=password, number=number)
        specs[email] = spec
    made = 0
    for email, spec in specs.items():
        user = User.objects.filter(email=email).first()
        if user is None or Profile.objects.filter(user=user).exists():
            continue
        profile_create(user=user, **spec)
        made += 1
    _requests()
    socia = User.objects.filter(email="socia@demo.coop").first()
    if socia and not ProfileSearch.objects.filter(user=socia).exists():
        ProfileSearch.objects.create(
            user=socia,
            name="Contabilità in Abruzzo",
            query="q=contabilit%C3%A0&region=13",
            checked_at=timezone.now() - timedelta(days=1),
        )
    if stdout is not None:
        stdout.write(f"Matching: {made} profile(s).\n")
    if scale:
        seed_scale(scale=scale, stdout=stdout)
