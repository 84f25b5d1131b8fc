"""The Dublin unit's worklist: deadlines still to meet, filtered, sorted, as CSV and iCalendar.

Everything is read from the stored deadlines (one table, indexed by due date): no deadline is
computed here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.db.models import QuerySet

from akte.core.message import Message
from akte.web.audit.subject import Subject
from akte.web.cases.access import visible_procedures

from .models import DEADLINE_IDS, DublinDeadline

WINDOWS = ("week", "today", "overdue", "open")
SORTS = {
    "due": ("due", "pk"),
    "-due": ("-due", "-pk"),
    "file_number": ("file_number", "pk"),
    "office": ("office", "due", "pk"),
    "member_state": ("member_state", "due", "pk"),
    "kind": ("kind", "due", "pk"),
}


def open_deadlines() -> QuerySet[DublinDeadline]:
    return DublinDeadline.objects.filter(applicable=True, done_on__isnull=True, due__isnull=False)


def worklist(params, today: dt.date, user) -> tuple[QuerySet[DublinDeadline], dict]:
    """The deadlines of the `user`'s own procedures (`cases.access.visible_procedures`) the
    filters in `params` (a QueryDict) ask for, and the filters understood."""
    window = params.get("window") if params.get("window") in WINDOWS else "week"
    chosen = {
        "window": window,
        "member_state": (params.get("member_state") or "").upper()[:2],
        "kind": params.get("kind") if params.get("kind") in DEADLINE_IDS else "",
        "office": (params.get("office") or "")[:8],
        "sort": params.get("sort") if params.get("sort") in SORTS else "due",
    }
    rows = open_deadlines().filter(procedure__in=visible_procedures(user))
    if window == "today":
        rows = rows.filter(due=today)
    elif window == "week":
        rows = rows.filter(due__gte=today, due__lte=today + dt.timedelta(days=6))
    elif window == "overdue":
        rows = rows.filter(due__lt=today)
    for name in ("member_state", "kind", "office"):
        if chosen[name]:
            rows = rows.filter(**{name: chosen[name]})
    return rows.order_by(*SORTS[chosen["sort"]]), chosen


def subjects(rows) -> list[Subject]:
    """Access log subjects of the listed deadlines' procedures (file numbers are shown)."""
    return [
        Subject(
            f"procedure:{r.case.procedure_id}",
            person_id=r.person_id,
            procedure_id=r.case.procedure_id,
        )
        for r in rows
    ]


def with_person_ids(rows) -> list[DublinDeadline]:
    rows = list(
        rows.select_related("case__procedure").only(
            "kind",
            "regulation",
            "due",
            "done_on",
            "applicable",
            "latest",
            "article",
            "consequence",
            "office",
            "member_state",
            "file_number",
            "case__procedure_id",
            "case__role",
            "case__procedure__person_id",
        )
    )
    for row in rows:
        row.person_id = row.case.procedure.person_id
    return rows


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text  # no formulas


def as_csv(rows, today: dt.date, say) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            "file_number",
            "deadline",
            "due",
            "days_left",
            "state",
            "regulation",
            "article",
            "consequence",
            "office",
            "member_state",
        ]
    )
    for r in rows:
        writer.writerow(
            [
                _cell(v)
                for v in (
                    r.file_number,
                    say(Message(f"dublin.deadline.{r.kind}")),
                    r.due,
                    r.days_left(today),
                    say(Message(f"dublin.state.{r.state_on(today)}")),
                    r.regulation,
                    r.article,
                    say(Message(r.consequence)),
                    r.office,
                    r.member_state,
                )
            ]
        )
    return out.getvalue()


def _ics_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def as_ics(rows, stamp: dt.datetime, say) -> str:
    """An iCalendar (RFC 5545) feed: one all-day event per deadline, file numbers only."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Akte//Dublin deadlines//DE",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for r in rows:
        day = r.due.strftime("%Y%m%d")
        end = (r.due + dt.timedelta(days=1)).strftime("%Y%m%d")
        summary = f"{r.file_number}: {say(Message(f'dublin.deadline.{r.kind}'))}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:dublin-deadline-{r.pk}@akte",
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"DTSTART;VALUE=DATE:{day}",
            f"DTEND;VALUE=DATE:{end}",
            f"SUMMARY:{_ics_text(summary)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
