"""The kinds of beneficiary (calls/reference_data.py)."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline


@baseline
def load(apps, schema_editor):
    from calls.reference_data import BENEFICIARIES

    Beneficiary = apps.get_model("calls", "Beneficiary")
    for position, (code, name_it, name_en, for_members) in enumerate(BENEFICIARIES):
        Beneficiary.objects.update_or_create(
            code=code,
            defaults={"name_it": name_it, "name_en": name_en, "for_members": for_members,
                      "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("calls", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
