"""Every code akte.hearing emits, with its parameters (texts: akte/words/<language>/hearing.yaml)."""

from akte.hearing.record import Fate

CODES: dict[str, frozenset[str]] = {
    "hearing.reason.place_named": frozenset({"places"}),
    "hearing.reason.country_of_origin": frozenset(),
    "hearing.question.open_for": frozenset({"needs"}),
}
# the Niederschrift's fixed texts: hearing.export.<label>, hearing.export.fate.<fate>
LABELS = (
    "html_lang",  # the language of the texts, for <html lang>
    "title",
    "law",
    "file_number",
    "date",
    "office",
    "interviewer",
    "interpreter",
    "language",
    "others",
    "transcript",
    "interviewer_speaker",
    "applicant_speaker",
    "interpreter_speaker",
    "corrected",
    "corrections",
    "no_corrections",
    "segment",
    "reason",
    "confirmation",
    "confirmed",
    "refused",
    "not_confirmed",
    "procedural",
    "annex",
    "annex_intro",
    "rulebook",
    "suggestion",
    "fate",
    "source",
    "checklist",
    "covered",
    "open",
    "seal",
    "answered",
    "recording_annex",
    "recording_law",
    "duration",
    "whole_hash",
    "break",
    "chunk_hash",
    "earlier",
)
CODES |= {f"hearing.export.{label}": frozenset() for label in LABELS}
CODES |= {f"hearing.export.fate.{fate.value}": frozenset() for fate in Fate}
# the recording (akte.hearing.recording): why a chunk or a step is refused, which law applies
CODES |= {
    "hearing.recording.chunk.duplicate": frozenset({"sequence", "same"}),
    "hearing.recording.chunk.out_of_order": frozenset({"expected", "got"}),
    "hearing.recording.chunk.too_large": frozenset({"size", "limit"}),
    "hearing.recording.chunk.empty": frozenset(),
    "hearing.recording.chunk.not_audio": frozenset({"type"}),
    "hearing.recording.chunk.header_expected": frozenset(),
    "hearing.recording.chunk.header_unexpected": frozenset(),
    "hearing.recording.chunk.hash_mismatch": frozenset({"sequence"}),
    "hearing.recording.chunk.bad_request": frozenset(),
    "hearing.recording.not_started": frozenset(),
    "hearing.recording.hearing_not_running": frozenset(),
    "hearing.recording.not_recorded_here": frozenset(),
    "hearing.recording.notice_missing": frozenset(),
    "hearing.recording.break_needs_reason": frozenset(),
    "hearing.recording.already_paused": frozenset(),
    "hearing.recording.not_paused": frozenset(),
    "hearing.recording.erased": frozenset(),
    "hearing.recording.law.apr_art14": frozenset(),
    "hearing.recording.law.office_setting": frozenset(),
    "hearing.recording.law.not_recorded": frozenset(),
}
