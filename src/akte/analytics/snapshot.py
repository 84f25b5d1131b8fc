"""A snapshot folder: Parquet tables plus `manifest.json` (time, row counts, schema version,
the pseudonymisation key's id, expiry). A pseudonymised snapshot is still personal data
(GDPR Art. 4(5)): it expires, and an expired snapshot is not read."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from .config import settings
from .reports import ReportError
from .schema import SCHEMA_VERSION

MANIFEST = "manifest.json"
READS = "reads.log"


@dataclass(frozen=True)
class Manifest:
    created_at: dt.datetime
    expires_on: dt.date
    schema_version: int
    key_id: str
    row_counts: dict[str, int]
    synthetic: bool

    @property
    def reference_date(self) -> dt.date:
        return self.created_at.date()


def write_manifest(
    folder: Path, counts: dict[str, int], *, key_id: str, synthetic: bool = False
) -> Manifest:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    manifest = Manifest(
        created_at=now,
        expires_on=now.date() + dt.timedelta(days=settings().snapshot_days),
        schema_version=SCHEMA_VERSION,
        key_id=key_id,
        row_counts=dict(counts),
        synthetic=synthetic,
    )
    data = {
        "created_at": manifest.created_at.isoformat(),
        "expires_on": manifest.expires_on.isoformat(),
        "schema_version": SCHEMA_VERSION,
        "key_id": key_id,
        "row_counts": manifest.row_counts,
        "synthetic": synthetic,
    }
    (folder / MANIFEST).write_text(json.dumps(data, indent=2) + "\n")
    return manifest


def read(folder: Path, *, today: dt.date | None = None) -> Manifest:
    path = folder / MANIFEST
    if not path.is_file():
        raise ReportError("analytics.no_snapshot", path=str(folder))
    data = json.loads(path.read_text())
    manifest = Manifest(
        created_at=dt.datetime.fromisoformat(data["created_at"]),
        expires_on=dt.date.fromisoformat(data["expires_on"]),
        schema_version=int(data["schema_version"]),
        key_id=str(data["key_id"]),
        row_counts={k: int(v) for k, v in data["row_counts"].items()},
        synthetic=bool(data.get("synthetic")),
    )
    if (today or dt.date.today()) > manifest.expires_on:
        raise ReportError(
            "analytics.snapshot_expired", path=str(folder), expired_on=manifest.expires_on
        )
    return manifest


def newest(root: Path) -> Path:
    """The newest snapshot under `root` (or `root` itself when it is a snapshot)."""
    if (root / MANIFEST).is_file():
        return root
    found = sorted(
        (json.loads((d / MANIFEST).read_text())["created_at"], d)
        for d in (root.iterdir() if root.is_dir() else ())
        if (d / MANIFEST).is_file()
    )
    if not found:
        raise ReportError("analytics.no_snapshot", path=str(root))
    return found[-1][1]


def log_read(folder: Path, *, who: str, what: str) -> None:
    """Every read of a snapshot is logged, in the snapshot itself (one JSON line, appended);
    the web also writes its reads to the access log."""
    line = {"at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "who": who, "what": what}
    with (folder / READS).open("a", encoding="utf-8") as log:
        log.write(json.dumps(line, ensure_ascii=False) + "\n")
