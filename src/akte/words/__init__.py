"""Words for the engines' codes: one catalogue per language, for the web and the CLI alike.

The catalogue of a language is the folder ``words/<language>/``: one YAML file per engine,
each mapping a code to a text with named fields, e.g.
``matching.level.same_sound: "same sound ({share:percent} of records)"``. A field may carry a
format: ``number`` (up to two decimals), ``number1`` (one decimal), ``integer``, ``percent``,
``signed`` (a weight with its sign), ``date`` (an ISO date), ``partial_date`` (``1990``,
``1990-03`` or ``1990-03-07``); numbers and dates are written the way the language writes them
(ICU/CLDR), so German gets ``2,7``, ``05.03.2026`` and ``03.1990``. Text in a right-to-left
script (an Arabic name) is set between Unicode isolates (U+2068 … U+2069), so it keeps its
order inside a left-to-right sentence.

No Django here: `akte.web` passes the request's language, the CLI passes ``"en"``.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import icu
import yaml

from akte.core.message import Message

LANGUAGES = ("de", "en")
FALLBACK = "en"


@cache
def catalogue(language: str) -> Mapping[str, str]:
    """Every code's text in `language` (empty for a language Akte has no catalogue for)."""
    folder = resources.files(__package__).joinpath(language)
    texts: dict[str, str] = {}
    if not folder.is_dir():
        return texts
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
        for code, text in data.items():
            if code in texts:
                raise ValueError(f"words/{language}/{entry.name}: {code} is defined twice")
            texts[str(code)] = str(text)
    return texts


def text_for(code: str, language: str) -> str | None:
    """The raw catalogue text of `code` (no fallback), or None."""
    return catalogue(_base(language)).get(code)


def render(message: Message | Mapping[str, Any], language: str = FALLBACK) -> str:
    """`message` in `language`, falling back to English, then to the bare code."""
    if not isinstance(message, Message):
        message = Message.from_dict(message)
    language = _base(language)
    text = catalogue(language).get(message.code) or catalogue(FALLBACK).get(message.code)
    if text is None:
        return message.code
    params = {  # a parameter may itself be a message (a reason inside a problem)
        key: render(value, language) if isinstance(value, Message) else value
        for key, value in message.params.items()
    }
    return format_text(text, params, language)


def format_text(text: str, params: Mapping[str, Any], language: str = FALLBACK) -> str:
    """Fill a catalogue text's fields with `params`, numbers and dates as `language` writes
    them; a missing parameter stays visible as ``{name}``."""
    return _Formatter(_base(language)).vformat(text, (), _Params(params))


def field_names(text: str) -> set[str]:
    """The named fields a catalogue text uses (for the completeness test)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _base(language: str) -> str:
    return (language or FALLBACK).replace("_", "-").split("-")[0].lower()


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class _Formatter(string.Formatter):
    def __init__(self, language: str) -> None:
        super().__init__()
        self.locale = icu.Locale(language)

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "partial_date":
            return _partial_date(str(value), self.locale)
        if format_spec in ("", "s") or isinstance(value, str) and format_spec != "date":
            return _isolated(str(value))
        if format_spec == "date":
            return _date(value, self.locale)
        if format_spec == "percent":
            return _number(value, self.locale, 0, 2, percent=True)
        if format_spec == "integer":
            return _number(value, self.locale, 0, 0)
        if format_spec == "number1":
            return _number(value, self.locale, 1, 1)
        if format_spec == "number":
            return _number(value, self.locale, 0, 2)
        if format_spec == "signed":
            sign = "+" if float(value) > 0 else ""
            return sign + _number(value, self.locale, 1, 1)
        return super().format_field(value, format_spec)


_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def _isolated(text: str) -> str:
    """Right-to-left text (an Arabic name) set apart with first-strong isolate marks, so
    that it keeps its order inside a left-to-right sentence (and the sentence its own)."""
    return f"\u2068{text}\u2069" if _RTL.search(text) else text


def _partial_date(value: str, locale: icu.Locale) -> str:
    """`1990`, `1990-03` or `1990-03-07` as the reader writes it: 07.03.1990 in German,
    the ISO form in English."""
    parts = value.split("-")
    if str(locale) == "en" or not all(p.isdigit() for p in parts):
        return value
    return ".".join(reversed(parts))


def _number(value: Any, locale: icu.Locale, least: int, most: int, percent: bool = False) -> str:
    return _number_format(str(locale), least, most, percent).format(float(value))


@cache
def _number_format(locale: str, least: int, most: int, percent: bool) -> icu.NumberFormat:
    """One formatter per locale and format, set up once and never changed afterwards, so
    that threads serving different pages can share it."""
    where = icu.Locale(locale)
    if percent:
        formatter = icu.NumberFormat.createPercentInstance(where)
    else:
        formatter = icu.NumberFormat.createInstance(where)
    formatter.setMinimumFractionDigits(least)
    formatter.setMaximumFractionDigits(most)
    return formatter


def _date(value: Any, locale: icu.Locale) -> str:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if str(locale) == "en":
        return value.isoformat()
    pattern = icu.DateTimePatternGenerator.createInstance(locale).getBestPattern("ddMMyyyy")
    formatter = icu.SimpleDateFormat(pattern, locale)
    formatter.setTimeZone(icu.TimeZone.getGMT())
    moment = dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return formatter.format(moment.timestamp())
