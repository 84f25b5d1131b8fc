"""The "possible duplicates" warning when a clerk registers a person.

The search itself belongs to the person index, in the `search` app above this one: it
registers its finder here (`find_duplicates_with`) in its `AppConfig.ready()`. Without a
finder there is no warning.
"""

from __future__ import annotations

from collections.abc import Callable

from .models import Person

# (person's fields, name spellings) -> candidates, each with `.id` (the person's pk as text)
DuplicateFinder = Callable[[dict, list[dict]], list]

_finders: list[DuplicateFinder] = []


def find_duplicates_with(finder: DuplicateFinder) -> None:
    _finders[:] = [finder]


def possible_duplicates(person: dict, names: list[dict]) -> list:
    """Registered persons who may be the one being registered, as (candidate, person) pairs."""
    candidates = _finders[0](person, names) if _finders else []
    persons = Person.objects.prefetch_related("procedures").in_bulk([int(c.id) for c in candidates])
    return [(c, persons[int(c.id)]) for c in candidates if int(c.id) in persons]
