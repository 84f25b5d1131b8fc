"""Working days: the holiday calendar (data in `holidays.yaml`) and `working_day(d, region)`.

`working_day(d, "DE-BY")` is `d` itself if that is a working day in Bavaria, else the next one:
Saturdays, Sundays and the region's public holidays (those of "DE" included) are skipped.

Germany's holidays are hand-checked data (`holidays.yaml`). Every other country's national public
holidays come from the `holidays` library (python-holidays, MIT; `working_day(d, "IT")`), with
their names in the country's own language; a code neither knows ("XX") skips Saturdays and
Sundays only. `moved_over(d, region)` says which days a last day was moved over, and why (the
explanation of a deadline names the holiday).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources

import yaml


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@cache
def _regions() -> dict[str, dict]:
    text = resources.files("akte.rules").joinpath("holidays.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)["regions"]


def _region_holidays(spec: dict, year: int) -> set[dt.date]:
    days: set[dt.date] = set()
    for month_day in spec.get("fixed", ()):
        month, day = (int(x) for x in month_day.split("-"))
        days.add(dt.date(year, month, day))
    for month_day, since in spec.get("from", {}).items():
        if year >= since:
            month, day = (int(x) for x in month_day.split("-"))
            days.add(dt.date(year, month, day))
    easter = easter_sunday(year)
    days.update(easter + dt.timedelta(days=offset) for offset in spec.get("easter", ()))
    for text in spec.get("dates", ()):
        day = dt.date.fromisoformat(text)
        if day.year == year:
            days.add(day)
    if spec.get("repentance_day"):
        day = dt.date(year, 11, 22)
        days.add(day - dt.timedelta(days=(day.weekday() - 2) % 7))
    return days


@cache
def _library_holidays(country: str, year: int, subdiv: str | None = None) -> dict[dt.date, str]:
    """A country's national public holidays (and a subdivision's, if named) from python-holidays,
    named in the country's own language; empty for a code the library does not know."""
    import holidays as library

    try:
        found = library.country_holidays(country, subdiv=subdiv, years=year)
    except NotImplementedError:  # a country, or a subdivision, the library does not know
        return _library_holidays(country, year) if subdiv else {}
    if found.default_language:
        language = found.default_language
        found = library.country_holidays(country, subdiv=subdiv, years=year, language=language)
    return dict(found)


@cache
def holiday_names(region: str, year: int) -> dict[dt.date, str]:
    """The public holidays of `region` ("DE", "DE-BY", "IT", ...) in `year`, each with its name
    ("" where the data has none); empty for a region neither source knows."""
    regions = _regions()
    country = region.split("-")[0]
    if country not in regions:
        return _library_holidays(country, year)
    days: set[dt.date] = set()
    for key in dict.fromkeys((country, region)):
        if key in regions:
            days |= _region_holidays(regions[key], year)
    subdiv = region.split("-")[1] if "-" in region else None
    names = _library_holidays(country, year, subdiv)  # the dates above, the library's names
    return {day: names.get(day, "") for day in sorted(days)}


@cache
def holidays(region: str, year: int) -> frozenset[dt.date]:
    """The public holidays of `region` in `year` (dates only)."""
    return frozenset(holiday_names(region, year))


def is_working_day(day: dt.date, region: str) -> bool:
    return day.weekday() < 5 and day not in holidays(region, day.year)


def working_day(day: dt.date, region: str) -> dt.date:
    """`day` if it is a working day in `region`, else the next working day (1182/71 Art. 3(4))."""
    while not is_working_day(day, region):
        day += dt.timedelta(days=1)
    return day


def moved_over(day: dt.date, region: str) -> list[tuple[dt.date, str | None]]:
    """The days `working_day(day, region)` passes over: each with its holiday's name ("" if the
    data has none), or None for a Saturday or Sunday that is no holiday (empty if `day` is a
    working day)."""
    skipped = []
    while not is_working_day(day, region):
        names = holiday_names(region, day.year)
        skipped.append((day, names[day] if day in names else None))
        day += dt.timedelta(days=1)
    return skipped


def regions() -> tuple[str, ...]:
    return tuple(_regions())
