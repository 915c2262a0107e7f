"""The demo's training needs, an application to teach, a consultation request and socia's
calendar feed, through the services (written once: each is looked up first)."""

from coopportal.accounts.models import CalendarFeed

from ..models import ConsultationRequest, TrainerApplication, TrainingNeed
from ..services import needs, requests

NEED = "Intelligenza artificiale per le piccole cooperative"
CONSULTATION = "Accesso al credito per una cooperativa di comunità"


def seed_community(*, people, areas):
    socia = people["socia@demo.coop"]
    coordinator = people["coordinatore@demo.coop"]
    need = TrainingNeed.objects.filter(title=NEED).first()
    if need is None:
        need = needs.need_create(
            by=socia,
            title=NEED,
            description="Strumenti pratici, rischi e opportunità, con esempi di altre cooperative.",
            area=areas["digitale"],
        )
        needs.need_support(need=need, by=coordinator)
    participant = people["partecipante@demo.coop"]
    if not TrainerApplication.objects.filter(user=participant).exists():
        requests.trainer_application_submit(
            by=participant,
            topics="Comunicazione sui social per le cooperative culturali",
            experience="Dieci anni di ufficio stampa per festival e teatri.",
            areas=[areas["comunicazione-generativa"]],
        )
    if not ConsultationRequest.objects.filter(member=socia, topic=CONSULTATION).exists():
        requests.consultation_request(
            by=socia,
            topic=CONSULTATION,
            description="Vorremmo capire quali garanzie e fondi mutualistici sono adatti a noi.",
            area=areas["finanza-impatto"],
            preferred_times="Il martedì pomeriggio",
        )
    CalendarFeed.objects.get_or_create(user=socia)
