"""Italian regions and provinces (ISTAT codes) and economic sectors (ATECO 2007 sections)."""

from django.db import migrations

from coopportal.accounts.reference_data import PROVINCES, REGIONS, SECTORS
from coopportal.core.migration_helpers import baseline


@baseline
def load(apps, schema_editor):
    Region = apps.get_model("accounts", "Region")
    Province = apps.get_model("accounts", "Province")
    Sector = apps.get_model("accounts", "Sector")
    regions = {}
    for code, name in REGIONS:
        regions[code], _ = Region.objects.update_or_create(code=code, defaults={"name": name})
    for code, sigla, name, region_code in PROVINCES:
        Province.objects.update_or_create(
            code=code, defaults={"sigla": sigla, "name": name, "region": regions[region_code]}
        )
    for code, name_it, name_en in SECTORS:
        Sector.objects.update_or_create(code=code, defaults={"name_it": name_it, "name_en": name_en})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
