"""Values of facts: the unknown marker, fact types, reading input values, calendar arithmetic.

A fact is known or unknown. `UNKNOWN` is a single marker object that propagates through
expressions by the rules of three-valued (Kleene) logic: `unknown and false` is false.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from akte.core.countries import is_country
from akte.core.message import Message
from akte.core.partial_date import PartialDate, PartialDateError
from akte.rules.expressions import Duration


class _Unknown:
    """The value of a fact nobody has established yet."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "unknown"

    def __bool__(self) -> bool:
        raise TypeError("unknown has no truth value: compare with `is UNKNOWN`")

    def __reduce__(self):
        return (_Unknown, ())


UNKNOWN = _Unknown()

FACT_TYPES = (
    "boolean",
    "integer",
    "decimal",
    "text",
    "date",
    "partial_date",
    "choice",
    "choices",
    "country",
    "place",
)


@dataclass(frozen=True, slots=True)
class Type:
    """A static type of an expression. `choices` lists the allowed values of a choice type."""

    kind: str  # a FACT_TYPES entry, or "duration", "list", "any"
    choices: tuple[str, ...] = ()
    element: Type | None = None  # for "list"

    def __str__(self) -> str:
        if self.kind == "list":
            return f"list of {self.element}"
        return self.kind.replace("_", " ")


BOOLEAN = Type("boolean")
INTEGER = Type("integer")
DECIMAL = Type("decimal")
TEXT = Type("text")
DATE = Type("date")
PARTIAL_DATE = Type("partial_date")
DURATION = Type("duration")
COUNTRY = Type("country")
PLACE = Type("place")
ANY = Type("any")


class FactValueError(ValueError):
    """An input value that does not fit its fact's type.

    `message` says what fits as a code with parameters (`akte.rules.codes`); the web and the
    CLI render it. `str()` shows the code, for logs.
    """

    def __init__(self, code: str, params: Mapping[str, object] | None = None) -> None:
        self.message = Message(code, dict(params or {}))
        super().__init__(f"{code} {dict(self.message.params)}")

    def for_fact(self, fact: str) -> FactValueError:
        """The same problem, naming the fact whose value it is."""
        return FactValueError("rules.value.of_fact", {"fact": fact, "problem": self.message})


def add_duration(day: dt.date, duration: Duration, sign: int = 1) -> dt.date:
    """Calendar-correct period arithmetic (Art. 42 Dublin III style for months and years).

    A period in months or years ends on the same date in the last month; when that date does
    not exist there (31 January + 1 month), on the last day of that month. Weekends count.
    """
    amount = duration.amount * sign
    if duration.unit == "days":
        return day + dt.timedelta(days=amount)
    if duration.unit == "weeks":
        return day + dt.timedelta(weeks=amount)
    months = amount if duration.unit == "months" else amount * 12
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise OverflowError("date out of range")
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def read_value(fact_type: Type, raw: object, places: frozenset[str] = frozenset()) -> object:
    """Turn a JSON/YAML input value into the engine's value; None means unknown."""
    if raw is None:
        return UNKNOWN
    kind = fact_type.kind
    if kind == "boolean":
        if isinstance(raw, bool):
            return raw
        raise FactValueError("rules.value.expected_boolean", {"raw": repr(raw)})
    if kind == "integer":
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        raise FactValueError("rules.value.expected_integer", {"raw": repr(raw)})
    if kind == "decimal":
        if isinstance(raw, bool):
            raise FactValueError("rules.value.expected_number", {"raw": repr(raw)})
        if isinstance(raw, int | float | str | Decimal):
            try:
                value = Decimal(str(raw))
            except InvalidOperation:
                raise FactValueError("rules.value.expected_number", {"raw": repr(raw)}) from None
            if value.is_finite():
                return value
        raise FactValueError("rules.value.expected_number", {"raw": repr(raw)})
    if kind == "text":
        if isinstance(raw, str):
            return raw
        raise FactValueError("rules.value.expected_text", {"raw": repr(raw)})
    if kind == "date":
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        if isinstance(raw, str):
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                pass
        raise FactValueError("rules.value.expected_date", {"raw": repr(raw)})
    if kind == "partial_date":
        if isinstance(raw, PartialDate):
            return raw
        if isinstance(raw, dt.date):
            return PartialDate.from_date(raw)
        if isinstance(raw, int | str) and not isinstance(raw, bool):
            try:
                return PartialDate.parse(str(raw))
            except PartialDateError as error:
                raise FactValueError(
                    "rules.value.not_a_partial_date", {"raw": repr(raw), "reason": str(error)}
                ) from None
        raise FactValueError("rules.value.expected_partial_date", {"raw": repr(raw)})
    if kind == "choice":
        if isinstance(raw, str) and raw in fact_type.choices:
            return raw
        raise FactValueError(
            "rules.value.expected_choice",
            {"choices": ", ".join(fact_type.choices), "raw": repr(raw)},
        )
    if kind == "choices":
        if isinstance(raw, list | tuple | set | frozenset) and all(
            isinstance(i, str) and i in fact_type.choices for i in raw
        ):
            return frozenset(raw)
        raise FactValueError(
            "rules.value.expected_choices",
            {"choices": ", ".join(fact_type.choices), "raw": repr(raw)},
        )
    if kind == "country":
        if isinstance(raw, str) and is_country(raw):
            return raw
        raise FactValueError("rules.value.expected_country", {"raw": repr(raw)})
    if kind == "place":
        if isinstance(raw, str) and raw in places:
            return raw
        raise FactValueError("rules.value.expected_place", {"raw": repr(raw)})
    raise FactValueError("rules.value.unknown_type", {"kind": kind})


def from_form(kind: str, texts: list[str]) -> object:
    """What a web form sent for a fact of type `kind` (a list of texts: one, or several for
    `choices`) as a raw answer for `read_value`: yes/no as booleans, whole numbers as
    integers, no text as None. A text that fits nothing stays a text, for `read_value` to
    refuse with its message."""
    if kind == "choices":
        values = [t for t in texts if t]
        return values or None
    value = (texts[-1] if texts else "").strip()  # the last, as a form field reads
    if value == "":
        return None
    if kind == "boolean":
        return {"yes": True, "no": False}.get(value, value)
    if kind == "integer":
        try:
            return int(value)
        except ValueError:
            return value
    return value


def show_value(value: object) -> str:
    """A value as a person reads it (and as YAML tests write it)."""
    if value is UNKNOWN:
        return "unknown"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, dt.date | PartialDate):
        return value.isoformat()
    if isinstance(value, frozenset):
        return "[" + ", ".join(sorted(value)) + "]"
    if isinstance(value, Duration):
        return f"{value.amount} {value.unit}"
    return str(value)


def to_json(value: object) -> object:
    """A value for JSON output: dates as ISO text, unknown as null."""
    if value is UNKNOWN:
        return None
    if isinstance(value, dt.date | PartialDate):
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Duration):
        return f"{value.amount} {value.unit}"
    return value
