"""Where each snapshot table comes from in the live database, row by row (streamed).

Each source yields dicts with the columns of `akte.analytics.schema.TABLES`: procedures and
their status events, decisions and appeals (casework), sealed hearings' quality indicators,
Dublin deadlines (their state on the snapshot's day) and intake documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from akte.web.cases.models import Appeal, Decision, Procedure, StatusEvent
from akte.web.dublin.models import DublinDeadline, DublinEvent
from akte.web.hearings.models import Hearing, HearingState
from akte.web.intake.models import IntakeDocument, State

from .pseudonyms import Pseudonyms

CHUNK = 5000
AGE_LIMITS = ((14, "0-13"), (18, "14-17"), (25, "18-24"), (35, "25-34"), (45, "35-44"),
              (60, "45-59"))  # fmt: skip


def age_band(birth_year: int | None, on: dt.date | None) -> str | None:
    if birth_year is None or on is None:
        return None
    age = on.year - birth_year
    return next((band for limit, band in AGE_LIMITS if age < limit), "60+")


def _dimensions() -> dict[int, dict]:
    """The procedure's dimensions, for every fact table (the snapshot is denormalised)."""
    dims = {}
    fields = ("pk", "person_id", "office", "person__nationality", "person__sex",
              "person__birth_date", "lodged_on", "created_at", "application_kind")  # fmt: skip
    for pk, person, office, nationality, sex, birth, lodged, created, kind in (
        Procedure.objects.values_list(*fields).order_by().iterator(chunk_size=CHUNK)
    ):
        on = lodged or created.date()
        dims[pk] = {
            "person": person,
            "office": office,
            "nationality": nationality,
            "sex": sex,
            "age_band": age_band(birth.year if birth else None, on),
            "application_kind": kind or "first",
            "lodged_on": lodged,
            "registered_on": created.date(),
        }
    return dims


def _procedures(p: Pseudonyms, dims: dict[int, dict]) -> Iterator[dict]:
    statuses = Procedure.objects.values_list("pk", "status").order_by().iterator(chunk_size=CHUNK)
    for pk, status in statuses:
        d = dims[pk]
        yield {**_keys(p, pk, d), **_plain(d), "lodged_on": d["lodged_on"],
               "registered_on": d["registered_on"], "status": status}  # fmt: skip


def _keys(p: Pseudonyms, pk: int, d: dict) -> dict:
    return {"procedure_key": p.of("procedure", pk), "person_key": p.of("person", d["person"])}


def _plain(d: dict) -> dict:
    return {k: d[k] for k in ("office", "nationality", "sex", "age_band", "application_kind")}


def _status_events(p: Pseudonyms, dims: dict[int, dict]) -> Iterator[dict]:
    events = StatusEvent.objects.values_list("procedure_id", "status", "at").order_by()
    for pk, status, at in events.iterator(chunk_size=CHUNK):
        yield {**_keys(p, pk, dims[pk]), "status": status, "on_date": at.date()}


def _hearings(p: Pseudonyms, dims: dict[int, dict]) -> Iterator[dict]:
    from akte.web.hearings.quality import sealed_indicators

    sealed = Hearing.objects.filter(state=HearingState.SEALED)
    for pk, held_on, items, covered, put, answered, shown, used in sealed_indicators(sealed):
        yield {**_keys(p, pk, dims[pk]), **_plain(dims[pk]), "held_on": held_on,
               "checklist_items": items, "checklist_covered": covered, "explain_put": put,
               "explain_answered": answered, "suggestions_shown": shown,
               "suggestions_used": used}  # fmt: skip


def _decisions(p: Pseudonyms, dims: dict[int, dict]) -> Iterator[dict]:
    rows = Decision.objects.values_list("procedure_id", "decided_on", "outcome").order_by()
    for pk, decided_on, outcome in rows.iterator(chunk_size=CHUNK):
        d = dims[pk]
        yield {**_keys(p, pk, d), **_plain(d), "decided_on": decided_on,
               "lodged_on": d["lodged_on"], "outcome": outcome}  # fmt: skip


def _appeals(p: Pseudonyms, dims: dict[int, dict]) -> Iterator[dict]:
    fields = ("procedure_id", "lodged_on", "kind", "outcome", "outcome_on")
    for pk, lodged_on, kind, outcome, outcome_on in (
        Appeal.objects.values_list(*fields).order_by().iterator(chunk_size=CHUNK)
    ):
        yield {**_keys(p, pk, dims[pk]), **_plain(dims[pk]), "lodged_on": lodged_on,
               "kind": kind, "outcome": outcome or None, "decided_on": outcome_on}  # fmt: skip


REPLIES = ("take_charge_reply", "take_back_reply", "take_back_confirmation")


def _dublin_deadlines(p: Pseudonyms, dims: dict[int, dict], as_of: dt.date) -> Iterator[dict]:
    answers = dict(
        DublinEvent.objects.filter(type="reply").order_by("date", "pk")
        .values_list("case_id", "answer")
    )  # the last reply of each case  # fmt: skip
    deadlines = DublinDeadline.objects.select_related("case").order_by()
    for deadline in deadlines.iterator(chunk_size=CHUNK):
        pk = deadline.case.procedure_id
        answer = answers.get(deadline.case_id) if deadline.kind in REPLIES else None
        yield {**_keys(p, pk, dims[pk]), **_plain(dims[pk]), "regulation": deadline.regulation,
               "deadline": deadline.kind, "member_state": deadline.member_state or None,
               "due": deadline.due, "state": deadline.state_on(as_of),
               "outcome": answer or None}  # fmt: skip


def _intake_items(p: Pseudonyms) -> Iterator[dict]:
    fields = ("pk", "item__received_at", "procedure__person_id", "document_class", "state",
              "queue")  # fmt: skip
    for pk, received_at, person, document_class, state, queue in (
        IntakeDocument.objects.values_list(*fields).order_by().iterator(chunk_size=CHUNK)
    ):
        yield {"item_key": p.of("intake", pk), "person_key": p.of("person", person),
               "received_on": received_at.date(), "document_class": document_class or None,
               "needs_review": state == State.REVIEW, "team": queue or None}  # fmt: skip


def tables(p: Pseudonyms, *, as_of: dt.date) -> dict[str, Iterator[dict]]:
    dims = _dimensions()
    return {
        "procedures": _procedures(p, dims),
        "status_events": _status_events(p, dims),
        "decisions": _decisions(p, dims),
        "appeals": _appeals(p, dims),
        "hearings": _hearings(p, dims),
        "dublin_deadlines": _dublin_deadlines(p, dims, as_of),
        "intake_items": _intake_items(p),
    }
