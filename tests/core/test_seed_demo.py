import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from community.maturity.seed import DEMO_COOPERATIVES
from coopportal.accounts import permissions
from coopportal.accounts.models import MembershipRequest, User
from coopportal.accounts.seed import ROLE_ACCOUNTS, ROLE_LABELS
from matching.seed.named import MEMBERS
from training.seed.named import LEARNERS

# one account per role, the members who present themselves in member matching (they may log in),
# and the learners who fill the demo's courses (no password, no e-mail address to verify: they
# never log in), and the cooperatives that fill the digital-maturity map (they may log in)
DEMO_PEOPLE = len(ROLE_ACCOUNTS) + len(MEMBERS) + len(LEARNERS) + len(DEMO_COOPERATIVES)
LOGINS = len(ROLE_ACCOUNTS) + len(MEMBERS) + len(DEMO_COOPERATIVES)

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_one_account_per_role_and_is_idempotent(demo, capsys):
    first = (User.objects.count(), MembershipRequest.objects.count(), EmailAddress.objects.count())
    call_command("seed_demo")
    again = (User.objects.count(), MembershipRequest.objects.count(), EmailAddress.objects.count())
    assert first == again == (DEMO_PEOPLE, 1, LOGINS)
    assert "coop-demo-2026" in demo
    assert "coop-demo-2026" in capsys.readouterr().out
    roles = {u.email: permissions.role_names(u) for u in User.objects.all()}
    assert roles["partecipante@demo.coop"] == ["participant"]
    assert roles["socia@demo.coop"] == ["member"]
    assert roles["staff@demo.coop"] == ["participant", "staff"]
    assert roles["cda@demo.coop"] == ["member", "board"]
    assert EmailAddress.objects.filter(verified=True).count() == LOGINS


def _scale_counts():
    """The rows of the scale data set, per name of the size table (coopportal.core.seed_sizes)."""
    from calls.models import Application, FundingCall
    from community.events.models import MatchingEvent, Registration
    from community.maturity.models import MaturityAssessment
    from community.practices.models import Practice
    from community.toolbox.models import Resource
    from coopportal.notifications.models import Notification
    from matching.models import Profile
    from spaces.models import Booking, Space
    from training.models import Course, Enrolment
    from workgroups.models import Meeting, Post, Proposal, Thread, WorkingGroup

    persona = {"email__startswith": "persona"}
    return {
        "people": User.objects.filter(**persona).count(),
        "members": User.objects.filter(**persona, membership_verified_at__isnull=False).count(),
        "profiles": Profile.objects.filter(user__email__startswith="persona").count(),
        "groups": WorkingGroup.objects.filter(name__startswith="Soci di ")
        .exclude(province__sigla="BO")
        .count(),
        "threads": Thread.objects.filter(created_by__email__startswith="persona").count(),
        "posts": Post.objects.filter(thread__created_by__email__startswith="persona").count(),
        "meetings": Meeting.objects.filter(proposed_by__email__startswith="persona").count(),
        "proposals": Proposal.objects.filter(created_by__email__startswith="persona").count(),
        "calls": FundingCall.objects.filter(source_id__startswith="demo-").count(),
        "applications": Application.objects.filter(lead__email__startswith="persona").count(),
        "courses": Course.objects.filter(slug__startswith="demo-scala-").count(),
        "enrolments": Enrolment.objects.filter(course__slug__startswith="demo-scala-").count(),
        "notifications": Notification.objects.filter(
            recipient__email__startswith="persona"
        ).count(),
        "events": MatchingEvent.objects.filter(title__endswith="(prova di carico)").count(),
        "registrations": Registration.objects.filter(
            event__title__endswith="(prova di carico)"
        ).count(),
        "practices": Practice.objects.filter(title__contains="(caso n. ").count(),
        "resources": Resource.objects.filter(title__contains="(scheda n. ").count(),
        "assessments": MaturityAssessment.objects.filter(user__email__startswith="persona").count(),
        "spaces": Space.objects.filter(slug__startswith="spazio-prova-").count(),
        "bookings": Booking.objects.filter(
            resource__space__slug__startswith="spazio-prova-"
        ).count(),
    }


def _everything():
    from django.apps import apps

    # calls.ImportRun is the log of each run of the importers (the seed imports sample records
    # through them): a run more is logged each time, the records are not duplicated
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.label != "calls.ImportRun"
    }


def test_seed_demo_scale_follows_the_size_table_and_grows_the_data_once():
    """Every app grows with `--scale` as the size table says (linearly: `--scale 2` holds 2/1000
    of the benchmark's data set), and running it again adds nothing anywhere."""
    from coopportal.core.seed_sizes import AT_1000, size

    call_command("seed_demo", scale=2)
    counts = _scale_counts()
    wanted = {name: size(name, 2) for name in AT_1000} | {"profiles": size("members", 2)}
    assert counts == wanted
    assert wanted["people"] == 200 and wanted["posts"] == 400 and wanted["groups"] == 1
    before = _everything()
    call_command("seed_demo", scale=2)
    assert _everything() == before


def test_demo_accounts_can_log_in(demo, client):
    from coopportal.accounts.seed import DEMO_PASSWORD

    response = client.post(
        "/accounts/login/", {"login": "socia@demo.coop", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_seed_demo_prints_each_account_with_its_role(demo):
    lines = demo.splitlines()
    printed = {
        line.split()[0]: " ".join(line.split()[1:]) for line in lines if "@demo.coop" in line
    }
    assert set(printed) == {email for email, *_rest in ROLE_ACCOUNTS}
    assert printed["partecipante@demo.coop"] == "participant"
    assert printed["candidato@demo.coop"].startswith("participant with a membership request")
    assert printed["staff@demo.coop"].startswith("staff")
    assert printed["cda@demo.coop"].startswith("board")
    assert printed["admin@demo.coop"] == "superuser"
    assert printed == ROLE_LABELS
