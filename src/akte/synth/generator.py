"""Seeded generator of synthetic persons: the same seed gives the same list."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from akte.core.partial_date import PartialDate
from akte.synth.names import LANGUAGES, Name
from akte.synth.places import Place, places_for
from akte.synth.pools import countries as known_countries
from akte.synth.pools import pool

DEFAULT_COUNTRIES = ("SYR", "AFG", "IRQ", "ERI", "TUR")

# Shares of birth-date precision in registrations (synthetic, chosen to look like registers
# where many dates are incomplete): full day, month only, year only, 01.01. placeholder.
DATE_SHARES = (("day", 0.62), ("month", 0.06), ("year", 0.17), ("placeholder", 0.15))


@dataclass(frozen=True)
class NameSpelling:
    given_names: str
    family_name: str
    script: str  # ISO 15924: Latn, Arab, Ethi
    note: str = ""


@dataclass(frozen=True)
class SyntheticPerson:
    key: str
    sex: str  # M, F or X
    spellings: tuple[NameSpelling, ...]  # first: primary Latin spelling
    birth_date: PartialDate
    birth_place: str
    country: str  # ISO alpha-3 nationality
    languages: tuple[str, ...]  # ISO 639-1/3

    @property
    def primary(self) -> NameSpelling:
        return self.spellings[0]


def generate_persons(
    count: int, seed: int = 2019, countries: tuple[str, ...] = DEFAULT_COUNTRIES
) -> list[SyntheticPerson]:
    """`count` synthetic persons, spread evenly over `countries` (alpha-3 codes)."""
    known = known_countries()
    unknown = [c for c in countries if c not in known]
    if unknown:
        raise ValueError(f"no name data for {', '.join(unknown)}; use some of {', '.join(known)}")
    if count < 0:
        raise ValueError("count must be 0 or more")
    rng = random.Random(seed)
    return [_person(rng, f"P{seed}-{i:07d}", countries[i % len(countries)]) for i in range(count)]


def _pick_date(rng: random.Random) -> PartialDate:
    year = rng.randint(1950, 2010)
    kind = rng.choices([k for k, _ in DATE_SHARES], [w for _, w in DATE_SHARES])[0]
    if kind == "year":
        return PartialDate(year)
    if kind == "placeholder":
        return PartialDate(year, 1, 1)
    month = rng.randint(1, 12)
    if kind == "month":
        return PartialDate(year, month)
    return PartialDate(year, month, rng.randint(1, 28))


@cache
def _place_weights(country: str) -> tuple[tuple[Place, ...], list[float]]:
    """Places of `country` with cumulative weights: larger cities more often (sqrt of size)."""
    places = places_for(country)
    return places, list(accumulate(max(p.population, 1) ** 0.5 for p in places))


def _person(rng: random.Random, key: str, country: str) -> SyntheticPerson:
    names = pool(country)
    sex = rng.choices(("M", "F", "X"), (0.6, 0.398, 0.002))[0]
    given = [names.draw(rng, "female" if sex == "F" else "male")]
    if rng.random() < 0.35:  # a second given name (often the father's name)
        given.append(names.draw(rng, "male"))
    family = [names.draw(rng, "family")]
    if rng.random() < names.grandfather_share:  # father's and grandfather's names
        family.append(names.draw(rng, "male"))
    places, cum_weights = _place_weights(country)
    place = rng.choices(places, cum_weights=cum_weights)[0].name if places else ""
    return SyntheticPerson(
        key=key,
        sex=sex,
        spellings=_spellings(rng, given, family, names.script),
        birth_date=_pick_date(rng),
        birth_place=place,
        country=country,
        languages=rng.choice(LANGUAGES[country]),
    )


def _spellings(
    rng: random.Random, given: list[Name], family: list[Name], script: str
) -> tuple[NameSpelling, ...]:
    """Primary Latin spelling, 0-2 further Latin variants, and the original script if known."""
    seen: list[tuple[str, str]] = []
    wanted = 1 + rng.choices((0, 1, 2), (0.45, 0.4, 0.15))[0]
    for attempt in range(wanted * 3):
        pick = (lambda n: n.canonical) if attempt == 0 else (lambda n: rng.choice(n.variants))
        pair = (" ".join(pick(n) for n in given), " ".join(pick(n) for n in family))
        if pair not in seen:
            seen.append(pair)
        if len(seen) == wanted:
            break
    spellings = [NameSpelling(g, f, "Latn") for g, f in seen]
    originals = [n.original for n in [*given, *family]]
    if script != "Latn" and all(originals) and rng.random() < 0.7:
        spellings.append(
            NameSpelling(
                " ".join(originals[: len(given)]),
                " ".join(originals[len(given) :]),
                script,
                "original script",
            )
        )
    return tuple(spellings)
