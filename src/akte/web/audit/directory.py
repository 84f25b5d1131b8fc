"""How the access log finds a person without knowing the case models.

The audit app sits below `cases`, so it asks this registry; `cases` fills it in its
`AppConfig.ready()` (`akte.web.cases.apps`). Without a provider nobody can be found.
"""

from __future__ import annotations

from typing import Protocol


class PersonDirectory(Protocol):
    def exists(self, person_id: int) -> bool:
        """True when a person with this id is on file."""

    def person_of(self, file_number: str) -> int | None:
        """The id of the person a procedure with this file number belongs to."""

    def same_person(self, person_id: int) -> list[int]:
        """The ids of every record of this person: itself and the records merged with it."""

    def facts(self, person_ids: list[int]) -> dict:
        """What the access report says of the person beyond the log: `languages` (codes),
        `categories` (of `report_words.CATEGORIES`), `agencies` (names of the agencies in
        the procedures' status history other than the office)."""


class _Nobody:
    def exists(self, person_id: int) -> bool:
        return False

    def person_of(self, file_number: str) -> int | None:
        return None

    def same_person(self, person_id: int) -> list[int]:
        return [person_id]

    def facts(self, person_ids: list[int]) -> dict:
        return {"languages": [], "categories": [], "agencies": []}


_provided: list[PersonDirectory] = [_Nobody()]


def provide(directory: PersonDirectory) -> None:
    _provided[0] = directory


def persons() -> PersonDirectory:
    return _provided[0]
