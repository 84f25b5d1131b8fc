"""The rulebooks Akte runs on, as the administration shows them: the bundled ones and the
one hearings use (`AKTE_RULEBOOK`), each with its name, version and the rules in force today.
Loaded through `akte.rules` the way the web loads them (`akte.web.hearings.assistant`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from akte.rules import config
from akte.rules.rulebook import Rulebook, RulebookError


@dataclass(frozen=True)
class RulebookInfo:
    folder: str
    name: str = ""
    version: str = ""
    description: str = ""
    languages: tuple[str, ...] = ()
    rules: int = 0
    in_force: int = 0
    for_hearings: bool = False
    error: str = ""


@cache
def _load(folder: str) -> Rulebook | str:
    try:
        return Rulebook.load(folder)
    except (RulebookError, OSError) as exc:
        return str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__


def _folders() -> list[Path]:
    bundled = config.bundled_rulebooks()
    found = sorted(p for p in bundled.iterdir() if (p / "rulebook.yaml").is_file())
    hearing = Path(settings.AKTE_RULEBOOK)
    if hearing.resolve() not in {p.resolve() for p in found}:
        found.append(hearing)
    return found


def rulebooks(today: dt.date | None = None) -> list[RulebookInfo]:
    today = today or dt.date.today()
    hearing = Path(settings.AKTE_RULEBOOK).resolve()
    shown = []
    for folder in _folders():
        book = _load(str(folder))
        common = {"folder": str(folder), "for_hearings": folder.resolve() == hearing}
        if isinstance(book, str):
            shown.append(RulebookInfo(error=book, **common))
            continue
        shown.append(
            RulebookInfo(
                name=book.name,
                version=book.version,
                description=book.manifest.description,
                languages=book.manifest.languages,
                rules=len(book.rules),
                in_force=len(book.rules_in_force(today)),
                **common,
            )
        )
    return shown
