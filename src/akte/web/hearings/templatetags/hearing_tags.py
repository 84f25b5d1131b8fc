import re

from django import template

from akte.web.hearings.forms import SPEAKERS

register = template.Library()
_LABELS = dict(SPEAKERS)


@register.filter
def speaker_label(value: str) -> str:
    return _LABELS.get(value, value)


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key)


@register.filter
def fate_label(value: str) -> str:
    from akte.web.hearings.models import FATES

    return str(dict(FATES).get(value, value))


_FILE = re.compile(r"\b[\w.-]+/[\w./-]*?([\w-]+)\.(?:txt|md|yaml|yml|pdf|html)\b")


@register.filter
def source_label(value: str) -> str:
    """A rule source that names a file of the repository ("reference/bamf-x.txt") reads as
    the document's name ("BAMF x"), not as a path."""

    def name(match: re.Match) -> str:
        words = match.group(1).replace("_", "-").split("-")
        return " ".join(w.upper() if len(w) <= 4 and w.isalpha() else w.capitalize() for w in words)

    return _FILE.sub(name, value or "")


@register.filter
def tag_labels(value: str, names: dict) -> str:
    """The checklist items a segment is tagged with, by their titles, not their ids."""
    return ", ".join(
        names.get(item, item) for item in sorted(filter(None, (value or "").split(",")))
    )
