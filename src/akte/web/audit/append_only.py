"""The access log is append-only in the database too, not only in Python.

Migration `audit.0002_access_log_append_only` installs triggers (SQLite and PostgreSQL) that
refuse every UPDATE of `audit_accesslogentry` and every DELETE with an integrity error; a
DELETE passes only when the same transaction opened a maintenance window: a row in `audit_accesslog_maintenance`,
inserted and removed inside that transaction, so that no other connection ever sees it
open. Nothing in Akte opens one; a retention job decided by the data protection officer
would, with `maintenance_window()`. Erasing a person does not touch the log (it holds ids,
never the person's data). TRUNCATE bypasses row triggers on PostgreSQL: grant the
application's database role no TRUNCATE on it (docs/architecture.md, security baseline).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections, transaction

TABLE = "audit_accesslogentry"
WINDOW_TABLE = "audit_accesslog_maintenance"
REFUSAL = "access log entries cannot be changed or deleted"


@contextmanager
def maintenance_window(using: str = "default") -> Iterator[None]:
    """Inside this block (one transaction) the database lets rows of the log be deleted
    (never changed)."""
    with transaction.atomic(using=using):
        with connections[using].cursor() as cursor:
            cursor.execute(f"INSERT INTO {WINDOW_TABLE} (opened) VALUES (1)")  # noqa: S608
        yield
        with connections[using].cursor() as cursor:
            cursor.execute(f"DELETE FROM {WINDOW_TABLE}")  # noqa: S608


def _open_window() -> str:
    return f"EXISTS (SELECT 1 FROM {WINDOW_TABLE})"  # noqa: S608


SQLITE = [
    f"CREATE TABLE IF NOT EXISTS {WINDOW_TABLE} (opened integer NOT NULL)",
    f"CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
    f"CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE} "
    f"WHEN NOT {_open_window()} BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete",
    f"DROP TABLE IF EXISTS {WINDOW_TABLE}",
]

POSTGRESQL = [
    f"CREATE TABLE IF NOT EXISTS {WINDOW_TABLE} (opened integer NOT NULL)",
    f"""CREATE OR REPLACE FUNCTION {TABLE}_refuse() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND {_open_window()} THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '{REFUSAL} (%)', TG_OP USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql""",
    f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
    f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse()",
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_refuse()",
    f"DROP TABLE IF EXISTS {WINDOW_TABLE}",
]


def statements(vendor: str, *, reverse: bool = False) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_REVERSE if reverse else SQLITE
    if vendor == "postgresql":
        return POSTGRESQL_REVERSE if reverse else POSTGRESQL
    raise NotImplementedError(f"no append-only triggers for database {vendor!r}")
