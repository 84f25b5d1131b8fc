"""The PostgreSQL store (psycopg 3): appends lock the head row, rows go in with COPY."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from akte.ledger.store import Store, StoreError, redact


@contextmanager
def _errors() -> Iterator[None]:
    """PostgreSQL errors as StoreErrors that say what to do."""
    import psycopg

    try:
        yield
    except psycopg.errors.UndefinedTable as exc:
        raise StoreError("the ledger tables are missing: run `akte ledger init` first") from exc
    except psycopg.Error as exc:
        raise StoreError(f"PostgreSQL: {exc}") from exc


class PostgresStore(Store):
    """PostgreSQL store; appends lock the head row, nodes and entries go in with COPY."""

    placeholder = "%s"
    blob_type = "BYTEA"
    without_rowid = ""

    def __init__(self, url: str, prefix: str = "tlog_") -> None:
        super().__init__(prefix)
        import psycopg

        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.OperationalError as exc:
            raise StoreError(
                f"cannot connect to PostgreSQL at {redact(url)}: {exc}".strip()
            ) from exc

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._lock, _errors():
            cur = self._conn.execute(sql, params)  # type: ignore[arg-type]
            return cur.fetchall() if cur.description else []

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._lock, _errors(), self._conn.cursor() as cur:
            cur.executemany(sql, rows)  # type: ignore[arg-type]

    def _copy(self, table: str, columns: str, rows: Sequence[Sequence[Any]]) -> None:
        with (
            self._lock,
            _errors(),
            self._conn.cursor() as cur,
            cur.copy(f"COPY {self.p}{table} ({columns}) FROM STDIN") as copy,
        ):  # noqa: S608
            for row in rows:
                copy.write_row(row)

    def _insert_nodes(self, rows: list[tuple[int, int, bytes]]) -> None:
        self._copy("nodes", "level, idx, hash", rows)

    def _insert_entries(self, rows: list[tuple]) -> None:
        self._copy("entries", "idx, kind, procedure, person, nonce, ciphertext, public_json", rows)

    @contextmanager
    def _begin(self, lock: bool) -> Iterator[None]:
        with self._conn.transaction():
            if lock:
                self._conn.execute(self._sql("SELECT size FROM {p}head WHERE id = 1 FOR UPDATE"))
            else:
                self._conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield

    @contextmanager
    def _write(self) -> Iterator[None]:
        with self._transaction(lambda: self._begin(lock=True)):
            yield

    @contextmanager
    def _write_nolock(self) -> Iterator[None]:
        with self._transaction(lambda: self._begin(lock=False)):
            self._conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self.p + "schema",))
            yield

    @contextmanager
    def _read(self) -> Iterator[None]:
        # No snapshot needed: stored nodes never change and the size only grows, and an
        # append commits its nodes together with the new size. Saves three round trips.
        with self._lock:
            yield

    def drop_schema(self) -> None:
        """Drop this prefix's tables (tests and benchmarks clean up with it)."""
        for table in ("nodes", "head", "entries", "data_keys", "checkpoints", "cosignatures"):
            self.execute(f"DROP TABLE IF EXISTS {self.p}{table}")

    def server_version(self) -> str:
        """The PostgreSQL server's version, e.g. ``15.20 (Debian 15.20-0+deb12u1)``."""
        return str(self.execute("SHOW server_version")[0][0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()
