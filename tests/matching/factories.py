"""The matching factories: a member with a profile, built through the profile service so that its
tags, completeness and search vector are kept as the portal keeps them."""

from coopportal.accounts.models import Province, Sector
from matching.services.profiles import profile_create
from tests.factories import UserFactory


def profile_make(
    *,
    user=None,
    skills=(),
    offers=(),
    needs=(),
    sectors=(),
    province=None,
    **fields,
):
    """`profile_make(skills=["web design"], offers=["siti web"], needs=["contabilità"],
    sectors=["J"], province="MI", presentation="…")`: a verified member (or `user`) with the
    profile; sectors by ATECO code, province by sigla."""
    user = user or UserFactory(member=True)
    if province is not None:
        user.province = Province.objects.get(sigla=province)
        user.save(update_fields=["province"])
    if sectors:
        user.sectors.set(Sector.objects.filter(code__in=sectors))
    return profile_create(user=user, skills=skills, offers=offers, needs=needs, **fields)
