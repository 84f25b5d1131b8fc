"""The person index's answer to "who may this new person be?", registered as the duplicate
finder of `cases` (`akte.web.cases.duplicates`) in `SearchConfig.ready()`: the matching
engine's `PersonIndex.possible_duplicates` at the configured probability."""

from __future__ import annotations

from akte.matching import config
from akte.matching.query import QueryError
from akte.matching.record import NameVariant, PersonRecord, RecordError

from .people import person_index


def find_duplicates(person: dict, names: list[dict]) -> list:
    """Candidates (with `.id` and `.probability`) at or above the configured probability."""
    try:
        record = PersonRecord(
            id="new",  # not a primary key: the person is not registered yet
            names=tuple(NameVariant(n["given_names"], n["family_name"]) for n in names),
            birth_date=person.get("birth_date"),
            birth_place=person.get("birth_place", ""),
            nationality=person.get("nationality", ""),
            sex=person.get("sex", ""),
        )
        threshold = config.settings().duplicate_min_probability
        return person_index().possible_duplicates(record, limit=5, min_probability=threshold)
    except (RecordError, QueryError):
        return []
