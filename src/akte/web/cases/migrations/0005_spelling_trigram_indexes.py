"""On PostgreSQL, trigram indexes (pg_trgm) for the name search of the procedure list
(`icontains` on family and given names, an `ILIKE '%…%'` that a B-tree cannot answer).
Nothing on SQLite. The extension is trusted since PostgreSQL 13: the database's owner may
create it."""

from django.db import migrations

INDEXES = {
    "spelling_family_trgm_idx": "family_name",
    "spelling_given_trgm_idx": "given_names",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON cases_namespelling "
            f"USING gin (UPPER({column}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_procedure_list_indexes")]
    operations = [migrations.RunPython(create, drop)]
