"""An index on disk: its records as gzip JSON Lines plus `meta.json`; the keys are not
stored but recomputed when the index is loaded."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from akte.matching.record import PersonRecord

FORMAT = "akte.matching.index"
FORMAT_VERSION = 1


def write_records(path: Path, records: Iterable[PersonRecord]) -> None:
    """Write `records` as an index directory at `path`."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    tmp = path / "records.jsonl.gz.tmp"
    count = 0
    with gzip.open(tmp, "wt", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    tmp.replace(path / "records.jsonl.gz")
    meta = {"format": FORMAT, "version": FORMAT_VERSION, "records": count}
    (path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def read_records(path: Path) -> Iterator[PersonRecord]:
    """The records of the index directory at `path`; a clear error if it is none."""
    path = Path(path)
    meta_file = path / "meta.json"
    if not meta_file.is_file():
        raise FileNotFoundError(
            f"{path} is not a matching index (no meta.json): build one with "
            "`akte match index build RECORDS.jsonl --index PATH`"
        )
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT or meta.get("version") != FORMAT_VERSION:
        raise ValueError(f"{path}: unsupported index format {meta!r}; rebuild the index")
    with gzip.open(path / "records.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            yield PersonRecord.from_dict(json.loads(line))
