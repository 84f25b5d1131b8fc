"""The "possible duplicates" warning when a clerk registers a person.

The search itself belongs to the person index, in the `search` app above this one: it
registers its finder here (`find_duplicates_with`) in its `AppConfig.ready()`. Without a
finder there is no warning.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Prefetch

from .models import Person

# (person's fields, name spellings) -> candidates, each with `.id` (the person's pk as text)
DuplicateFinder = Callable[[dict, list[dict]], list]

_finders: list[DuplicateFinder] = []


def find_duplicates_with(finder: DuplicateFinder) -> None:
    _finders[:] = [finder]


def possible_duplicates(person: dict, names: list[dict], user=None) -> list:
    """Registered persons who may be the one being registered, as (candidate, person) pairs.
    For a `user`, need-to-know: a person outside their procedures comes as (candidate, None),
    so that the page can say that there is a match elsewhere without showing it."""
    from .access import visible_persons, visible_procedures

    candidates = _finders[0](person, names) if _finders else []
    ids = [int(c.id) for c in candidates]
    if user is None:
        persons = Person.objects.prefetch_related("procedures").in_bulk(ids)
        return [(c, persons[int(c.id)]) for c in candidates if int(c.id) in persons]
    existing = set(Person.objects.filter(pk__in=ids).values_list("pk", flat=True))
    own = Prefetch("procedures", queryset=visible_procedures(user))
    persons = visible_persons(user).prefetch_related(own).in_bulk(ids)
    return [(c, persons.get(int(c.id))) for c in candidates if int(c.id) in existing]


def shown_and_elsewhere(pairs: list) -> tuple[list, int]:
    """The pairs the user may see, and how many more are outside their procedures."""
    shown = [(c, p) for c, p in pairs if p is not None]
    return shown, len(pairs) - len(shown)
