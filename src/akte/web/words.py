"""The template filter ``words``, built into every template: an engine's `Message` (or its
dict) in the active language, from the catalogues of `akte.words`."""

from django import template
from django.utils.translation import get_language

from akte import words

register = template.Library()


@register.filter("words")
def words_filter(message) -> str:
    return words.render(message, get_language() or "de")


@register.filter("language_called")
def language_name_filter(code: str) -> str:
    """A language code by its name in the reader's language ("ps" -> "Paschtu")."""
    from akte.hearing.export import language_name

    return language_name(code or "", (get_language() or "de")[:2])


@register.filter("role_label")
def role_label_filter(role: str) -> str:
    """A role key by its label ("registry_clerk" -> "Registratur")."""
    from akte.web.accounts.roles import Role

    try:
        return str(Role(role).label)
    except ValueError:
        return role


@register.filter("partial_date")
def partial_date_filter(date) -> str:
    """A `PartialDate` as the reader writes it (07.03.1990 in German, 1990-03-07 in English)."""
    if not date:
        return ""
    return words.format_text("{d:partial_date}", {"d": date.isoformat()}, get_language() or "de")
