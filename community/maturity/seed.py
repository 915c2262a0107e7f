"""Demo self-assessments: the named members of member matching (matching/seed/named.py) and
socia@demo.coop, plus 25 demo cooperatives in five regions (Lombardia, Emilia-Romagna, Lazio,
Toscana, Puglia: at least 5 each, so that the overview's map shows them), each with two
assessments a year apart (the second in the current half-year, a little better: a visible trend).
socia's weakest dimension is digital readiness, which the demo course on cloud tools and the
demo call for digital transformation match. Idempotent: a person who has an assessment gets no
other; `scale` adds `size("assessments")` of the scale members (seed_scale.py)."""

import random
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from coopportal.accounts.models import Province, Sector
from coopportal.accounts.seed import DEMO_PASSWORD
from matching.models import Profile
from matching.seed.named import MEMBERS
from matching.services.profiles import profile_create

from .models import MaturityAssessment
from .overview import Half
from .questionnaire import CURRENT, SCALE
from .seed_scale import seed_scale
from .services import assessment_submit

__all__ = ["DEMO_COOPERATIVES", "seed"]

User = get_user_model()

# (province, sector): five demo cooperatives in each of five regions
EXTRA = [
    ("MI", "J"), ("BG", "C"), ("BS", "Q"), ("MI", "M"), ("CO", "I"),
    ("BO", "Q"), ("MO", "C"), ("RA", "A"), ("PR", "I"), ("BO", "J"),
    ("RM", "M"), ("RM", "Q"), ("LT", "A"), ("VT", "I"), ("FR", "F"),
    ("FI", "R"), ("PI", "J"), ("SI", "A"), ("LU", "C"), ("AR", "Q"),
    ("BA", "A"), ("LE", "I"), ("TA", "H"), ("BA", "Q"), ("FG", "A"),
]  # fmt: skip
NAMES = [
    "Officina Digitale", "Terra Viva", "Servizi Insieme", "Filo Verde", "Nuovi Orizzonti",
    "Cooperativa del Borgo", "Mani Unite", "Il Ponte", "Semi di Futuro", "La Bottega Comune",
]  # fmt: skip

# the demo cooperatives' referents (tests/core/test_seed_demo.py counts the demo people)
DEMO_COOPERATIVES = [f"maturita.{n:02d}@demo.coop" for n in range(1, len(EXTRA) + 1)]

# socia: strong on people and green, weakest on digital readiness (the demo course and call)
SOCIA_ANSWERS = {
    "strategy_areas": ["sales", "members", "admin"],
    "strategy_plan": 2,
    "strategy_resources": ["funding", "partners"],
    "strategy_governance": 2,
    "readiness_basic": ["connection", "website"],
    "readiness_advanced": [],
    "readiness_integration": 1,
    "human_skills": ["assessment", "courses", "mentoring"],
    "human_involvement": 3,
    "human_wellbeing": 3,
    "data_management": ["digital", "access"],
    "data_security": ["gdpr", "backup", "protection"],
    "data_decisions": 1,
    "automation_uses": ["documents"],
    "automation_opportunities": 2,
    "automation_rules": 1,
    "green_uses": ["paperless", "travel", "energy"],
    "green_equipment": ["efficiency", "repair"],
    "green_strategy": 3,
}


def _answers(level: float, rng: random.Random) -> dict:
    """Answers around `level` (0–1) for every question of the current questionnaire."""
    answers = {}
    for question in CURRENT.questions():
        aim = min(max(level + rng.uniform(-0.25, 0.25), 0), 1)
        if question.kind == SCALE:
            answers[question.key] = round(aim * 4)
        else:
            keys = list(question.option_keys)
            rng.shuffle(keys)
            answers[question.key] = keys[: round(aim * len(keys))]
    return answers


def _better(answers: dict, rng: random.Random) -> dict:
    """A year later: a step up here and there."""
    later = {}
    for question in CURRENT.questions():
        value = answers[question.key]
        if question.kind == SCALE:
            later[question.key] = min(value + rng.choice((0, 1, 1)), 4)
        else:
            missing = [key for key in question.option_keys if key not in value]
            later[question.key] = value + missing[: rng.choice((0, 1, 1))]
    return later


def _demo_cooperative(number, sigla, sector, password):
    email = DEMO_COOPERATIVES[number - 1]
    province = Province.objects.filter(sigla=sigla).first()
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": "Referente",
            "last_name": f"{NAMES[number % len(NAMES)]} {number:02d}",
            "password": password,
            "province": province,
            "enterprise_size": "small" if number % 3 else "micro",
            "membership_number": f"DMA-{number:03d}",
            "member_since": date(2017, 1, 1) + timedelta(days=61 * number),
            "membership_verified_at": timezone.now(),
        },
    )
    if created:
        user.sectors.set(Sector.objects.filter(code=sector))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    if not Profile.objects.filter(user=user).exists():
        place = province.name if province else sigla
        profile_create(
            user=user,
            kind="enterprise",
            organisation_name=f"{NAMES[number % len(NAMES)]} {place} soc. coop.",
            legal_form="coop",
            presentation="Cooperativa del territorio che misura la sua maturità digitale.",
        )
    return user


def _round_dates(rng, now):
    """The second assessment in the current half-year, the first a year before it."""
    start = Half.of(now).since
    second = start + (now - start) * rng.uniform(0.1, 0.9)
    return second - timedelta(days=365), second


def seed(*, scale=0, stdout=None):
    now = timezone.now()
    password = make_password(DEMO_PASSWORD)
    people = [
        (User.objects.filter(email=email).first(), None) for email, *_rest in MEMBERS
    ]  # the named members of matching
    people += [
        (_demo_cooperative(n, sigla, sector, password), None)
        for n, (sigla, sector) in enumerate(EXTRA, 1)
    ]
    people.append((User.objects.filter(email="socia@demo.coop").first(), SOCIA_ANSWERS))
    made = 0
    for user, fixed in people:
        if user is None or not user.is_member:
            continue
        if MaturityAssessment.objects.filter(user=user).exists():
            continue
        rng = random.Random(user.email)
        first_at, second_at = _round_dates(rng, now)
        earlier = _answers(rng.uniform(0.15, 0.7), rng) if fixed is None else fixed
        later = _better(earlier, rng) if fixed is None else _better(fixed, random.Random(1))
        if fixed is not None:  # readiness stays socia's weakest dimension
            later.update({k: v for k, v in fixed.items() if k.startswith("readiness_")})
        assessment_submit(by=user, version=CURRENT.version, answers=earlier, now=first_at)
        assessment_submit(by=user, version=CURRENT.version, answers=later, now=second_at)
        made += 2
    if stdout is not None:
        stdout.write(f"Digital maturity: {made} self-assessment(s).\n")
    if scale:
        seed_scale(scale=scale, answers=_answers, better=_better, stdout=stdout)
