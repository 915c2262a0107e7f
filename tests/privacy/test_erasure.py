"""Delete my account: a person with data in every app is erased, then every text column of every
table, every search vector and every stored file is searched for their name, e-mail and phone."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection

from board.models import ExportJob
from coopportal.accounts import your_data
from coopportal.accounts.models import STAFF_GROUP
from coopportal.core.audit import log_action
from coopportal.core.discovery import all_modules
from coopportal.core.models import AuditEvent
from coopportal.notifications.models import Notification
from coopportal.notifications.services import notify
from tests.factories import PASSWORD, UserFactory
from tests.privacy.people import NAME, NEEDLES, PHONE, SIGNATURE, person_with_everything

TEXT_TYPES = ("text", "character varying", "jsonb", "json", "tsvector")


def found_in_database(needles) -> list[str]:
    """Every "table.column: needle" where a text, JSON or search-vector column holds a needle."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type = ANY(%s)",
            [list(TEXT_TYPES)],
        )
        columns = cursor.fetchall()
        hits = []
        for table, column in columns:
            for needle in needles:
                cursor.execute(
                    f'SELECT 1 FROM "{table}" WHERE "{column}"::text ILIKE %s LIMIT 1',
                    [f"%{needle}%"],
                )
                if cursor.fetchone():
                    hits.append(f"{table}.{column}: {needle}")
    return hits


def found_in_files(needles) -> list[str]:
    hits = []
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            content = path.read_bytes().decode("utf-8", "replace").lower()
            hits += [f"{path.name}: {n}" for n in needles if n.lower() in content]
            hits += [f"{path.name} (name): {n}" for n in needles if n.lower() in str(path).lower()]
    return hits


@pytest.fixture
def person(db):
    """The person, their rows in every app, and what names them elsewhere: the staff's
    notification of their membership request, an event in the history, a board export."""
    staff = UserFactory(staff=True, groups=[STAFF_GROUP])
    person, _made = person_with_everything()
    notify(
        "accounts.membership_requested",
        [staff],
        actor=person,
        context={"person": person.get_full_name(), "number": "SC-4455"},
    )
    log_action(target=staff, action="tests.privacy.named", by=staff, who=person.get_full_name())
    job = ExportJob.objects.create(format=ExportJob.Format.CSV, requested_by=staff)
    job.file.save("export.csv", ContentFile(f"titolo;autore\nProposta;{SIGNATURE}\n".encode()))
    return person


def test_erasure_leaves_the_name_email_and_phone_nowhere(person, django_assert_max_num_queries):
    assert Notification.objects.filter(context__person__icontains=NAME[1]).exists()
    before = found_in_database(NEEDLES)
    assert any("search_vector" in hit for hit in before)  # the test can fail
    assert any(PHONE in hit for hit in before)
    assert found_in_files(NEEDLES)

    your_data.account_erase(user=person, by=person)

    assert found_in_database(NEEDLES) == []
    assert found_in_files(NEEDLES) == []


def test_erasure_keeps_contributions_under_deleted_member_and_refuses_the_login(person, client):
    from workgroups.models import Post

    posts = Post.objects.filter(author=person).count()
    your_data.account_erase(user=person, by=person)

    person = get_user_model().objects.get(pk=person.pk)
    assert Post.objects.filter(author=person).count() == posts > 0
    assert person.display_name == "Membro eliminato" or person.display_name == "Deleted member"
    assert not person.is_active and not person.has_usable_password()
    assert not client.login(email="quintiliano.zappacosta@example.org", password=PASSWORD)
    event = AuditEvent.objects.get(action="accounts.user.erased")
    assert event.data["by_themselves"] is True


def test_erasure_twice_is_refused(person):
    from coopportal.core.exceptions import DomainError

    your_data.account_erase(user=person, by=person)
    with pytest.raises(DomainError):
        your_data.account_erase(user=person, by=person)


def test_every_user_foreign_key_is_held_by_a_personal_data_hook():
    """A new model with a foreign key to the user must be named in some app's
    personal_data.HOLDS (and so exported and erased)."""
    from tests.privacy.people import user_foreign_keys

    held = set()
    for module in all_modules("personal_data"):
        assert callable(module.export) and callable(module.erase), module.__name__
        held |= {(label, fk) for label, fks in module.HOLDS.items() for fk in fks}
    missing = [
        f"{model._meta.label}.{fk}"
        for model, fk in user_foreign_keys()
        if (model._meta.label, fk) not in held
    ]
    assert missing == []


def test_every_portal_app_offers_a_personal_data_hook():
    from coopportal.core.discovery import layers

    offered = {module.__name__.rsplit(".", 1)[0] for module in all_modules("personal_data")}
    apps_with_models = {
        name for layer in layers() for name in layer if name not in {"coopportal.web"}
    }
    assert apps_with_models - offered == set()
