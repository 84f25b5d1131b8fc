"""`PersonRecord`: what the index stores about a person, and its JSON Lines format.

One JSON object per line (see docs/matching.md):

    {"id": "P-1", "names": [{"given_names": "Mohammed", "family_name": "al-Hassan"},
                            {"given_names": "محمد", "family_name": "الحسن", "script": "Arab"}],
     "birth_date": "1990-03", "birth_place": "Aleppo", "nationality": "SYR", "sex": "M"}

Only `id` and one name are required. Dates are ISO or German partial dates (`1990`,
`03.1990`, `1990-03-07`); nationality is ISO 3166-1 alpha-3; sex `M`, `F` or `X`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from akte.core.partial_date import PartialDate, PartialDateError
from akte.matching.normalize import clean, detect_script


class RecordError(ValueError):
    """A person record that cannot be indexed; the message says what to fix."""


@dataclass(frozen=True)
class NameVariant:
    given_names: str = ""
    family_name: str = ""
    script: str = ""  # ISO 15924; detected when empty

    @property
    def full(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()


@dataclass(frozen=True)
class PersonRecord:
    id: str
    names: tuple[NameVariant, ...]
    birth_date: PartialDate | None = None
    birth_place: str = ""
    nationality: str = ""
    sex: str = ""

    def __post_init__(self) -> None:
        if not str(self.id).strip():
            raise RecordError("a person record needs a non-empty 'id'")
        if not any(clean(n.full) for n in self.names):
            raise RecordError(f"record {self.id!r} has no name with letters in it")
        if self.sex not in ("", "M", "F", "X"):
            raise RecordError(f"record {self.id!r}: sex must be M, F, X or empty, not {self.sex!r}")

    @classmethod
    def from_dict(cls, data: dict) -> PersonRecord:
        if not isinstance(data, dict):
            raise RecordError("a person record must be a JSON object")
        names_raw = data.get("names")
        if not isinstance(names_raw, list) or not names_raw:
            raise RecordError(
                f"record {data.get('id')!r}: 'names' must be a list of "
                '{"given_names": ..., "family_name": ...} objects'
            )
        names = []
        for raw in names_raw:
            if not isinstance(raw, dict):
                raise RecordError(f"record {data.get('id')!r}: each name must be an object")
            given, family = str(raw.get("given_names") or ""), str(raw.get("family_name") or "")
            names.append(
                NameVariant(given, family, str(raw.get("script") or detect_script(given + family)))
            )
        date = data.get("birth_date")
        try:
            birth = PartialDate.parse(str(date)) if date else None
        except PartialDateError as exc:
            raise RecordError(f"record {data.get('id')!r}: birth_date: {exc}") from exc
        return cls(
            id=str(data.get("id") or ""),
            names=tuple(names),
            birth_date=birth,
            birth_place=str(data.get("birth_place") or ""),
            nationality=str(data.get("nationality") or "").upper(),
            sex=str(data.get("sex") or "").upper(),
        )

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "names": [
                {"given_names": n.given_names, "family_name": n.family_name, "script": n.script}
                for n in self.names
            ],
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "birth_place": self.birth_place,
            "nationality": self.nationality,
            "sex": self.sex,
        }


def _not_utf8(line: str) -> int | None:
    """Column (1-based) of the first byte that was not UTF-8 (read as a lone surrogate by
    `surrogateescape`), or of a lone surrogate a JSON escape (`"\\ud800"`) made; else None."""
    for column, char in enumerate(line, start=1):
        if "\ud800" <= char <= "\udfff":
            return column
    return None


def _loads(line: str, where: str) -> object:
    column = _not_utf8(line)
    if column is not None:
        raise RecordError(f"{where}: not UTF-8 text (column {column})")
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordError(f"{where}: not valid JSON ({exc.msg}, column {exc.colno})") from exc
    except ValueError as exc:  # e.g. a number of more digits than Python converts
        raise RecordError(f"{where}: not valid JSON ({str(exc)[:80]})") from exc
    except RecursionError as exc:
        raise RecordError(f"{where}: not valid JSON (nested too deeply)") from exc
    column = _not_utf8(json.dumps(data, ensure_ascii=False))
    if column is not None:
        raise RecordError(f"{where}: a string escapes a lone surrogate (not a character)")
    return data


def read_jsonl(path: Path) -> Iterator[PersonRecord]:
    """Records from a JSON Lines file; a bad line raises RecordError naming file and line."""
    with Path(path).open(encoding="utf-8", errors="surrogateescape") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            data = _loads(line, where)
            try:
                yield PersonRecord.from_dict(data)
            except RecordError as exc:
                raise RecordError(f"{where}: {exc}") from exc


def original_spellings(record: PersonRecord) -> tuple[str, ...]:
    """The record's names in a script other than Latin, cleaned (for an identity check)."""
    found = []
    for name in record.names:
        text = clean(name.full)
        if text and detect_script(text) not in ("Latn", "Zyyy"):
            found.append(text.casefold())
    return tuple(found)
