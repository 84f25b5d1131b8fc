from django import template

from akte.hearing.export import readable_source
from akte.web.hearings.forms import SPEAKERS
from akte.web.hearings.suggestion_markup import suggestion_html

register = template.Library()
_LABELS = dict(SPEAKERS)


@register.filter
def speaker_label(value: str) -> str:
    return _LABELS.get(value, value)


@register.filter
def source_label(value: str) -> str:
    return readable_source(value)


@register.filter
def tag_labels(value: str, names: dict) -> str:
    """The checklist items a segment is tagged with, by their titles, not their ids."""
    return ", ".join(
        names.get(item, item) for item in sorted(filter(None, (value or "").split(",")))
    )


@register.simple_tag(takes_context=True)
def suggestion(context, s) -> str:
    """One entry of the assistant panel (see `suggestion_markup`)."""
    return suggestion_html(context, s)
