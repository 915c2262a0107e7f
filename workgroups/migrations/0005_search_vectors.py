"""Italian search in one place (coopportal.core.search): groups get a stored weighted vector (name A,
theme and summary B, description C) and a trigram index on the name; proposals a trigram index on
the title. Every vector is (re)built with the `italian_unaccent` configuration — the proposals'
were built with plain `italian`. Nothing to fill on SQLite (`make run`), which has no text search."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

from coopportal.core.search import weighted_vector

VECTORS = {
    "WorkingGroup": weighted_vector(
        ("name", "A"), ("theme", "B"), ("summary", "B"), ("description", "C")
    ),
    "Proposal": weighted_vector(("title", "A"), ("summary", "B"), ("body", "C")),
}


def fill_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, vector in VECTORS.items():
        model = apps.get_model("workgroups", model_name)
        model.objects.using(schema_editor.connection.alias).update(search_vector=vector)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_italian_search"),
        ("workgroups", "0004_stable_task_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="workinggroup",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["title"], name="wg_proposal_title_trgm", opclasses=["gin_trgm_ops"]
            ),
        ),
        migrations.AddIndex(
            model_name="workinggroup",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="wg_group_search"
            ),
        ),
        migrations.AddIndex(
            model_name="workinggroup",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["name"], name="wg_group_name_trgm", opclasses=["gin_trgm_ops"]
            ),
        ),
        migrations.RunPython(fill_vectors, migrations.RunPython.noop),
    ]
