"""What the applicant's status page shows: the current status and each step in plain words
and local dates (`applicant`), and, one click away, each step's inclusion proof verified
here against the latest signed checkpoint."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from akte import words as log_words
from akte.ledger import merkle

from . import applicant
from .link import get_ledger


@dataclass(frozen=True)
class Step:
    status: dict[str, str]  # name, meaning, next in the page's language
    when: str  # local date and time, as the language writes them
    entry: object  # the log's HistoryEntry
    verified: bool
    reason: str  # why it is not verified, where the log's codes have words in the language


def _verified(entry, signed) -> bool:
    if not entry.verified or signed is None:
        return entry.verified
    try:  # verify again here, from the proof alone
        merkle.verify_inclusion(
            entry.leaf_hash,
            entry.index,
            signed.checkpoint.size,
            entry.inclusion_proof,
            signed.checkpoint.root,
        )
    except merkle.ProofError:
        return False
    return True


def _isolated(words, key: str, **values: str) -> str:
    """A text with its values kept left-to-right inside any direction of writing (a file
    number 7000003-475 must not turn into 475-7000003 in Arabic)."""
    marks = {name: f"\x00{i}\x00" for i, name in enumerate(values)}
    text = escape(words.text(key, **marks))
    for name, mark in marks.items():
        text = text.replace(mark, format_html('<bdi dir="ltr">{}</bdi>', values[name]))
    return mark_safe(text)  # noqa: S308 - escaped above, the values by format_html


def context(file_number: str, procedure, chosen: str) -> dict:
    person_languages = procedure.person.language_list if procedure is not None else []
    words = applicant.catalogue(applicant.page_language(chosen, person_languages))
    ledger = get_ledger()
    signed = ledger.latest_checkpoint()
    steps = []
    for entry in ledger.procedure_history(file_number):
        event = entry.event
        at = applicant.log_time(event.time) if event is not None else None
        verified = _verified(entry, signed)
        steps.append(
            Step(
                status=words.status(event.event_type) if event is not None else {},
                when=words.moment(at) if at is not None else "–",
                entry=entry,
                verified=verified,
                reason=""
                if verified or words.language not in log_words.LANGUAGES
                else log_words.render(entry.status, words.language),
            )
        )
    shown = [s for s in steps if s.entry.event is not None]
    current = procedure.status if procedure is not None else ""
    since = next((s for s in reversed(shown) if s.entry.event.event_type == current), None)
    since_at = applicant.log_time(since.entry.event.time) if since is not None else None
    return {
        "file_number": file_number,
        "file_number_text": _isolated(words, "file_number", file_number=file_number),
        "words": words,
        "texts": words.texts,
        "current": words.status(current) if current else None,
        "since": words.text("since", date=words.day(since_at)) if since_at else "",
        "steps": list(reversed(shown)),  # the newest first
        "proofs": steps,
        "unconfirmed": any(not s.verified for s in steps),
        "checkpoint": signed,
        "checkpoint_text": words.text(
            "proof_checkpoint", size=signed.checkpoint.size, witnesses=signed.witness_count
        )
        if signed
        else words.texts["proof_none"],
        "root_b64": base64.b64encode(signed.checkpoint.root).decode() if signed else "",
        "choices": [(code, applicant.catalogue(code).name) for code in applicant.languages()],
    }
