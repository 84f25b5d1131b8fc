"""Configuration of the hearing recordings, read once, one default each (docs/configuration.md).

| variable | default | what |
|---|---|---|
| `AKTE_HEARING_RECORD_BEFORE_APR` | `on` | record hearings of applications lodged before 12 June 2026 too (an office setting; the APR makes it law from then on) |
| `AKTE_HEARING_RECORDING_RETENTION_DAYS` | (none: kept with the file) | days after sealing when a recording's audio is erased (a tombstone stays) |
| `AKTE_HEARING_CHUNK_MAX_BYTES` | `2000000` | the largest recording chunk the server accepts |
"""

from __future__ import annotations

import os
from functools import cache

RECORD_BEFORE_APR = "AKTE_HEARING_RECORD_BEFORE_APR"
RETENTION_DAYS = "AKTE_HEARING_RECORDING_RETENTION_DAYS"
CHUNK_MAX_BYTES = "AKTE_HEARING_CHUNK_MAX_BYTES"


def _positive(name: str, text: str) -> int:
    if not text.isascii() or not text.isdigit() or int(text) < 1:
        raise ValueError(f"${name} must be a positive integer, got {text[:20]!r}")
    return int(text)


@cache
def record_before_apr() -> bool:
    text = os.environ.get(RECORD_BEFORE_APR, "on").strip().lower()
    if text not in ("on", "off", "1", "0", "true", "false", "yes", "no"):
        raise ValueError(f"${RECORD_BEFORE_APR} must be on or off, got {text[:20]!r}")
    return text in ("on", "1", "true", "yes")


@cache
def retention_days() -> int | None:
    text = os.environ.get(RETENTION_DAYS, "").strip()
    return _positive(RETENTION_DAYS, text) if text else None


@cache
def chunk_max_bytes() -> int:
    text = os.environ.get(CHUNK_MAX_BYTES, "").strip()
    return _positive(CHUNK_MAX_BYTES, text) if text else 2_000_000
