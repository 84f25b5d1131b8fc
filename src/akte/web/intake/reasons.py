"""The web's words for why a document was matched and routed (the engine's evidence is said
by `akte.words`; these reasons are the web app's own)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .routing import QUEUE_LABELS


def describe(reason: dict) -> str:
    code = reason.get("code", "")
    texts = {
        "match.office_file_number": _("office file number %(number)s is a procedure's file number"),
        "match.court_file_number": _(
            "court file number %(number)s is on record for this procedure"
        ),
        "match.person": _("the person search finds exactly one person named %(name)s"),
        "match.person_ambiguous": _("the person search finds %(count)s persons named %(name)s"),
        "match.none": _("no file number or name leads to a procedure"),
        "match.unreadable": _("the document could not be read"),
        "match.reviewer": _("set by a reviewer"),
        "route.rule": _("routing rule %(rule)s"),
        "route.rule_text": _("routing rule %(rule)s ('%(phrase)s' in the text)"),
        "route.reviewer": _("set by a reviewer"),
    }
    text = texts.get(code)
    if text is None:
        return code
    try:
        return text % reason
    except (KeyError, TypeError, ValueError):
        return text


def queue_label(queue: str) -> str:
    return str(QUEUE_LABELS.get(queue, queue or "–"))
