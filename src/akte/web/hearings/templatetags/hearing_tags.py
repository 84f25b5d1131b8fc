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
