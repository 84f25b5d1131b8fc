"""What a clerk asks: `Query`, the form input turned into one (`parse_query`), and the
notes and errors about it, as messages (`codes`)."""

from __future__ import annotations

from dataclasses import dataclass

from akte.core.message import Message
from akte.core.partial_date import PartialDate, PartialDateError
from akte.matching.normalize import (
    MAX_CHARS,
    Token,
    clean,
    detect_script,
    name_tokens,
    scripts_of,
    skeleton,
    spelling_tokens,
)
from akte.matching.record import PersonRecord, original_spellings

MAX_QUERY_TOKENS = 8


class QueryError(ValueError):
    """A query that cannot be searched; `message` says what to change (a code to render)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.code)
        self.message = message


@dataclass(frozen=True)
class Query:
    """What a clerk knows. `name` is free text; or give `given_names` and `family_name`."""

    name: str = ""
    given_names: str = ""
    family_name: str = ""
    birth_date: PartialDate | None = None
    birth_place: str = ""
    nationality: str = ""
    sex: str = ""
    original_spellings: tuple[str, ...] = ()  # names in a non-Latin script, as written

    @classmethod
    def from_record(cls, record: PersonRecord, spelling: int = 0) -> Query:
        """The record as a query, on its name number `spelling`, with every original-script
        spelling it has."""
        name = record.names[spelling]
        return cls(
            "",
            name.given_names,
            name.family_name,
            record.birth_date,
            record.birth_place,
            record.nationality,
            record.sex,
            original_spellings(record),
        )

    def script(self) -> str:
        """The script of most letters of the name (ISO 15924)."""
        return detect_script(self.name or f"{self.given_names} {self.family_name}")

    def tokens(self) -> tuple[Token, ...]:
        """The name tokens searched for (at most `MAX_QUERY_TOKENS`); empty: no letters."""
        if self.given_names or self.family_name:
            tokens = spelling_tokens(self.given_names, self.family_name)
        else:
            tokens = tuple((t, skeleton(t), "") for t in name_tokens(self.name))
        return tokens[:MAX_QUERY_TOKENS]


NO_LETTERS = Message("matching.query.no_letters")


def parse_query(
    name: str, born: str | None = None, country: str = "", place: str = "", sex: str = ""
) -> tuple[Query, list[Message]]:
    """A free-text query from the CLI or a web form, with notes a person should see."""
    notes = []
    cleaned = clean(name)
    if len(name or "") > MAX_CHARS:
        notes.append(Message("matching.query.name_cut", {"limit": MAX_CHARS}))
    if len(scripts_of(cleaned) - {"Zyyy", "Zinh"}) > 1:
        notes.append(Message("matching.query.mixed_scripts"))
    date = None
    if born:
        try:
            date = PartialDate.parse(born)
        except PartialDateError as exc:
            params = {"value": born, "reason": str(exc)}
            raise QueryError(Message("matching.query.birth_date_unreadable", params)) from exc
    return Query(
        name=cleaned,
        birth_date=date,
        birth_place=place,
        nationality=(country or "").upper(),
        sex=(sex or "").upper(),
    ), notes
