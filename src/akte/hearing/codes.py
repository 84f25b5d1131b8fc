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
)
CODES |= {f"hearing.export.{label}": frozenset() for label in LABELS}
CODES |= {f"hearing.export.fate.{fate.value}": frozenset() for fate in Fate}
