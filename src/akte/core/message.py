"""A message from an engine: a code and its parameters, never a sentence.

Engines say *what* happened (``Message("matching.level.same_sound", {"share": 0.05})``);
the web and the CLI say it in the reader's language with `akte.words.render`. Every code an
engine can emit is declared in that engine's ``codes.py`` (``CODES``: code -> parameter
names), and `tests/test_words.py` checks that each has a German and an English entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

_NO_PARAMS: Mapping[str, Any] = MappingProxyType({})


class Message(NamedTuple):
    """A code and its parameters. A named tuple: engines make one for every compared pair
    (the person search scores hundreds of candidates a query), so it must be cheap."""

    code: str
    params: Mapping[str, Any] = _NO_PARAMS

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Message:
        return cls(str(data["code"]), dict(data.get("params") or {}))
