"""The template filter ``words``, built into every template: an engine's `Message` (or its
dict) in the active language, from the catalogues of `akte.words`."""

from django import template
from django.utils.translation import get_language

from akte import words

register = template.Library()


@register.filter("words")
def words_filter(message) -> str:
    return words.render(message, get_language() or "de")
