from django.db import migrations


class Migration(migrations.Migration):
    """The app's first migration: its models follow."""

    dependencies = []

    operations = []
