"""Which assistant a hearing uses: the rulebook pinned at its start, evaluated as of its date.

The rulebook folder is `AKTE_RULEBOOK` (default: the bundled `asylum-de`; see
`akte.rules.config`). It is loaded once per process. Each hearing keeps its own assistant (and
so its own incremental evaluation) in a small in-process cache; a new process simply
evaluates afresh. The assistant's own words (why something is shown, what a question is
needed for) come as messages and are said here in the reader's language.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import OrderedDict
from functools import cache
from threading import Lock

from django.conf import settings
from django.utils.translation import get_language

from akte.core.message import Message
from akte.hearing.assistant import Assistant, Panels, RulebookAssistant
from akte.rules.rulebook import Rulebook, RulebookError
from akte.words import render

log = logging.getLogger(__name__)
_CACHE_SIZE = 128
_assistants: OrderedDict[tuple, Assistant] = OrderedDict()
_lock = Lock()


@cache
def rulebook() -> Rulebook | None:
    try:
        return Rulebook.load(settings.AKTE_RULEBOOK)
    except (RulebookError, OSError) as exc:
        log.error("the hearing rulebook %s cannot be loaded: %s", settings.AKTE_RULEBOOK, exc)
        return None


def pinned_rulebook(date) -> str:
    """Name and version of the rulebook in force, recorded when a hearing starts."""
    book = rulebook()
    return f"{book.name} {book.version}" if book else ""


def in_words(panels: Panels, language: str) -> Panels:
    """The panels with the assistant's messages rendered in `language`."""

    def said(entry):
        if isinstance(entry.reason, Message):
            return dataclasses.replace(entry, reason=render(entry.reason, language))
        return entry

    return dataclasses.replace(
        panels,
        information=tuple(said(s) for s in panels.information),
        suggestions=tuple(said(s) for s in panels.suggestions),
        questions=tuple(said(q) for q in panels.questions),
    )


class WordedAssistant(Assistant):
    """An assistant whose panels speak the reader's language."""

    def __init__(self, assistant: Assistant, language: str) -> None:
        self.assistant = assistant
        self.language = language
        self.rulebook_label = assistant.rulebook_label

    def checklist_choices(self) -> list[tuple[str, str]]:
        return self.assistant.checklist_choices()

    def panels(self, segments, tags=None, answers=None) -> Panels:
        return in_words(self.assistant.panels(segments, tags, answers), self.language)


def assistant_for(hearing) -> Assistant:
    book = rulebook()
    if book is None:
        return Assistant()
    language = "en" if (get_language() or "de").startswith("en") else "de"
    key = (hearing.pk, hearing.date, language)
    with _lock:
        assistant = _assistants.get(key)
        if assistant is None:
            engine = RulebookAssistant(
                book,
                hearing.date,
                country=hearing.procedure.country,
                skeleton=hearing.skeleton,
                language=language,
            )
            assistant = WordedAssistant(engine, language)
            _assistants[key] = assistant
            if len(_assistants) > _CACHE_SIZE:
                _assistants.popitem(last=False)
        else:
            _assistants.move_to_end(key)
    return assistant
