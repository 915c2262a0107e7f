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


def test_seed_demo_creates_one_account_per_role_and_is_idempotent(capsys):
    call_command("seed_demo")
    first = (User.objects.count(), MembershipRequest.objects.count(), EmailAddress.objects.count())
    call_command("seed_demo")
    again = (User.objects.count(), MembershipRequest.objects.count(), EmailAddress.objects.count())
    assert first == again == (DEMO_PEOPLE, 1, LOGINS)
    out = capsys.readouterr().out
    assert "coop-demo-2026" in out
    roles = {u.email: permissions.role_names(u) for u in User.objects.all()}
    assert roles["partecipante@demo.coop"] == ["participant"]
    assert roles["socia@demo.coop"] == ["member"]
    assert roles["staff@demo.coop"] == ["participant", "staff"]
    assert roles["cda@demo.coop"] == ["member", "board"]
    assert EmailAddress.objects.filter(verified=True).count() == LOGINS


def test_seed_demo_scale_grows_data_once(client):
    from matching.models import Profile

    call_command("seed_demo", scale=2)
    people = User.objects.count()
    assert User.objects.filter(email__startswith="persona").count() == 200
    # matching's 200 scale profiles: the scale members', then members of their own
    scale_profiles = Profile.objects.exclude(
        user__email__in=[m[0] for m in MEMBERS] + DEMO_COOPERATIVES
    )
    assert scale_profiles.count() - 2 == 200  # socia's and the coordinator's
    call_command("seed_demo", scale=2)
    assert User.objects.count() == people
    assert scale_profiles.count() - 2 == 200
    assert User.objects.filter(membership_verified_at__isnull=False).count() > 100


def test_demo_accounts_can_log_in(client):
    from coopportal.accounts.seed import DEMO_PASSWORD

    call_command("seed_demo")
    response = client.post(
        "/accounts/login/", {"login": "socia@demo.coop", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_seed_demo_prints_each_account_with_its_role(capsys):
    call_command("seed_demo")
    lines = capsys.readouterr().out.splitlines()
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
