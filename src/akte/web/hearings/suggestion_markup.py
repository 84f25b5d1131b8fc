"""One entry of the assistant panel (a suggestion or an information) as HTML.

The panel shows a few dozen entries and is rendered again after every saved segment; one
template per entry, with its two fate forms, was most of the time of that refresh. This is
the same markup as plain HTML, in the reader's language, escaped like a template's output.
"""

from __future__ import annotations

from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from akte.hearing.export import readable_source

from .models import FATES

_CSRF = CsrfTokenNode()  # the token of the context it is given, as {% csrf_token %}
_FATES = dict(FATES)

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


def fate_label(value: str) -> str:
    return str(_FATES.get(value, value))


def fate_forms(context, hearing_pk: int, shown_pk: int) -> SafeString:
    """The two forms that decide a shown suggestion's fate: use or skip; dismiss with a reason."""
    return format_html(
        _FATE_FORMS,
        url=reverse("hearings:fate", args=(hearing_pk, shown_pk)),
        csrf=_CSRF.render(context),
        use=gettext("use"),
        skip=gettext("skip"),
        reason=gettext("reason for dismissing"),
        dismiss=gettext("dismiss"),
    )


def _fate(record) -> SafeString:
    """What was decided, with the reason, the answering segment and earlier decisions."""
    reason = format_html(": {}", record.fate_reason) if record.fate_reason else ""
    answered = ""
    if record.answer_segment:
        n = record.answer_segment
        said = gettext("answered in segment %(n)s") % {"n": n}
        answered = format_html(' · <a href="#seg-{}">{}</a>', n, said)
    earlier = ""
    if record.earlier_fates:
        entries = format_html_join(
            "; ",
            "{}{}",
            (
                (fate_label(e["fate"]), format_html(": {}", e["reason"]) if e["reason"] else "")
                for e in record.earlier_fates
            ),
        )
        earlier = format_html(' <span class="hint">({}: {})</span>', gettext("earlier"), entries)
    return format_html(
        '<p class="fate">{}{}{}{}</p>', record.get_fate_display(), reason, answered, earlier
    )


def suggestion_html(context, s) -> SafeString:
    """The entry `s` of the panels; `shown` in the context is its record, if it has one."""
    record = context["shown"].get(s.id)
    hearing = context["hearing"]
    decided = record is not None and record.fate != "open"
    validity = format_html(" · {} {}", gettext("valid"), s.validity) if s.validity else ""
    parts = [
        format_html(
            '<li class="suggestion kind-{}{}"{} data-text="{}" tabindex="-1">'
            '<p class="text">{}</p><details><summary>{}</summary>'
            '<p>{}</p><p class="hint">{}: {}{}</p></details>',
            s.kind,
            " decided" if decided else " open",
            format_html(' id="sugg-{}"', record.pk) if record is not None else "",
            s.text,
            s.text,
            gettext("Why?"),
            s.reason,
            gettext("Source"),
            readable_source(s.source),
            validity,
        )
    ]
    if decided:
        parts.append(_fate(record))
    if record is not None and context.get("can_conduct") and not hearing.is_sealed:
        forms = fate_forms(context, hearing.pk, record.pk)
        if decided:
            summary = gettext("correct the fate")
            forms = format_html(
                '<details class="change-fate"><summary>{}</summary>{}</details>', summary, forms
            )
        parts.append(forms)
    return format_html_join("", "{}", ((p,) for p in parts)) + mark_safe("</li>")
