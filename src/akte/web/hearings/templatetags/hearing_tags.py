from django import template
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext

from akte.hearing.export import readable_source
from akte.web.hearings.forms import SPEAKERS

register = template.Library()
_LABELS = dict(SPEAKERS)
_CSRF = CsrfTokenNode()  # renders the token of the context it is given, as {% csrf_token %}


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


@register.filter
def source_label(value: str) -> str:
    return readable_source(value)


@register.filter
def tag_labels(value: str, names: dict) -> str:
    """The checklist items a segment is tagged with, by their titles, not their ids."""
    return ", ".join(
        names.get(item, item) for item in sorted(filter(None, (value or "").split(",")))
    )


_FATE_FORMS = (
    '<form method="post" action="{url}" hx-post="{url}" hx-target="#workspace"'
    ' hx-swap="outerHTML" class="fate-form inline">{csrf}'
    '<button name="fate" value="used" class="use">{use}</button> '
    '<button name="fate" value="skipped" class="skip">{skip}</button></form>'
    # its own form: Enter in the reason submits this form, whose only button is "dismiss"
    '<form method="post" action="{url}" hx-post="{url}" hx-target="#workspace"'
    ' hx-swap="outerHTML" class="fate-form dismiss-form inline">{csrf}'
    '<input name="reason" maxlength="500" placeholder="{reason}" aria-label="{reason}"> '
    '<button name="fate" value="dismissed" class="dismiss">{dismiss}</button></form>'
)


@register.simple_tag(takes_context=True)
def fate_forms(context, hearing_pk: int, shown_pk: int) -> str:
    """The two forms that decide a shown suggestion's fate (use or skip; dismiss with a
    reason), as plain HTML: the panels show dozens of suggestions after every saved segment,
    and a template with its nodes per suggestion was most of the refresh's time."""
    return format_html(
        _FATE_FORMS,
        url=reverse("hearings:fate", args=(hearing_pk, shown_pk)),
        csrf=_CSRF.render(context),
        use=gettext("use"),
        skip=gettext("skip"),
        reason=gettext("reason for dismissing"),
        dismiss=gettext("dismiss"),
    )
