"""The sector names in German and French (coopportal/accounts/reference_data.py)."""

from django.db import migrations, models

from coopportal.accounts.reference_data import SECTOR_NAMES_DE_FR
from coopportal.core.migration_helpers import names_in_languages


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0009_user_language_four"),
    ]

    operations = [
        migrations.AddField(
            model_name="sector",
            name="name_de",
            field=models.CharField(
                blank=True, default="", max_length=200, verbose_name="name (German)"
            ),
        ),
        migrations.AddField(
            model_name="sector",
            name="name_fr",
            field=models.CharField(
                blank=True, default="", max_length=200, verbose_name="name (French)"
            ),
        ),
        migrations.RunPython(
            names_in_languages("accounts.Sector", SECTOR_NAMES_DE_FR), migrations.RunPython.noop
        ),
    ]
