"""A file in, one result per document out: read, classify, extract (no database, no network).

`result(part)` is the object `akte intake read --json` prints and the web stores; its fields
are the contract in docs/intake.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from akte.intake.classify import classify
from akte.intake.config import review_below
from akte.intake.extract import extract
from akte.intake.read import Part, read_path
from akte.intake.side_by_side import in_order


def result(part: Part) -> dict[str, Any]:
    """The contract object for one document; an unreadable one carries `error`."""
    out: dict[str, Any] = {"file": part.file}
    if part.part is not None:
        out["part"] = part.part
    out["sha256"] = part.sha256
    if part.error is not None:
        out.update(error=part.error.code, error_params=dict(part.error.params), needs_review=True)
        return out
    sender = part.xjustiz or {}
    found = classify(part.page_texts, sender)
    # the document names itself where its heading is: pages before it (a cover sheet,
    # a web page's menus) are left out of the head
    start = next(
        (m.params["page"] - 1 for m in found.evidence if m.code == "intake.evidence.heading"), 0
    )
    facts = extract(part.page_texts[start:], sender)
    needs_review = (
        found.kind is None
        or found.confidence < review_below()
        or found.disagreement
        or bool(part.problems)
        or (bool(sender) and not sender.get("valid", True))
    )
    out.update(
        text_source=part.text_source,
        pages=part.pages,
        document_class=found.document_class,
        document_type=found.document_type,
        kind=found.kind,
        confidence=round(found.confidence, 3),
        evidence=[m.as_dict() for m in found.evidence],
        court=facts.court,
        court_file_numbers=facts.court_file_numbers,
        cited_file_numbers=facts.cited_file_numbers,
        office_file_numbers=facts.office_file_numbers,
        document_date=facts.document_date,
        deadlines=facts.deadlines,
        parties=facts.parties,
        needs_review=needs_review,
        problems=[m.as_dict() for m in part.problems],
    )
    if sender:
        out["xjustiz"] = {
            k: sender.get(k)
            for k in ("version", "valid", "court_code", "court_file_number", "office_file_number")
        }
    return out


def read_files(paths: Iterable[str | Path]) -> Iterator[tuple[Part, dict[str, Any]]]:
    """Each file's documents with their results, in the files' order; files are read two at
    a time (`side_by_side`)."""

    def read(path: str | Path) -> list[tuple[Part, dict[str, Any]]]:
        return [(part, result(part)) for part in read_path(path)]

    for done in in_order(read, paths):
        yield from done
