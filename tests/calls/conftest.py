import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_messages():
    """The services' messages and reasons read in English here (the pages a client fetches still
    speak the person's language: those tests ask the catalogue for the words they look for)."""
    with translation.override("en"):
        yield
