"""The "possible duplicates" warning when a clerk registers a person: the matching engine's
`PersonIndex.possible_duplicates`, with the persons it names read and access-logged."""

from __future__ import annotations

from akte.matching import config
from akte.matching.query import QueryError
from akte.matching.record import NameVariant, PersonRecord, RecordError
from akte.web.audit.log import record_access
from akte.web.audit.models import Action

from .models import Person


def possible_duplicates(request, person: dict, names: list[dict]) -> list:
    """Registered persons who may be the one being registered, as (candidate, person) pairs."""
    from akte.web.search.people import person_index

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
        candidates = person_index().possible_duplicates(record, limit=5, min_probability=threshold)
    except (RecordError, QueryError):
        return []
    persons = Person.objects.prefetch_related("procedures").in_bulk([int(c.id) for c in candidates])
    found = [(c, persons[int(c.id)]) for c in candidates if int(c.id) in persons]
    for _, match in found:
        record_access(request, action=Action.READ, record=f"person:{match.pk}", person_id=match.pk)
    return found
