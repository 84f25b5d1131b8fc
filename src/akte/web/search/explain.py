"""The matching engine explains a score in English; the web shows it in the user's language.

`akte.matching` stays free of Django, so its explanations are plain English text built from a
fixed set of phrases. Field names and levels are translated as wholes; in the sentences, each
known phrase is replaced by its translation (longest first), and names, dates and numbers stay
as they are.
"""

from __future__ import annotations

import re
from functools import cache

from django.utils.translation import get_language, gettext, gettext_noop

FIELDS = {
    "name": gettext_noop("Name"),
    "birth_date": gettext_noop("date of birth"),
    "birth_place": gettext_noop("place of birth"),
    "nationality": gettext_noop("nationality"),
    "sex": gettext_noop("sex"),
}

LEVELS = [
    gettext_noop("name parts"),
    gettext_noop("not given"),
    gettext_noop("year ±1"),
    gettext_noop("different"),
    gettext_noop("same year"),
    gettext_noop("same day"),
    gettext_noop("day and month swapped"),
    gettext_noop("same month"),
    gettext_noop("same year, other day"),
    gettext_noop("same place"),
    gettext_noop("similar"),
    gettext_noop("same"),
]

PHRASES = [
    gettext_noop("given and family name swapped (no penalty)"),
    gettext_noop("parts written together"),
    gettext_noop("not in this spelling"),
    gettext_noop("not in the query"),
    gettext_noop("of records"),
    gettext_noop("same sound"),
    gettext_noop("exact"),
    gettext_noop("no date on one side: no evidence"),
    gettext_noop("no place on one side: no evidence"),
    gettext_noop("not given on one side: no evidence"),
    gettext_noop("placeholder 01.01. counts as year only"),
    gettext_noop("only the year is known"),
    gettext_noop("one year apart"),
    gettext_noop("different years"),
    gettext_noop("same month, day unknown"),
    gettext_noop("same year only"),
    gettext_noop("same GeoNames city"),
    gettext_noop("similar spelling"),
    gettext_noop("the name was longer than 200 characters and was cut"),
    gettext_noop("the name mixes scripts; each part is transliterated on its own"),
    gettext_noop(
        "the name has no letters after removing spaces, punctuation, symbols and "
        "control characters: enter at least part of a name"
    ),
]

CONNECTIVES = [gettext_noop("both"), gettext_noop("vs")]


def field_label(field: str) -> str:
    return gettext(FIELDS[field]) if field in FIELDS else field


def level_label(level: str) -> str:
    return gettext(level) if level in LEVELS else level


@cache
def _pattern(language: str) -> tuple[re.Pattern, dict[str, str]]:
    del language  # one compiled pattern per language (the translations differ)
    words = sorted(set(PHRASES + LEVELS + CONNECTIVES), key=len, reverse=True)
    table = {w: gettext(w) for w in words}
    return re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words)), table


def explain(text: str) -> str:
    """An explanation or message from the engine in the active language."""
    if not text or (get_language() or "en").startswith("en"):
        return text
    pattern, table = _pattern(get_language())
    return pattern.sub(lambda m: table[m.group(0)], text)
