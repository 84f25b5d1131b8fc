"""`akte analytics snapshot`: the live database as a pseudonymised snapshot (Parquet).

No names, no dates of birth (an age band at lodging instead), no free text; ids are keyed
hashes (`pseudonyms`). Rows are streamed from the database in batches, never all in memory.
A table whose source Akte does not have yet is not written: the engines read it as empty.
The folder is readable by its owner only; its creation is in the access log.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from django.utils import timezone

from akte.analytics import cube
from akte.analytics.schema import TABLES
from akte.analytics.snapshot import write_manifest

from . import sources
from .pseudonyms import Pseudonyms, for_snapshot

BATCH = 50_000
_ARROW = {"VARCHAR": pa.string(), "DATE": pa.date32(), "INTEGER": pa.int32(),
          "BOOLEAN": pa.bool_()}  # fmt: skip


def _schema(table: str) -> pa.Schema:
    return pa.schema([(name, _ARROW[kind]) for name, kind in TABLES[table]])


def _write(path: Path, table: str, rows: Iterable[dict]) -> int:
    schema = _schema(table)
    names = schema.names
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in _batches(rows):
            columns = {name: [row.get(name) for row in batch] for name in names}
            writer.write_table(pa.table(columns, schema=schema))
            count += len(batch)
        if count == 0:
            writer.write_table(pa.table({n: [] for n in names}, schema=schema))
    os.chmod(path, 0o600)
    return count


def _batches(rows: Iterable[dict]) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def write(root: Path, *, keep_key: bool = False, echo: Callable[[str], None] | None = None) -> Path:
    say = echo or (lambda _text: None)
    pseudonyms: Pseudonyms = for_snapshot(root, keep_key=keep_key)
    now = timezone.now()
    folder = root / f"{now:%Y%m%dT%H%M%S.%f}-{pseudonyms.key_id}"
    folder.mkdir(mode=0o700, parents=True)
    counts = {}
    for table, rows in sources.tables(pseudonyms, as_of=dt.date.today()).items():
        counts[table] = _write(folder / f"{table}.parquet", table, rows)
        say(f"  {table}: {counts[table]:,} rows")
    write_manifest(folder, counts, key_id=pseudonyms.key_id)
    cube.build(folder, echo=say)  # each figure's cells, so that reports take milliseconds
    return folder


def write_logged(root: Path, *, keep_key: bool = False, echo=None) -> Path:
    """`write`, with the snapshot's creation in the access log (from the command line)."""
    from akte.web.accounts.purposes import Purpose
    from akte.web.audit.log import record_cli_access
    from akte.web.audit.models import Action

    folder = write(root, keep_key=keep_key, echo=echo)
    record_cli_access(action=Action.EXPORT, record=f"analytics-snapshot:{folder.name}"[:100],
                      person_id=None, procedure_id=None, purpose=Purpose.QUALITY_ASSURANCE)  # fmt: skip
    return folder
