"""Template filters that show the matching engine's explanations in the user's language."""

from django import template

from akte.web.search import explain

register = template.Library()

register.filter("field_label", explain.field_label)
register.filter("level_label", explain.level_label)
register.filter("explain", explain.explain)
