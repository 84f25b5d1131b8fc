"""The database in a backup, and back.

- **SQLite**: SQLite's online backup API (`sqlite3.Connection.backup`) copies the live
  database page by page into ``database/akte.sqlite3`` while the server runs; the copy is
  one consistent state (WAL included). Never a copy of the live file, which a writer may be
  changing. Restored with the same API into the target, then `migrate` (a newer release).
- **PostgreSQL**: Django's own serialisation (``dumpdata``, times to the microsecond:
  `exact_json`, natural keys, without content
  types and permissions, which `migrate` makes) in one ``REPEATABLE READ READ ONLY``
  transaction, so every table is read from one snapshot; restored with `migrate` and
  ``loaddata`` (one transaction; the sequences are reset). Chosen over ``pg_dump`` because
  it needs no client tools of the server's major version on the machine (``pg_dump`` refuses
  a newer server), runs with the application's own connection and rights, and the same dump
  loads into SQLite too. Its cost: it is slower than ``pg_dump`` for very large databases and
  carries only what the models and migrations know (triggers and indexes come back from the
  migrations). For a large production database, ``pg_dump --format=custom`` beside
  `akte backup` remains the faster route (docs/operations.md).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction

from .archive import BackupError

SQLITE_FILE = "database/akte.sqlite3"
JSON_FILE = "database/akte.json"
EXCLUDED = ["contenttypes", "auth.permission"]  # made by `migrate`; named by natural keys
NOT_DATA = {"contenttypes.ContentType", "auth.Permission"}


def _tables() -> dict[str, str]:
    """Model label -> table, for every concrete model that owns a table."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy:
            found[meta.label] = meta.db_table
    return found


def count_rows(cursor, only_existing: bool = False) -> dict[str, int]:
    existing = set(connection.introspection.table_names(cursor)) if only_existing else None
    counts = {}
    for label, table in sorted(_tables().items()):
        if existing is not None and table not in existing:
            continue
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        counts[label] = cursor.fetchone()[0]
    return counts


def vendor() -> str:
    return connection.vendor


def where() -> str:
    """The database in words for messages (no password)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite {settings['NAME']}"
    return f"{connection.vendor} database {settings['NAME']} on {settings.get('HOST') or 'local'}"


def dump(root: Path) -> tuple[str, dict[str, int]]:
    """Dump the database below `root`; (its file name, the rows per model in the dump)."""
    (root / "database").mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(root / SQLITE_FILE)
        try:
            connection.connection.backup(target)
            counts = _sqlite_counts(target)
        finally:
            target.close()
        return SQLITE_FILE, counts
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        counts = count_rows(cursor)
        serializers.register_serializer("json-exact", "akte.web.operations.exact_json")
        call_command(
            "dumpdata",
            format="json-exact",
            natural_foreign=True,
            natural_primary=True,
            exclude=EXCLUDED,
            output=str(root / JSON_FILE),
            verbosity=0,
        )
    return JSON_FILE, counts


def _sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    return {
        label: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
        for label, table in sorted(_tables().items())
    }


def data_rows() -> dict[str, int]:
    """The models that hold rows in the target (what `migrate` makes does not count)."""
    with connection.cursor() as cursor:
        counts = count_rows(cursor, only_existing=True)
    return {label: n for label, n in counts.items() if n and label not in NOT_DATA}


def load(path: Path, name: str, force: bool) -> None:
    """Load the dump `name` (from `dump`) at `path` into the configured database."""
    if name == SQLITE_FILE:
        if connection.vendor != "sqlite":
            raise BackupError(
                f"this backup holds a SQLite database; the target is {where()}: restore it "
                "into SQLite (unset AKTE_DATABASE_URL), then back up again"
            )
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)  # replaces every page of the target
        finally:
            source.close()
        call_command("migrate", interactive=False, verbosity=0)
        return
    call_command("migrate", interactive=False, verbosity=0)
    if force and data_rows():
        if connection.vendor != "postgresql":
            raise BackupError(f"--force into {where()}: empty it first (a new file)")
        call_command("flush", interactive=False, verbosity=0)  # TRUNCATE: no row triggers
    call_command("loaddata", str(path), verbosity=0)
