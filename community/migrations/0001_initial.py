from django.db import migrations


class Migration(migrations.Migration):
    """The app's first migration: each part's models follow in their own migrations."""

    dependencies = []

    operations = []
