"""Every code `akte.matching` emits, with its parameters (texts: `akte/words/*/matching.yaml`).

A `FieldResult` names its field (`matching.field.<field>`) and level
(`matching.level.<level>`) and gives its reasons as messages; `parse_query` and
`QueryError` speak in `matching.query.*`.
"""

from __future__ import annotations

FIELDS = ("name", "birth_date", "birth_place", "nationality", "sex")
LEVELS = (
    "name_parts",
    "not_given",
    "year_apart",
    "different",
    "same_year",
    "same_day",
    "day_month_swapped",
    "same_month",
    "same_year_other_day",
    "same_place",
    "similar",
    "same",
)

_PAIR = frozenset({"query", "record"})
_NAME_PAIR = frozenset({"query", "record", "weight"})

CODES: dict[str, frozenset[str]] = {
    **{f"matching.field.{field}": frozenset() for field in FIELDS},
    **{f"matching.level.{level}": frozenset() for level in LEVELS},
    # one line per name part: query part ~ record part, level, key, share of records, weight
    "matching.name.exact": _NAME_PAIR | {"key", "share"},
    "matching.name.same_sound": _NAME_PAIR | {"key", "share"},
    "matching.name.similar": _NAME_PAIR | {"key"},
    "matching.name.written_together": _NAME_PAIR,
    "matching.name.not_in_spelling": frozenset({"part", "weight"}),
    "matching.name.not_in_query": frozenset({"parts", "weight"}),
    "matching.name.swapped": frozenset(),
    "matching.name.same_original_script": frozenset({"name", "weight"}),
    "matching.birth_date.not_given": frozenset(),
    "matching.birth_date.year_apart": _PAIR,
    "matching.birth_date.different": _PAIR,
    "matching.birth_date.placeholder": _PAIR,
    "matching.birth_date.year_only": _PAIR,
    "matching.birth_date.same_day": _PAIR,
    "matching.birth_date.day_month_swapped": _PAIR,
    "matching.birth_date.same_month": _PAIR,
    "matching.birth_date.same_year_other_day": _PAIR,
    "matching.birth_place.not_given": frozenset(),
    "matching.birth_place.same_place": _PAIR,
    "matching.birth_place.similar": _PAIR,
    "matching.birth_place.different": _PAIR,
    "matching.code.not_given": frozenset(),
    "matching.code.same": frozenset({"value"}),
    "matching.code.different": _PAIR,
    **{
        f"matching.strength.{band}": frozenset({"weight"})
        for band in ("strong", "moderate", "weak", "against")
    },  # fmt: skip
    "matching.query.no_letters": frozenset(),
    "matching.query.name_cut": frozenset({"limit"}),
    "matching.query.mixed_scripts": frozenset(),
    "matching.query.birth_date_unreadable": frozenset({"value", "reason"}),
}
