"""The dedupe clusters of the registry (`akte persons dedupe`): Splink over the persons on
file (`akte.matching.linkage.dedupe`), without the records merged away, each cluster with
the page where a clerk merges its members (`/persons/<id>/merge/?other=<id>`)."""

from __future__ import annotations

from collections.abc import Callable

from akte.matching.record import PersonRecord
from akte.web.cases.models import Person
from akte.web.cases.trail import merged_away_ids

from .people import to_record


def registry_records() -> list[PersonRecord]:
    """Every person on file as a matching record, except those merged into another."""
    persons = Person.objects.exclude(pk__in=merged_away_ids()).prefetch_related("spellings")
    records = (to_record(p) for p in persons.iterator(chunk_size=2000))
    return [r for r in records if r is not None]


def merge_paths(members: tuple[str, ...]) -> list[str]:
    """The merge page of the first member with each other member."""
    first, *others = members
    return [f"/persons/{first}/merge/?other={other}" for other in others]


def registry_clusters(dedupe: Callable | None = None, **options) -> list:
    if dedupe is None:
        from akte.matching.linkage import dedupe
    return dedupe(registry_records(), **options)
