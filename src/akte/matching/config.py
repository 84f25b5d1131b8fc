"""Configuration of `akte.matching`: each environment variable read once, with one default.

| variable | default | what |
|---|---|---|
| `AKTE_MATCH_INDEX` | `var/matching-index` | index directory of `akte match` |
| `AKTE_DUPLICATE_MIN_PROBABILITY` | `0.5` | match probability from which registration warns of a possible duplicate |

`settings()` reads the environment on first use (not at import time) and keeps the result;
`settings.cache_clear()` makes the next call read it again (tests).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DEFAULT_INDEX = "var/matching-index"
DEFAULT_DUPLICATE_MIN_PROBABILITY = 0.5


@dataclass(frozen=True)
class MatchingSettings:
    index: Path
    duplicate_min_probability: float


@cache
def settings() -> MatchingSettings:
    raw = os.environ.get("AKTE_DUPLICATE_MIN_PROBABILITY", "")
    try:
        threshold = float(raw) if raw.strip() else DEFAULT_DUPLICATE_MIN_PROBABILITY
    except ValueError:
        raise ValueError(
            f"AKTE_DUPLICATE_MIN_PROBABILITY={raw!r} is not a number: use e.g. 0.5"
        ) from None
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"AKTE_DUPLICATE_MIN_PROBABILITY={raw!r} is not between 0 and 1")
    return MatchingSettings(
        index=Path(os.environ.get("AKTE_MATCH_INDEX") or DEFAULT_INDEX),
        duplicate_min_probability=threshold,
    )
