"""Configuration of akte.rules, read once, one default each (docs/rules.md, "Configuration").

| variable        | default                                  | what                              |
|-----------------|------------------------------------------|-----------------------------------|
| `AKTE_RULEBOOK` | the bundled `asylum-de` rulebook         | the rulebook hearings are run on  |

The bundled rulebooks are found where they are installed: as package data `akte/rulebooks/`
(an installed wheel) or, in a source checkout and an editable install, the checkout's
`rulebooks/` folder.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

RULEBOOK_VARIABLE = "AKTE_RULEBOOK"
DEFAULT_RULEBOOK = "asylum-de"


def bundled_rulebooks() -> Path:
    """The folder that holds the rulebooks that come with Akte."""
    installed = Path(str(resources.files("akte"))) / "rulebooks"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "rulebooks"  # src/akte/rules -> checkout


@cache
def hearing_rulebook() -> Path:
    """The rulebook folder hearings use: `AKTE_RULEBOOK`, else the bundled `asylum-de`."""
    configured = os.environ.get(RULEBOOK_VARIABLE, "").strip()
    return Path(configured) if configured else bundled_rulebooks() / DEFAULT_RULEBOOK
