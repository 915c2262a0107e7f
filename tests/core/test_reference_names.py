"""The reference data is named in the four languages of the portal (issue 18): the economic
sectors and the kinds of beneficiary show their German and French names to German and French
speakers, in the models, the directory's facets and the practices' facets."""

import pytest
from django.conf import settings
from django.utils import translation

from calls.models import Beneficiary
from coopportal.accounts.models import Sector
from coopportal.core.models import NAME_LANGUAGES, name_field

pytestmark = pytest.mark.django_db


def test_the_name_languages_are_the_portals():
    assert set(NAME_LANGUAGES) == {code for code, _name in settings.LANGUAGES}
    assert name_field("de") == "name_de"
    assert name_field("pt-br") == "name_it"


@pytest.mark.parametrize("model", [Sector, Beneficiary])
def test_every_reference_row_has_a_name_in_each_language(model):
    rows = list(model.objects.all())
    assert len(rows) >= 8
    for row in rows:
        names = {code: getattr(row, f"name_{code}") for code in NAME_LANGUAGES}
        assert all(names.values()), (row.code, names)
        assert len(set(names.values())) >= 2, (row.code, names)  # not the Italian copied


def test_the_name_follows_the_language_in_use():
    sector = Sector.objects.get(code="A")
    shown = {}
    for code in NAME_LANGUAGES:
        with translation.override(code):
            shown[code] = (sector.name, str(Beneficiary.objects.get(code="cooperatives")))
    assert shown["de"] == (
        "Land- und Forstwirtschaft, Fischerei",
        "Genossenschaften und Konsortien",
    )
    assert shown["fr"] == ("Agriculture, sylviculture et pêche", "Coopératives et consortiums")
    assert shown["it"][0] == "Agricoltura, silvicoltura e pesca"
    assert shown["en"][0] == "Agriculture, forestry and fishing"


def test_an_empty_translation_shows_the_italian_name():
    sector = Sector(code="Z", name_it="Altro", name_en="Other")
    with translation.override("fr"):
        assert sector.name == "Altro"


def test_the_directory_and_the_practices_facets_name_sectors_in_german():
    from community.practices.models import Practice
    from community.practices.selectors import practice_facets
    from matching.models import Profile
    from matching.selectors.directory import directory_facets
    from tests.community.practices.factories import PracticeFactory
    from tests.matching.factories import profile_make

    sector = Sector.objects.get(code="Q")
    profile = profile_make()
    profile.user.sectors.add(sector)
    PracticeFactory(sector=sector)
    with translation.override("de"):
        directory = directory_facets(Profile.objects.all()).get("sector").options
        practices = practice_facets(Practice.objects.all())["sector"].options
    assert ("Q", "Gesundheits- und Sozialwesen", 1) in directory
    assert [o for o in practices if o[0] == "Q"] == [("Q", "Gesundheits- und Sozialwesen", 1)]
