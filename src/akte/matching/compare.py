"""Field comparisons: each pair of values falls into one level of the model (`model`), with
its match weight and the reasons, as codes with parameters (`codes`), never as sentences.

The score of a candidate is the sum of its field weights; the name is compared part by
part in `name_pairs`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler

from akte.core.message import Message
from akte.core.partial_date import PartialDate, Precision
from akte.matching import model
from akte.matching.normalize import latin


@dataclass(frozen=True)
class FieldResult:
    """One field of a comparison: its level, weight (bits) and the reasons, as messages.

    `level` is one of the level names in `codes.LEVELS` (its words: `level_message`);
    each reason is a `Message` with a code of `codes.CODES`.
    """

    field: str
    level: str
    weight: float
    reasons: tuple[Message, ...]

    @property
    def field_message(self) -> Message:
        return Message(f"matching.field.{self.field}")

    @property
    def level_message(self) -> Message:
        return Message(f"matching.level.{self.level}")

    def to_dict(self) -> dict:
        return {
            "field": self.field,
            "level": self.level,
            "weight": round(self.weight, 2),
            "reasons": [
                {"code": r.code, "params": {k: _rounded(v) for k, v in r.params.items()}}
                for r in self.reasons
            ],
        }


def _rounded(value):
    return round(value, 4) if isinstance(value, float) else value


def _field(field: str, level: str, weight: float, code: str, **params) -> FieldResult:
    return FieldResult(field, level, weight, (Message(code, params),))


def compare_dates(query: PartialDate | None, record: PartialDate | None) -> FieldResult:
    field = "birth_date"
    if query is None or record is None:
        return _field(field, "not_given", 0.0, "matching.birth_date.not_given")

    def coarse(d: PartialDate) -> bool:
        return d.precision is Precision.YEAR or d.is_placeholder()

    shown = {"query": query.isoformat(), "record": record.isoformat()}  # as the reader writes
    if query.year != record.year:
        if abs(query.year - record.year) == 1:
            return _field(field, "year_apart", 0.0, "matching.birth_date.year_apart", **shown)
        weight = model.DATE_DIFFERENT.weight
        return _field(field, "different", weight, "matching.birth_date.different", **shown)
    if coarse(query) or coarse(record):
        why = "placeholder" if (query.is_placeholder() or record.is_placeholder()) else "year_only"
        weight = model.DATE_SAME_YEAR.weight
        return _field(field, "same_year", weight, f"matching.birth_date.{why}", **shown)
    if query.precision is Precision.DAY and record.precision is Precision.DAY:
        if query == record:
            weight = model.DATE_SAME_DAY.weight
            return _field(field, "same_day", weight, "matching.birth_date.same_day", **shown)
        if (query.day, query.month) == (record.month, record.day):
            weight = model.DATE_DAY_MONTH_SWAPPED.weight
            code = "matching.birth_date.day_month_swapped"
            return _field(field, "day_month_swapped", weight, code, **shown)
    if query.could_be(record):
        weight = model.DATE_SAME_MONTH.weight
        return _field(field, "same_month", weight, "matching.birth_date.same_month", **shown)
    weight = model.DATE_SAME_YEAR_OTHER_DAY.weight
    code = "matching.birth_date.same_year_other_day"
    return _field(field, "same_year_other_day", weight, code, **shown)


def compare_places(
    query: str, query_ids: frozenset[int], record: str, record_ids: frozenset[int]
) -> FieldResult:
    field = "birth_place"
    if not query.strip() or not record.strip():
        return _field(field, "not_given", 0.0, "matching.birth_place.not_given")
    shown = {"query": query, "record": record}
    if query_ids & record_ids:
        weight = model.PLACE_SAME.weight
        return _field(field, "same_place", weight, "matching.birth_place.same_place", **shown)
    if JaroWinkler.similarity(latin(query), latin(record)) >= 0.9:
        weight = model.PLACE_SIMILAR.weight
        return _field(field, "similar", weight, "matching.birth_place.similar", **shown)
    weight = model.PLACE_DIFFERENT.weight
    return _field(field, "different", weight, "matching.birth_place.different", **shown)


def compare_codes(field: str, query: str, record: str, same: model.Level) -> FieldResult:
    """Nationality or sex: equal, different, or not given (X counts as not given for sex)."""
    if not query or not record or "X" in (query, record):
        return _field(field, "not_given", 0.0, "matching.code.not_given")
    if query == record:
        return _field(field, "same", same.weight, "matching.code.same", value=record)
    weight = model.different(same).weight
    return _field(field, "different", weight, "matching.code.different", query=query, record=record)
