"""Parts of the procedure page that other apps contribute, filled in their AppConfig.ready().

`cases` renders the page; an app above it (e.g. `statuslog`) adds a marker for each row of
the status history and sections inside the history card, without `cases` importing it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from .models import Procedure, StatusEvent

# procedure -> (event -> mark or None); a mark has `verified`, `reason` and `index`
EventMarks = Callable[[Procedure], Callable[[StatusEvent], object | None]]


@dataclass(frozen=True)
class ProcedureSection:
    """A template shown in the procedure's history card; `context` returns None to show
    nothing. `personal` sections are shown only to users who see the person's data."""

    template: str
    context: Callable[[HttpRequest, Procedure], dict | None]
    personal: bool = True


_marks: list[EventMarks] = []
_sections: list[ProcedureSection] = []


def mark_events_with(marks: EventMarks) -> None:
    if marks not in _marks:
        _marks.append(marks)


def add_section(section: ProcedureSection) -> None:
    if section not in _sections:
        _sections.append(section)


def marked_events(procedure: Procedure, events) -> list[tuple[StatusEvent, object | None]]:
    markers = [marks(procedure) for marks in _marks]
    return [(e, next((m for m in (mark(e) for mark in markers) if m), None)) for e in events]


def sections_for(request: HttpRequest, procedure: Procedure, personal: bool) -> list[dict]:
    shown = []
    for section in _sections:
        if section.personal and not personal:
            continue
        context = section.context(request, procedure)
        if context is not None:
            shown.append({"template": section.template, "context": context})
    return shown
