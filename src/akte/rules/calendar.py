"""Working days: the holiday calendar (data in `holidays.yaml`) and `working_day(d, region)`.

`working_day(d, "DE-BY")` is `d` itself if that is a working day in Bavaria, else the next one:
Saturdays, Sundays and the region's public holidays (those of "DE" included) are skipped. A region
the data does not list (another Member State) skips Saturdays and Sundays only.
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
def holidays(region: str, year: int) -> frozenset[dt.date]:
    """The public holidays of `region` ("DE", "DE-BY", ...) in `year`; empty if not listed."""
    regions = _regions()
    country = region.split("-")[0]
    days: set[dt.date] = set()
    for key in dict.fromkeys((country, region)):
        if key in regions:
            days |= _region_holidays(regions[key], year)
    return frozenset(days)


def is_working_day(day: dt.date, region: str) -> bool:
    return day.weekday() < 5 and day not in holidays(region, day.year)


def working_day(day: dt.date, region: str) -> dt.date:
    """`day` if it is a working day in `region`, else the next working day (1182/71 Art. 3(4))."""
    while not is_working_day(day, region):
        day += dt.timedelta(days=1)
    return day


def regions() -> tuple[str, ...]:
    return tuple(_regions())
