"""Italian search in one place (coopportal/core/search.py): the `unaccent` and `pg_trgm`
extensions, and the text search configuration `italian_unaccent` — the Italian one, with accents
taken off words before the stemmer, so that "citta" finds "città". On SQLite (`make run`) this does
nothing: the extensions are PostgreSQL-only operations and the configuration is skipped."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

CREATE = """
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'italian_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION italian_unaccent (COPY = italian);
        ALTER TEXT SEARCH CONFIGURATION italian_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, italian_stem;
    END IF;
END $$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS italian_unaccent;"


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0003_legal_pages")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP)),
    ]
