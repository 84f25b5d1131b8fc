"""The record of one hearing (Anhörung, § 25 AsylG) as plain data.

A `HearingRecord` is what the Niederschrift (the written record of the interview) is made
from: header, numbered transcript segments, the corrections layer from the read-back
(Rückübersetzung), the applicant's confirmation or refusal, procedural notes, and what the
assistant suggested with what the interviewer did with it. The web app stores these in its
database and builds a `HearingRecord` to seal and export it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from .recording import RecordingSeal


class Speaker(StrEnum):
    INTERVIEWER = "interviewer"
    APPLICANT = "applicant"
    INTERPRETER = "interpreter"


class Fate(StrEnum):
    """What the interviewer did with a suggestion."""

    OPEN = "open"
    USED = "used"
    SKIPPED = "skipped"
    DISMISSED = "dismissed"  # with a reason


@dataclass(frozen=True)
class Segment:
    number: int
    speaker: Speaker
    text: str
    at: dt.datetime
    confirmed_at: dt.datetime | None = None  # confirmed at the read-back


@dataclass(frozen=True)
class Correction:
    """A correction from the read-back. It sits beside the segment, never replaces it."""

    segment_number: int
    text: str
    reason: str
    at: dt.datetime


@dataclass(frozen=True)
class SuggestionRecord:
    suggestion_id: str
    kind: str  # question, information, guideline, opportunity_to_explain, procedural
    text: str
    reason: str
    source: str
    fate: Fate = Fate.OPEN
    fate_reason: str = ""
    answer_segment: int | None = None  # for an opportunity to explain: where it was answered
    earlier: tuple[
        tuple[str, str, str], ...
    ] = ()  # (fate, reason, ISO time) corrected before sealing


@dataclass(frozen=True)
class ChecklistEntry:
    item_id: str
    label: str
    source: str
    covered: bool
    segments: tuple[int, ...] = ()


@dataclass(frozen=True)
class Confirmation:
    confirmed: bool
    at: dt.datetime
    refusal_reasons: str = ""


@dataclass(frozen=True)
class HearingHeader:
    file_number: str
    date: dt.date
    interviewer: str  # the display name the record shows
    interpreter: str
    language: str
    office: str = ""
    others_present: tuple[str, ...] = ()
    rulebook: str = ""  # name and version pinned at the start
    skeleton: str = ""  # short (13) or long (17) model questions
    interviewer_login: str = ""  # sealed with the record, never shown (seal format 2)


@dataclass(frozen=True)
class HearingRecord:
    header: HearingHeader
    segments: tuple[Segment, ...]
    corrections: tuple[Correction, ...] = ()
    suggestions: tuple[SuggestionRecord, ...] = ()
    checklist: tuple[ChecklistEntry, ...] = ()
    procedural_notes: tuple[str, ...] = ()
    confirmation: Confirmation | None = None
    extra: dict = field(default_factory=dict)
    recording: RecordingSeal | None = None  # absent from the sealed form when None

    def corrections_for(self, number: int) -> list[Correction]:
        return [c for c in self.corrections if c.segment_number == number]


# -- checklist tags: the legal elements an interviewer tagged a segment with -----------------


def join_tags(items) -> str:
    """Checklist item ids as stored with a segment: sorted, comma-separated."""
    return ",".join(sorted(set(items)))


def parse_tags(text: str) -> set[str]:
    """The checklist item ids stored with a segment (`join_tags` read back)."""
    return set(filter(None, (text or "").split(",")))


def segments_by_item(tags) -> dict[str, list[int]]:
    """Segment number -> item ids, turned around: item id -> the segments tagged with it,
    in segment order."""
    found: dict[str, list[int]] = {}
    for number, items in sorted(tags.items()):
        for item in sorted(items):
            found.setdefault(item, []).append(number)
    return found
