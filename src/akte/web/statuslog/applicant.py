"""The applicant's words for the status page: one catalogue per language in
`statuslog/status_page/<language>.yaml`, each with its translation metadata (author, who
reviewed it and when), the page's texts and every status in plain words (its name, what it
means, what comes next). A status the catalogue does not know is said with the neutral
``unknown`` entry, never as its key.

The page's language: the reader's choice on the page, else the applicant's first language
Akte has words for, else German. Dates are local (Europe/Berlin), in the language's way of
writing them (ICU), always in the Gregorian calendar of the letters the applicant receives.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import icu
import yaml

from akte import words

DEFAULT = "de"
TIME_ZONE = "Europe/Berlin"
UNKNOWN = "unknown"  # the catalogue's entry for a status it has no words for
STATUS_PARTS = ("name", "meaning", "next")

# Codes a person's `languages` may hold (ISO 639-1/-2/-3, BCP 47) -> the catalogue's code.
ALIASES = {
    "deu": "de", "ger": "de", "eng": "en", "ara": "ar", "apc": "ar", "arz": "ar", "ajp": "ar",
    "acm": "ar", "fas": "fa", "per": "fa", "pes": "fa", "fa-ir": "fa", "fa-af": "prs",
    "pus": "ps", "pbt": "ps", "pbu": "ps", "pst": "ps", "tir": "ti", "tur": "tr",
    "ku": "kmr", "kur": "kmr", "ku-latn": "kmr", "fra": "fr", "fre": "fr", "rus": "ru",
}  # fmt: skip


@dataclass(frozen=True)
class Catalogue:
    language: str  # the page's lang attribute (BCP 47)
    name: str  # the language's own name, for the chooser
    direction: str  # ltr or rtl
    icu_locale: str  # the locale ICU writes dates in
    author: str
    reviewed_by: str | None
    reviewed_on: dt.date | None
    texts: dict[str, str]
    statuses: dict[str, dict[str, str]]

    def text(self, key: str, **params: Any) -> str:
        return words.format_text(self.texts[key], params, self.icu_locale)

    def status(self, key: str) -> dict[str, str]:
        return self.statuses.get(key) or self.statuses[UNKNOWN]

    @property
    def review_note(self) -> str:
        if self.reviewed_by and self.reviewed_on:
            return self.text("reviewed", name=self.reviewed_by, date=self.date(self.reviewed_on))
        return self.text("not_reviewed")

    def date(self, day: dt.date) -> str:
        moment = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)
        return _formatter(self.icu_locale, with_time=False).format(moment.timestamp())

    def day(self, at: dt.datetime) -> str:
        """The local (Europe/Berlin) day of `at`, as this language writes a date."""
        return _formatter(self.icu_locale, with_time=False).format(at.timestamp())

    def moment(self, at: dt.datetime) -> str:
        """`at` in local time (Europe/Berlin) as this language writes date and time."""
        return _formatter(self.icu_locale, with_time=True).format(at.timestamp())


def _folder():
    return resources.files(__package__).joinpath("status_page")


# the chooser's order; a catalogue not named here follows in the order of its file name
ORDER = ("de", "en", "ar", "prs", "fa", "ps", "ti", "tr", "kmr", "fr", "ru")


@cache
def languages() -> tuple[str, ...]:
    """The catalogues' languages, German first."""
    found = sorted(e.name[: -len(".yaml")] for e in _folder().iterdir() if e.name.endswith(".yaml"))
    rank = {code: i for i, code in enumerate(ORDER)}
    return tuple(sorted(found, key=lambda code: (rank.get(code, len(ORDER)), code)))


@cache
def catalogue(language: str) -> Catalogue:
    data = yaml.safe_load(_folder().joinpath(f"{language}.yaml").read_text(encoding="utf-8"))
    meta = data["meta"]
    reviewed_on = meta.get("reviewed_on")
    if isinstance(reviewed_on, str):
        reviewed_on = dt.date.fromisoformat(reviewed_on)
    return Catalogue(
        language=language,
        name=meta["name"],
        direction=meta["direction"],
        icu_locale=meta.get("icu_locale", language),
        author=meta["author"],
        reviewed_by=meta.get("reviewed_by"),
        reviewed_on=reviewed_on,
        texts={str(k): str(v) for k, v in data["texts"].items()},
        statuses={str(k): {p: str(v[p]) for p in v} for k, v in data["statuses"].items()},
    )


def supported(code: str) -> str | None:
    """The catalogue for a language code as people and browsers write it, or None."""
    code = (code or "").strip().lower().replace("_", "-")
    if code in languages():
        return code
    code = ALIASES.get(code, code)
    if code in languages():
        return code
    base = code.split("-")[0]
    base = ALIASES.get(base, base)
    return base if base in languages() else None


def page_language(chosen: str, person_languages: list[str]) -> str:
    """The reader's choice if Akte has words for it, else the applicant's first language
    that it has, else German."""
    for code in (chosen, *person_languages):
        found = supported(code)
        if found:
            return found
    return DEFAULT


_per_thread = threading.local()


def _formatter(locale: str, *, with_time: bool) -> icu.DateFormat:
    """One formatter per locale and thread (ICU's date formats are not thread-safe)."""
    made = _per_thread.__dict__.setdefault("formatters", {})
    key = (locale, with_time)
    if key not in made:
        made[key] = _new_formatter(locale, with_time=with_time)
    return made[key]


def _new_formatter(locale: str, *, with_time: bool) -> icu.DateFormat:
    where = icu.Locale(f"{locale}@calendar=gregorian")
    if with_time:
        formatter = icu.DateFormat.createDateTimeInstance(
            icu.DateFormat.kLong, icu.DateFormat.kShort, where
        )
    else:
        formatter = icu.DateFormat.createDateInstance(icu.DateFormat.kLong, where)
    formatter.setTimeZone(icu.TimeZone.createTimeZone(TIME_ZONE))
    return formatter


def log_time(text: str) -> dt.datetime | None:
    """A time of the log (ISO 8601 UTC, e.g. ``2026-12-01T10:00:00Z``) or None."""
    try:
        at = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return None
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


def metadata_problems(words: Catalogue, today: dt.date | None = None) -> list[str]:
    """What is wrong with a catalogue's translation metadata: a review by its own author,
    a reviewer without a date (or the other way round), a review dated in the future."""
    problems = []
    if not words.author.strip():
        problems.append("no author")
    if bool(words.reviewed_by) != bool(words.reviewed_on):
        problems.append("reviewed_by and reviewed_on go together")
    if (
        words.reviewed_by
        and words.reviewed_by.strip().casefold() == words.author.strip().casefold()
    ):
        problems.append(f"reviewed by its own author ({words.author})")
    if words.reviewed_on and words.reviewed_on > (today or dt.date.today()):
        problems.append("reviewed in the future")
    return problems
