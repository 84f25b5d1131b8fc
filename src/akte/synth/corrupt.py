"""Seeded corruptions of synthetic persons: the queries of the matching benchmark.

A corrupted query is what a clerk might type for a person already in the registry: another
romanisation, a typo, given and family name swapped, a name part dropped or two merged, a
year-only or 01.01. placeholder date, the place spelled differently, or the original script.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from akte.core.partial_date import PartialDate
from akte.synth.generator import SyntheticPerson
from akte.synth.names import Name
from akte.synth.places import places_for
from akte.synth.pools import countries, pool

CORRUPTIONS = (
    "romanisation",
    "typo",
    "swap",
    "drop_part",
    "merge_parts",
    "year_only",
    "placeholder",
    "no_date",
    "day_month_swapped",
    "place_variant",
    "no_place",
    "script",
)


@dataclass(frozen=True)
class CorruptedQuery:
    true_key: str
    given_names: str
    family_name: str
    birth_date: PartialDate | None
    birth_place: str
    country: str
    sex: str
    corruptions: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()


@cache
def _variant_index() -> dict[str, Name]:
    index: dict[str, Name] = {}
    for country in countries():
        names = pool(country)
        for name in (*names.male, *names.female, *names.family):
            for variant in (*name.variants, name.original):
                if variant:  # the original script too: عبد العزيز is one name
                    index.setdefault(variant.lower(), name)
    return index


def _units(text: str) -> list[tuple[str, Name | None]]:
    """The names a text is made of, longest known name first (Abd al-Rahman is one name)."""
    words, out, i = text.split(), [], 0
    index = _variant_index()
    while i < len(words):
        for j in range(len(words), i, -1):
            part = " ".join(words[i:j])
            name = index.get(part.lower())
            if name:
                out.append((part, name))
                i = j
                break
        else:
            out.append((words[i], None))
            i += 1
    return out


def _reromanise(rng: random.Random, text: str) -> str:
    return " ".join(rng.choice(name.variants) if name else part for part, name in _units(text))


def _typo(rng: random.Random, text: str) -> str:
    positions = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(positions) < 3:
        return text
    i = rng.choice(positions[1:])
    kind = rng.choice(("insert", "delete", "substitute", "transpose"))
    letter = rng.choice("aeiouhnrstlmkdy")
    if kind == "insert":
        return text[:i] + letter + text[i:]
    if kind == "delete":
        return text[:i] + text[i + 1 :]
    if kind == "substitute":
        return text[:i] + letter + text[i + 1 :]
    if i + 1 < len(text):
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text


def corrupt(
    person: SyntheticPerson, rng: random.Random, max_corruptions: int = 3
) -> CorruptedQuery:
    """One query for `person` with 1..max_corruptions corruptions drawn from `rng`."""
    kinds = set(rng.sample(CORRUPTIONS, rng.randint(1, max_corruptions)))
    latin = [s for s in person.spellings if s.script == "Latn"]
    original = [s for s in person.spellings if s.script != "Latn"]
    spelling = rng.choice(latin)
    if "script" in kinds and original:
        spelling = original[0]
    else:
        kinds.discard("script")
    given, family = spelling.given_names, spelling.family_name
    if "romanisation" in kinds and spelling.script == "Latn":
        given, family = _reromanise(rng, given), _reromanise(rng, family)
    if "drop_part" in kinds:  # a whole name is left out, never half of Abd al-Rahman
        parts = [part for part, _ in _units(given)]
        if len(parts) > 1:
            parts.pop(rng.randrange(len(parts)))
            given = " ".join(parts)
        else:
            kinds.discard("drop_part")
    parts = [part for part, _ in _units(given)]
    if "merge_parts" in kinds and len(parts) > 1:
        given = " ".join([parts[0] + parts[1], *parts[2:]])
    elif "merge_parts" in kinds:
        given, family = f"{given}{family}", ""
    if "typo" in kinds and spelling.script == "Latn":
        if rng.random() < 0.5 or not family:
            given = _typo(rng, given)
        else:
            family = _typo(rng, family)
    if "swap" in kinds:
        given, family = family, given
    return CorruptedQuery(
        true_key=person.key,
        given_names=given,
        family_name=family,
        birth_date=_date(rng, person.birth_date, kinds),
        birth_place=_place(rng, person, kinds),
        country=person.country,
        sex=person.sex,
        corruptions=tuple(sorted(kinds)),
    )


def _date(rng: random.Random, date: PartialDate, kinds: set[str]) -> PartialDate | None:
    if "no_date" in kinds:
        return None
    if "year_only" in kinds:
        return PartialDate(date.year)
    if "placeholder" in kinds:
        return PartialDate(date.year, 1, 1)
    if "day_month_swapped" in kinds and date.day and date.day <= 12 and date.day != date.month:
        return PartialDate(date.year, date.day, date.month)
    return date


def _place(rng: random.Random, person: SyntheticPerson, kinds: set[str]) -> str:
    if "no_place" in kinds:
        return ""
    if "place_variant" in kinds:
        for place in places_for(person.country):
            if place.name == person.birth_place and place.alternate_names:
                return rng.choice(place.alternate_names)
    return person.birth_place
