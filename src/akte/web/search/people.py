"""The web app's person index (`akte.matching`), kept in step with the database.

Built on first use from every person and their spellings, then refreshed incrementally:
persons changed since the last refresh are re-added (add replaces a record with the same id).
"""

from __future__ import annotations

import threading

from django.db.models import Max

from akte.matching.index import PersonIndex
from akte.matching.record import NameVariant, PersonRecord, RecordError
from akte.web.cases.models import Person

_lock = threading.Lock()
_state: dict = {"index": None, "seen": None}


def to_record(person: Person) -> PersonRecord | None:
    names = tuple(
        NameVariant(s.given_names, s.family_name, s.script if s.script != "Zyyy" else "")
        for s in person.spellings.all()
    )
    try:
        return PersonRecord(
            id=str(person.pk),
            names=names,
            birth_date=person.birth_date,
            birth_place=person.birth_place,
            nationality=person.nationality,
            sex=person.sex,
        )
    except RecordError:
        return None  # e.g. a person whose only spelling has no letters


def person_index() -> PersonIndex:
    """The index, brought up to date with persons created or changed since the last call."""
    with _lock:
        latest = Person.objects.aggregate(latest=Max("updated_at"))["latest"]
        index, seen = _state["index"], _state["seen"]
        if index is None:
            index, changed = PersonIndex(), Person.objects.all()
        elif latest is not None and (seen is None or latest > seen):
            changed = Person.objects.filter(updated_at__gt=seen) if seen else Person.objects.all()
        else:
            return index
        for person in changed.prefetch_related("spellings").iterator(chunk_size=2000):
            record = to_record(person)
            if record is not None:
                try:
                    index.add(record)
                except RecordError:
                    index.remove(record.id)
        _state["index"], _state["seen"] = index, latest
        return index


def reset() -> None:
    """Forget the index (tests, or after persons were deleted)."""
    with _lock:
        _state["index"], _state["seen"] = None, None
