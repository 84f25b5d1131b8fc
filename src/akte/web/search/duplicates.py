"""The person index's answer to "who may this new person be?", registered as the duplicate
finder of `cases` (`akte.web.cases.duplicates`) in `SearchConfig.ready()`."""

from __future__ import annotations

from django.conf import settings

from akte.matching.index import Query, QueryError
from akte.matching.record import NameVariant, PersonRecord, RecordError

from .people import person_index


def find_duplicates(person: dict, names: list[dict]) -> list:
    """Candidates (with `.id` and `.probability`) at or above the configured probability."""
    try:
        record = PersonRecord(
            id="new",
            names=tuple(NameVariant(n["given_names"], n["family_name"]) for n in names),
            birth_date=person.get("birth_date"),
            birth_place=person.get("birth_place", ""),
            nationality=person.get("nationality", ""),
            sex=person.get("sex", ""),
        )
        threshold = settings.AKTE_DUPLICATE_MIN_PROBABILITY
        return [
            c
            for c in person_index().search(Query.from_record(record), limit=5)
            if c.probability >= threshold
        ]
    except (RecordError, QueryError):
        return []
