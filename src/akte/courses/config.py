"""Configuration of akte.courses, read once, one default (docs/configuration.md).

| variable               | default                        | what                                  |
|------------------------|--------------------------------|---------------------------------------|
| `AKTE_COURSES_RULEBOOK` | the bundled `deufoev` rulebook | the rulebook courses are checked and billed on |
| `AKTE_COURSES_LEITWEG_ID` | empty (the course number)      | the office's Leitweg-ID, XRechnung's buyer reference (BT-10) |
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from akte.courses.leitweg import check_leitweg_id
from akte.rules.config import bundled_rulebooks

RULEBOOK_VARIABLE = "AKTE_COURSES_RULEBOOK"
DEFAULT_RULEBOOK = "deufoev"


@cache
def courses_rulebook() -> Path:
    """The rulebook folder: `AKTE_COURSES_RULEBOOK`, else the bundled `deufoev`."""
    configured = os.environ.get(RULEBOOK_VARIABLE, "").strip()
    return Path(configured) if configured else bundled_rulebooks() / DEFAULT_RULEBOOK


LEITWEG_VARIABLE = "AKTE_COURSES_LEITWEG_ID"


@cache
def office_leitweg_id() -> str:
    """The office's Leitweg-ID (`AKTE_COURSES_LEITWEG_ID`), checked; "" when not set."""
    configured = os.environ.get(LEITWEG_VARIABLE, "").strip().upper()
    if configured and check_leitweg_id(configured):
        problem = check_leitweg_id(configured)[0]
        raise ValueError(f"{LEITWEG_VARIABLE}={configured!r}: {problem.code} {problem.params}")
    return configured
