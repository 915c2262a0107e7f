"""The directory's Italian search finds the other forms of a word even when the word cut short is
longer than its stem: "cooperativa" (cut to `cooperat`) finds "cooperative" (stem `cooper`),
"progettazione" finds "Progettiamo" (both `progett`)."""

import pytest
from django.http import QueryDict

from matching.selectors.directory import directory_search, typo_tolerance
from tests.factories import UserFactory
from tests.matching.factories import profile_make

pytestmark = pytest.mark.django_db


def found(viewer, query) -> list[str]:
    with typo_tolerance():
        return [p.display_name for p in directory_search(viewer=viewer, params=QueryDict(query))]


def person(first, last, **fields):
    return profile_make(user=UserFactory(member=True, first_name=first, last_name=last), **fields)


@pytest.mark.parametrize(
    "query", ["q=cooperativa", "q=cooperativo", "q=progettazione", "q=progettare"]
)
def test_a_word_finds_its_other_forms_by_the_stem(member, query):
    person("Bruno", "Neri", presentation="Progettiamo siti web per le cooperative.")
    person("Carla", "Bianchi", presentation="Coltiviamo ortaggi biologici in collina.")
    assert found(member, query) == ["Bruno Neri"]


def test_the_cut_word_still_finds_the_longer_forms(member):
    person("Dario", "Gialli", presentation="Organizziamo le assemblee dei soci.")
    person("Elena", "Costa", presentation="Facciamo pane e dolci.")
    assert found(member, "q=assemblea") == ["Dario Gialli"]
    assert found(member, "q=panificio") == []
