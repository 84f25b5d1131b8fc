"""`PartialDate`: a date known to a day, a month or only a year.

Dates of birth of applicants are often incomplete. Akte stores the precision and never
invents a day: "1990" stays a year, "03.1990" a month. A placeholder such as 01.01.1990
entered because only the year is known should be entered as the year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class PartialDateError(ValueError):
    """A text that is not a partial date; the message says what was expected."""


_ISO = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?$")
_GERMAN = re.compile(r"^(?:(?:(?P<d>\d{1,2})\.)?(?P<m>\d{1,2})\.)?(?P<y>\d{4})$")
_MIN_YEAR, _MAX_YEAR = 1850, 2200


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A year, optionally with month, optionally with day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not _MIN_YEAR <= self.year <= _MAX_YEAR:
            raise PartialDateError(f"year {self.year} is outside {_MIN_YEAR}–{_MAX_YEAR}")
        if self.month is None and self.day is not None:
            raise PartialDateError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise PartialDateError(f"month {self.month} is not between 1 and 12")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise PartialDateError(
                    f"day {self.day} does not exist in {self.year}-{self.month:02d} (last is {last})"
                )

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ISO (`1990`, `1990-03`, `1990-03-07`) or German (`1990`, `03.1990`, `07.03.1990`)."""
        cleaned = (text or "").strip()
        if not cleaned:
            raise PartialDateError("empty date: enter a year, month.year or day.month.year")
        match = _ISO.match(cleaned) or _GERMAN.match(cleaned)
        if not match:
            raise PartialDateError(
                f"{cleaned[:40]!r} is not a date: use YYYY, MM.YYYY, DD.MM.YYYY or YYYY-MM-DD"
            )
        parts = match.groupdict()
        return cls(
            int(parts["y"]),
            int(parts["m"]) if parts["m"] else None,
            int(parts["d"]) if parts["d"] else None,
        )

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    def isoformat(self) -> str:
        """`1990`, `1990-03` or `1990-03-07`: the storage form, sortable as text."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def german(self) -> str:
        """`1990`, `03.1990` or `07.03.1990`: the display form; shows no invented parts."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.month:02d}.{self.year:04d}"
        return f"{self.day:02d}.{self.month:02d}.{self.year:04d}"

    def earliest(self) -> dt.date:
        """First day the partial date may stand for."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """Last day the partial date may stand for."""
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def could_be(self, other: PartialDate) -> bool:
        """True when both may stand for the same day (their ranges overlap)."""
        return self.earliest() <= other.latest() and other.earliest() <= self.latest()

    def is_placeholder(self) -> bool:
        """01.01.YYYY: a day-precision date that is often a stand-in for 'year only'."""
        return self.precision is Precision.DAY and self.month == 1 and self.day == 1

    def __str__(self) -> str:
        return self.isoformat()
