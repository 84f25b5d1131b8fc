"""Finding the places a rulebook's gazetteer knows in the text of a transcript."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching names (Aleppo, ALEPPO, Alep̄po)."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


class PlaceFinder:
    """Matches whole words of every name of every place (all languages) in a text."""

    def __init__(self, names: Mapping[str, Iterable[str]]) -> None:
        alternatives = {}
        for place_id, place_names in names.items():
            for name in place_names:
                folded = fold(name).strip()
                if len(folded) >= 3:
                    alternatives[folded] = place_id
        self._ids = alternatives
        if alternatives:
            pattern = "|".join(re.escape(n) for n in sorted(alternatives, key=len, reverse=True))
            self._regex = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")
        else:
            self._regex = None

    def find(self, text: str) -> list[str]:
        """Place ids named in `text`, in order of first mention, each once."""
        if self._regex is None:
            return []
        found: dict[str, None] = {}
        for match in self._regex.finditer(fold(text)):
            found.setdefault(self._ids[match.group(0)], None)
        return list(found)
