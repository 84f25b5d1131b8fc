"""A message from an engine: a code and its parameters, never a sentence.

Engines say *what* happened (``Message("matching.level.same_sound", {"share": 0.05})``);
the web and the CLI say it in the reader's language with `akte.words.render`. Every code an
engine can emit is declared in that engine's ``codes.py`` (``CODES``: code -> parameter
names), and `tests/test_words.py` checks that each has a German and an English entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Message:
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Message:
        return cls(str(data["code"]), dict(data.get("params") or {}))
