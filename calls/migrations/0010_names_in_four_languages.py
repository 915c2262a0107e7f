"""The beneficiary names in German and French (calls/reference_data.py)."""

from django.db import migrations, models

from calls.reference_data import BENEFICIARY_NAMES_DE_FR
from coopportal.core.migration_helpers import names_in_languages


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0009_application_submission_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="beneficiary",
            name="name_de",
            field=models.CharField(
                blank=True, default="", max_length=100, verbose_name="name (German)"
            ),
        ),
        migrations.AddField(
            model_name="beneficiary",
            name="name_fr",
            field=models.CharField(
                blank=True, default="", max_length=100, verbose_name="name (French)"
            ),
        ),
        migrations.RunPython(
            names_in_languages("calls.Beneficiary", BENEFICIARY_NAMES_DE_FR),
            migrations.RunPython.noop,
        ),
    ]
