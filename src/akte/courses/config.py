"""Configuration of akte.courses, read once, one default (docs/configuration.md).

| variable               | default                        | what                                  |
|------------------------|--------------------------------|---------------------------------------|
| `AKTE_COURSES_RULEBOOK` | the bundled `deufoev` rulebook | the rulebook courses are checked and billed on |
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from akte.rules.config import bundled_rulebooks

RULEBOOK_VARIABLE = "AKTE_COURSES_RULEBOOK"
DEFAULT_RULEBOOK = "deufoev"


@cache
def courses_rulebook() -> Path:
    """The rulebook folder: `AKTE_COURSES_RULEBOOK`, else the bundled `deufoev`."""
    configured = os.environ.get(RULEBOOK_VARIABLE, "").strip()
    return Path(configured) if configured else bundled_rulebooks() / DEFAULT_RULEBOOK
