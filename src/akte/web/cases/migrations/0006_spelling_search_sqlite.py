"""On SQLite, a full-text index of the name spellings with the trigram tokenizer (FTS5,
SQLite 3.34+), kept in step by triggers: the procedure list's name search finds a part of a
name there instead of scanning every spelling with LIKE (`cases.name_search`). Nothing on
PostgreSQL (trigram indexes, 0005)."""

from django.db import migrations

TABLE = "cases_spelling_search"
CREATE = [
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(given_names, family_name, "
    "content='cases_namespelling', content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON cases_namespelling BEGIN "
    f"INSERT INTO {TABLE}(rowid, given_names, family_name) "
    "VALUES (new.id, new.given_names, new.family_name); END",
    f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON cases_namespelling BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, given_names, family_name) "
    "VALUES ('delete', old.id, old.given_names, old.family_name); END",
    f"CREATE TRIGGER {TABLE}_update AFTER UPDATE ON cases_namespelling BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, given_names, family_name) "
    "VALUES ('delete', old.id, old.given_names, old.family_name); "
    f"INSERT INTO {TABLE}(rowid, given_names, family_name) "
    "VALUES (new.id, new.given_names, new.family_name); END",
    f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",  # the spellings already there
]
DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {TABLE}_update",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in CREATE:
            schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_spelling_trigram_indexes")]
    operations = [migrations.RunPython(create, drop)]
