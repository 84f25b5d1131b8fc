"""Conducting a hearing: start, segments, suggestions and their fate, read-back, sealing.

Every function that reads or changes the hearing writes the access log through the view
that calls it; these functions keep the invariants: nothing changes after sealing, the
original text of a segment never changes, corrections are a separate layer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import NamedTuple

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from akte.hearing import seal as sealing
from akte.hearing.assistant import Panels
from akte.hearing.export import ExportFrame, language_name
from akte.hearing.record import (
    Confirmation,
    Correction,
    Fate,
    HearingHeader,
    HearingRecord,
    Segment,
    Speaker,
    SuggestionRecord,
    join_tags,
    parse_tags,
)
from akte.rules import FactValueError
from akte.web.cases.models import Procedure, Status
from akte.web.cases.transitions import on_event
from akte.words import render

from . import models, recorder
from .assistant import assistant_for, pinned_rulebook, rulebook
from .models import Hearing, HearingState


class HearingClosed(Exception):
    """The hearing is sealed (or not in the state the action needs)."""


def _locked(hearing: Hearing, *states: str) -> Hearing:
    """The hearing, re-read and locked for this transaction, if it is in one of `states`:
    a change racing the sealing waits for it and is then refused (call inside atomic)."""
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if hearing.state not in states:  # never SEALED: nothing changes after sealing
        raise HearingClosed(
            _("Not possible now: the hearing is %(state)s.")
            % {"state": hearing.get_state_display()}
        )
    return hearing


@transaction.atomic
def start(procedure: Procedure, user, *, skeleton: str, interpreter: str, language: str) -> Hearing:
    today = timezone.localdate()
    fields = {
        "date": today,
        "state": HearingState.RUNNING,
        "interviewer": user,
        "skeleton": skeleton,
        "rulebook": pinned_rulebook(today),
        "started_at": timezone.now(),
    }
    planned = (
        Hearing.objects.select_for_update()
        .filter(procedure=procedure, state=HearingState.PLANNED, date__lte=today)
        .order_by("date", "pk")
        .first()
    )
    if planned is not None:  # the planned hearing (`planning.schedule`) is the one held
        for key, value in fields.items():
            setattr(planned, key, value)
        planned.interpreter = interpreter or planned.interpreter
        planned.language = language or planned.language or procedure.language or "de"
        planned.save()
        return planned
    hearing = Hearing.objects.create(
        procedure=procedure,
        interpreter=interpreter,
        language=language or procedure.language or "de",
        **fields,
    )
    return hearing  # the status moves when the hearing is sealed (`conclude`)


@transaction.atomic
def add_segment(
    hearing: Hearing, speaker: str, text: str, tags: list[str], typing_ms: int | None = None
) -> models.Segment:
    """A new segment; `typing_ms` is how long ago typing it began (its start in the recording)."""
    hearing = _locked(hearing, HearingState.RUNNING)
    number = (hearing.segments.aggregate(n=Max("number"))["n"] or 0) + 1
    now = timezone.now()
    segment = models.Segment.objects.create(
        hearing=hearing,
        number=number,
        speaker=Speaker(speaker).value,
        text=text,
        checklist_items=join_tags(tags),
        at=now,
        typing_started_at=now - dt.timedelta(milliseconds=typing_ms) if typing_ms else None,
    )
    if segment.speaker == Speaker.APPLICANT:
        # the applicant's next words after an opportunity to explain was put are its answer
        hearing.suggestions.filter(
            kind="opportunity_to_explain", fate=Fate.USED, answer_segment__isnull=True
        ).update(answer_segment=number)
    return segment


class AnswerError(ValueError):
    """An answer that does not fit the question's fact; the message says what is expected."""


@transaction.atomic
def record_answer(hearing: Hearing, fact: str, raw: object) -> models.Answer | None:
    """Record (or with None, withdraw) the structured answer to a rulebook question."""
    hearing = _locked(hearing, HearingState.RUNNING, HearingState.READ_BACK)
    book = rulebook()
    if book is None or fact not in book.facts or fact in book.derived:
        raise AnswerError(_("%(fact)s is not a question of the rulebook") % {"fact": repr(fact)})
    if raw is None:
        hearing.answers.filter(fact=fact).delete()
        return None
    try:
        book.read_answer(fact, raw)
    except FactValueError as exc:
        raise AnswerError(render(exc.message, translation.get_language())) from exc
    answer, _created = models.Answer.objects.update_or_create(
        hearing=hearing, fact=fact, defaults={"value": raw, "at": timezone.now()}
    )
    return answer


class SegmentRow(NamedTuple):
    """A segment as the panels and the recording's times read it (no model instance)."""

    number: int
    speaker: str
    text: str
    at: dt.datetime
    confirmed_at: dt.datetime | None
    checklist_items: str
    typing_started_at: dt.datetime | None


def segment_rows(hearing: Hearing) -> list[SegmentRow]:
    return [SegmentRow(*r) for r in hearing.segments.values_list(*SegmentRow._fields)]


def domain_segments(rows) -> list[Segment]:
    return [Segment(s.number, Speaker(s.speaker), s.text, s.at, s.confirmed_at) for s in rows]


def tags_of(rows) -> dict[int, set[str]]:
    return {s.number: parse_tags(s.checklist_items) for s in rows}


def answers_of(hearing: Hearing) -> dict[str, object]:
    return {a.fact: a.value for a in hearing.answers.all()}


def panels_of(hearing: Hearing, rows=None, answers=None) -> Panels:
    """The assistant's panels; `rows` are the hearing's segments and `answers` its recorded
    answers (`answers_of`) if already fetched."""
    rows = list(hearing.segments.all()) if rows is None else rows
    answers = answers_of(hearing) if answers is None else answers
    return assistant_for(hearing).panels(domain_segments(rows), tags_of(rows), answers)


def checklist_counts(hearing: Hearing) -> tuple[int, int]:
    """(items, covered) of the hearing's completeness checklist, as the assistant shows it."""
    checklist = panels_of(hearing).checklist
    return len(checklist), sum(1 for item in checklist if item.covered)


def checklist_choices(hearing: Hearing) -> list[tuple[str, str]]:
    """The legal elements a segment can be tagged with (from the pinned rulebook)."""
    return assistant_for(hearing).checklist_choices()


def refresh_panels(
    hearing: Hearing, rows=None, conducting: bool = False, answers=None, shown=None
) -> Panels:
    """Evaluate the assistant; for the person conducting the hearing, record every suggestion
    the first time it is shown, in German (the language of the record). A reader who only
    looks (quality assurance, a decision-maker) changes nothing.

    `shown` is the hearing's suggestions as shown so far (`shown_of`), if already fetched;
    the ones recorded now are added to it."""
    answers = answers_of(hearing) if answers is None else answers
    panels = panels_of(hearing, rows, answers)
    if not conducting or hearing.is_sealed:
        return panels
    if shown is None:
        known = set(hearing.suggestions.values_list("suggestion_id", flat=True))
    else:
        known = set(shown)
    if all(s.id in known for s in panels.all_suggestions):
        return panels
    offered = panels
    if translation.get_language() != "de":  # evaluated again only when something is new
        with translation.override("de"):
            offered = panels_of(hearing, rows, answers)
    models.SuggestionShown.objects.bulk_create(
        [
            models.SuggestionShown(
                hearing=hearing,
                suggestion_id=s.id,
                kind=s.kind,
                text=s.text,
                reason=s.reason,
                source=s.source,
                validity=s.validity,
            )
            for s in offered.all_suggestions
            if s.id not in known
        ],
        ignore_conflicts=True,
    )
    if shown is not None:  # re-read: with ignore_conflicts, bulk_create sets no primary keys
        shown.update(shown_of(hearing))
    return panels


def shown_of(hearing: Hearing) -> dict[str, models.SuggestionShown]:
    """The suggestions recorded as shown in this hearing, by the rulebook's suggestion id."""
    return {s.suggestion_id: s for s in hearing.suggestions.all()}


@transaction.atomic
def set_fate(
    hearing: Hearing, suggestion_pk: int, fate: str, reason: str
) -> models.SuggestionShown:
    hearing = _locked(hearing, HearingState.RUNNING, HearingState.READ_BACK)
    fate = Fate(fate)
    if fate == Fate.DISMISSED and not reason.strip():
        raise ValueError(_("Say why the suggestion is dismissed."))
    shown = hearing.suggestions.get(pk=suggestion_pk)
    if shown.fate != Fate.OPEN and (shown.fate, shown.fate_reason) != (fate.value, reason.strip()):
        # a correction of the fate before sealing: the earlier one stays on file
        earlier = {"fate": shown.fate, "reason": shown.fate_reason, "at": _iso(shown.decided_at)}
        shown.earlier_fates = [*shown.earlier_fates, earlier]
    shown.fate, shown.fate_reason, shown.decided_at = fate.value, reason.strip(), timezone.now()
    shown.save(update_fields=["fate", "fate_reason", "decided_at", "earlier_fates"])
    return shown


def _iso(at: dt.datetime | None) -> str:
    return at.astimezone(dt.UTC).isoformat() if at else ""


@transaction.atomic
def add_note(hearing: Hearing, kind: str, note: str) -> models.ProceduralNote:
    hearing = _locked(hearing, HearingState.RUNNING, HearingState.READ_BACK)
    return models.ProceduralNote.objects.create(hearing=hearing, kind=kind, note=note)


@transaction.atomic
def correct_note(hearing: Hearing, note_pk: int, note: str) -> models.ProceduralNote:
    """Correct a procedural note before sealing: the correction sits beside the original."""
    hearing = _locked(hearing, HearingState.RUNNING, HearingState.READ_BACK)
    original = hearing.notes.get(pk=note_pk, corrects__isnull=True)
    return models.ProceduralNote.objects.create(
        hearing=hearing, kind=original.kind, note=note.strip()[:1000], corrects=original
    )


@transaction.atomic
def begin_read_back(hearing: Hearing) -> None:
    hearing = _locked(hearing, HearingState.RUNNING)
    if not hearing.segments.exists():
        raise HearingClosed(_("There is nothing to read back yet."))
    hearing.state = HearingState.READ_BACK
    hearing.save(update_fields=["state"])


@transaction.atomic
def confirm_segment(hearing: Hearing, number: int) -> None:
    hearing = _locked(hearing, HearingState.READ_BACK)
    hearing.segments.filter(number=number).update(confirmed_at=timezone.now())


@transaction.atomic
def confirm_all(hearing: Hearing, exceptions: set[int]) -> int:
    """Confirm every segment not yet confirmed, but the `exceptions`; returns how many."""
    hearing = _locked(hearing, HearingState.READ_BACK)
    open_segments = hearing.segments.filter(confirmed_at__isnull=True).exclude(
        number__in=exceptions
    )
    return open_segments.update(confirmed_at=timezone.now())


@transaction.atomic
def correct_segment(hearing: Hearing, number: int, text: str, reason: str) -> models.Correction:
    hearing = _locked(hearing, HearingState.READ_BACK)
    segment = hearing.segments.get(number=number)
    return models.Correction.objects.create(segment=segment, text=text, reason=reason)


@transaction.atomic
def conclude(hearing: Hearing, *, confirmed: bool, refusal_reasons: str = "") -> str:
    """Record the confirmation or the refusal with reasons, then seal. Returns the seal."""
    hearing = _locked(hearing, HearingState.READ_BACK)
    if not confirmed and not refusal_reasons.strip():
        raise ValueError(_("A refusal to confirm needs its reasons on file."))
    if confirmed and hearing.segments.filter(confirmed_at__isnull=True).exists():
        raise ValueError(_("Every segment must be confirmed at the read-back first."))
    recorder.stop(hearing)
    hearing.checklist_items, hearing.checklist_covered = checklist_counts(hearing)
    hearing.confirmed = confirmed
    hearing.refusal_reasons = refusal_reasons.strip()
    hearing.confirmed_at = timezone.now()
    hearing.sealed_at = hearing.confirmed_at
    hearing.state = HearingState.SEALED
    hearing.interviewer_name = _display_name(hearing.interviewer)  # a later rename keeps it
    hearing.seal_format = sealing.SEAL_FORMAT
    hearing.save()
    record = to_record(hearing)
    hearing.seal = sealing.seal(record)
    hearing.save(update_fields=["seal"])
    recorder.keep_sealed(hearing, record.recording, timezone.localdate(hearing.sealed_at))
    # the sealed Niederschrift moves the procedure to "hearing held" (if the lifecycle allows)
    on_event(hearing.procedure, "hearing_sealed", Status.HEARING_HELD, hearing.interviewer)
    return hearing.seal


def seal_intact(hearing: Hearing) -> bool:
    return hearing.is_sealed and sealing.verify_seal(
        to_record(hearing), hearing.seal, hearing.seal_format
    )


def _display_name(user) -> str:
    return str(user) if user else ""  # the display name, or the login if none is set


def _note_text(note) -> str:
    text = f"{note.get_kind_display()}{': ' + note.note if note.note else ''}"
    if note.corrects is not None:  # call with German active: it is the record's text
        at = note.corrects.at.astimezone(dt.UTC).strftime("%d.%m.%Y %H:%M UTC")
        text = _("Correction of the note of %(at)s: %(text)s") % {"at": at, "text": text}
    return text


def export_record(hearing: Hearing) -> HearingRecord:
    """The sealed record plus the checklist coverage as the pinned rulebook shows it."""
    return dataclasses.replace(to_record(hearing), checklist=panels_of(hearing).checklist)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    return value.astimezone(dt.UTC) if value else None


def to_record(hearing: Hearing) -> HearingRecord:
    """What is sealed: everything said, corrected, suggested and noted (in German, the
    language of the record), but not derived state such as checklist coverage."""
    segments = list(hearing.segments.prefetch_related("corrections"))
    confirmation = None
    if hearing.confirmed is not None:
        confirmation = Confirmation(
            hearing.confirmed, _aware(hearing.confirmed_at), hearing.refusal_reasons
        )
    with translation.override("de"):  # what is sealed must not depend on the reader's language
        notes = tuple(_note_text(n) for n in hearing.notes.select_related("corrects"))
        office = hearing.procedure.get_office_display()
    return HearingRecord(
        header=HearingHeader(
            file_number=hearing.procedure.file_number,
            date=hearing.date,
            interviewer=hearing.interviewer_name or _display_name(hearing.interviewer),
            interviewer_login=hearing.interviewer.username if hearing.interviewer else "",
            interpreter=hearing.interpreter,
            language=hearing.language,
            office=office,
            rulebook=hearing.rulebook,
            skeleton=hearing.skeleton,
        ),
        segments=tuple(
            Segment(s.number, Speaker(s.speaker), s.text, _aware(s.at), _aware(s.confirmed_at))
            for s in segments
        ),
        corrections=tuple(
            Correction(s.number, c.text, c.reason, _aware(c.at))
            for s in segments
            for c in s.corrections.all()
        ),
        suggestions=tuple(
            SuggestionRecord(
                s.suggestion_id,
                s.kind,
                s.text,
                s.reason,
                s.source,
                Fate(s.fate),
                s.fate_reason,
                s.answer_segment,
                tuple((e["fate"], e["reason"], e["at"]) for e in s.earlier_fates),
            )
            for s in hearing.suggestions.all()
        ),
        procedural_notes=notes,
        confirmation=confirmation,
        extra={"answers": answers_of(hearing)},
        recording=recorder.seal_of(hearing, segments),
    )


def _answer_text(book, fact: str, value: object, language: str) -> str:
    if isinstance(value, bool):
        with translation.override(language):
            return _("yes") if value else _("no")
    if isinstance(value, list | tuple):
        return ", ".join(_answer_text(book, fact, v, language) for v in value)
    if book is not None and isinstance(value, str) and value in book.places:
        names = book.places[value].name
        return names.get(language) or names.get("de") or value
    fact_of = book.facts.get(fact) if book is not None else None
    if fact_of is not None and isinstance(value, str) and value in fact_of.choice_labels:
        texts = fact_of.choice_labels[value]
        return texts.get(language) or texts.get("de") or value
    return str(value).replace("_", " ")


def answer_rows(hearing: Hearing, language: str, answers=None) -> tuple[tuple[str, str], ...]:
    """The structured answers as (question, answer) in words, not fact ids and keys;
    `answers` as `answers_of` gives them, if already fetched."""
    answers = answers_of(hearing) if answers is None else answers
    book = rulebook()
    questions = {q.asks: q.text for q in book.questions} if book is not None else {}

    def question(fact: str) -> str:
        # the question that asks it, else the fact's own label: never the fact's name
        of = book.facts.get(fact) if book is not None else None
        text = questions.get(fact) or (of.label if of is not None else None) or {}
        return text.get(language) or text.get("de") or fact

    return tuple(
        (question(fact), _answer_text(book, fact, value, language))
        for fact, value in answers.items()
    )


def export_frame(hearing: Hearing, language: str) -> ExportFrame:
    """What the printed record shows beside the sealed record (see `ExportFrame`)."""
    person = hearing.procedure.person
    spelling = person.primary_spelling
    answers = answer_rows(hearing, language)
    with translation.override(language):
        office = hearing.procedure.get_office_display()
    return ExportFrame(
        applicant=f"{spelling.given_names} {spelling.family_name}".strip() if spelling else "",
        birth_date=person.birth_date.german() if person.birth_date else "",
        interviewer=str(hearing.interviewer) if hearing.interviewer else "",
        language=language_name(hearing.language, language),
        answers=answers,
        draft=not hearing.is_sealed,
        author=office,
    )
