"""Configuration of akte.analytics, read once, one default each.

| variable | default | what |
|---|---|---|
| `AKTE_ANALYTICS_SNAPSHOTS` | `$AKTE_VAR_DIR/analytics` | the folder of snapshots (one subfolder each; reports read the newest) |
| `AKTE_ANALYTICS_ENGINE` | `duckdb` | `duckdb` or `spark` (for large snapshots) |
| `AKTE_ANALYTICS_MIN_PERSONS` | `5` | cells with fewer distinct persons are suppressed |
| `AKTE_ANALYTICS_SNAPSHOT_DAYS` | `30` | days until a snapshot expires and is no longer read |
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ENGINES = ("duckdb", "spark")


@dataclass(frozen=True)
class AnalyticsSettings:
    snapshots: Path
    engine: str
    min_persons: int
    snapshot_days: int


def _positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"{name}={raw!r} is not a whole number of at least 1")
    return int(raw)


@cache
def settings() -> AnalyticsSettings:
    engine = os.environ.get("AKTE_ANALYTICS_ENGINE", "").strip() or "duckdb"
    if engine not in ENGINES:
        raise ValueError(f"AKTE_ANALYTICS_ENGINE={engine!r}: use one of {', '.join(ENGINES)}")
    return AnalyticsSettings(
        snapshots=Path(
            os.environ.get("AKTE_ANALYTICS_SNAPSHOTS")
            or Path(os.environ.get("AKTE_VAR_DIR") or "var") / "analytics"
        ),
        engine=engine,
        min_persons=_positive_int("AKTE_ANALYTICS_MIN_PERSONS", 5),
        snapshot_days=_positive_int("AKTE_ANALYTICS_SNAPSHOT_DAYS", 30),
    )
