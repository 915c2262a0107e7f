import pytest

from tests.factories import UserFactory

from .factories import event_make, registered


@pytest.fixture
def event(db):
    return event_make()


@pytest.fixture
def alice(event):
    return registered(event, UserFactory(member=True, first_name="Alice", last_name="Rossi"))


@pytest.fixture
def bruno(event):
    return registered(event, UserFactory(member=True, first_name="Bruno", last_name="Verdi"))


def client_of(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
