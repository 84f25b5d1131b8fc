"""Template filters that say the matching engine's codes in the user's language."""

from django import template
from django.utils.translation import get_language

from akte import words

register = template.Library()


@register.filter("words")
def words_filter(message) -> str:
    """A `Message` (or its dict) from an engine, in the active language (`akte.words`)."""
    return words.render(message, get_language() or "de")
