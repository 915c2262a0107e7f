"""Demo member matching: profiles of the demo members, a contact request waiting for an answer and
a saved directory search. Idempotent: a person's profile is made only when they have none."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from ..models import ContactRequest, Profile, ProfileSearch
from ..models.contacts import REQUEST_LIFETIME
from ..services.profiles import profile_create

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


def seed(*, scale=0, stdout=None):
    made = 0
    for email, spec in PROFILES.items():
        user = User.objects.filter(email=email).first()
        if user is None or Profile.objects.filter(user=user).exists():
            continue
        profile_create(user=user, **spec)
        made += 1
    sender = User.objects.filter(email="coordinatore@demo.coop").first()
    recipient = User.objects.filter(email="socia@demo.coop").first()
    if sender and recipient and not ContactRequest.objects.filter(sender=sender).exists():
        ContactRequest.objects.create(
            sender=sender,
            recipient=recipient,
            message="Buongiorno, cerco chi curi il sito di un progetto europeo.",
            expires_at=timezone.now() + REQUEST_LIFETIME,
        )
    if recipient and not ProfileSearch.objects.filter(user=recipient).exists():
        ProfileSearch.objects.create(
            user=recipient,
            name="Contabilità a Roma",
            query="q=contabilit%C3%A0&province=RM",
            checked_at=timezone.now() - timedelta(days=1),
        )
    if stdout is not None:
        stdout.write(f"Matching: {made} profile(s).\n")
