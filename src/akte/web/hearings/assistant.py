"""Which assistant a hearing uses: the rulebook pinned at its start, evaluated as of its date.

The rulebook folder is `rulebooks/asylum-de` (or `AKTE_RULEBOOK`). It is loaded once per
process. Each hearing keeps its own assistant (and so its own incremental evaluation) in a
small in-process cache; a new process simply evaluates afresh.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from functools import cache
from threading import Lock

from django.conf import settings
from django.utils.translation import get_language

from akte.hearing.assistant import Assistant, RulebookAssistant
from akte.rules.rulebook import Rulebook, RulebookError

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


def assistant_for(hearing) -> Assistant:
    book = rulebook()
    if book is None:
        return Assistant()
    language = "en" if (get_language() or "de").startswith("en") else "de"
    key = (hearing.pk, hearing.date, language)
    with _lock:
        assistant = _assistants.get(key)
        if assistant is None:
            assistant = RulebookAssistant(
                book,
                hearing.date,
                country=hearing.procedure.country,
                skeleton=hearing.skeleton,
                language=language,
            )
            _assistants[key] = assistant
            if len(_assistants) > _CACHE_SIZE:
                _assistants.popitem(last=False)
        else:
            _assistants.move_to_end(key)
    return assistant
