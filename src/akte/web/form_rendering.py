"""Forms rendered in Python: Django's stock form templates (``django/forms/div.html``, the
field group, label, error list and the widgets the app uses), written out as functions.

Django renders every form, field, label, error list, widget and select option through a
template of its own; a procedure page with its seven forms made ~900 template renders and
spent half of its time there. `FormRenderer` answers those stock templates with the same
HTML, character for character (`tests/web/test_form_rendering.py` compares both renderers
on every form of the app, bound, unbound and with errors), and hands every other template,
and every case it does not write out (a file input showing its current file, multi-widgets),
to Django's template renderer as before.

A project template that overrides one of these stock templates would not be seen: the app
overrides none (`FAST` lists them); to override one, remove it from `FAST`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData


def _text(value) -> str:
    """``{{ value }}``: localised, escaped unless safe."""
    return conditional_escape(localize(value))


def _s(value) -> str:
    """``{{ value|stringformat:'s' }}`` (the result stays safe if the value was)."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)  # noqa: UP031 (the filter's own)
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs) -> str:
    """``django/forms/widgets/attrs.html`` (and ``django/forms/attrs.html``)."""
    if not attrs:
        return ""
    out = []
    for name, value in attrs.items():
        if value is not False:
            out.append(" " + _text(name))
            if value is not True:
                out.append('="' + _s(value) + '"')
    return "".join(out)


def _input(widget) -> str:
    """``django/forms/widgets/input.html`` with its trailing newline (as an include)."""
    value = widget["value"]
    shown = ' value="' + _s(value) + '"' if value is not None else ""
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>\n"
    )


def _input_widget(context) -> str | None:
    return _input(context["widget"])


def _file_widget(context) -> str | None:
    """``clearable_file_input.html`` without a current file (else the template)."""
    widget = context["widget"]
    if widget.get("is_initial"):
        return None
    return "\n" + (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{_attrs(widget['attrs'])}>\n"
    )


def _textarea(context) -> str | None:
    widget = context["widget"]
    value = _text(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>\n'
    )


_SELECT_OPTION = "django/forms/widgets/select_option.html"
_INPUT_OPTIONS = (
    "django/forms/widgets/checkbox_option.html",
    "django/forms/widgets/radio_option.html",
)


def _select(context) -> str | None:
    widget = context["widget"]
    out = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            if option["template_name"] != _SELECT_OPTION:
                return None
            out.append(
                f'\n  <option value="{_s(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_text(option['label'])}</option>\n"
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>\n")
    return "".join(out)


def _input_option(option) -> str:
    """``checkbox_option.html`` / ``radio_option.html`` (``input_option.html`` inside)."""
    html = _input(option)
    if option["wrap_label"]:
        label_id = option["attrs"].get("id")
        label_for = f' for="{_text(label_id)}"' if label_id else ""
        html = f"<label{label_for}>{html} {_text(option['label'])}</label>"
    return html + "\n\n"


def _multiple_input(context) -> str | None:
    """``checkbox_select.html`` / ``radio.html`` (``multiple_input.html`` inside)."""
    widget = context["widget"]
    attrs = widget["attrs"]
    out = ["<div"]
    if attrs.get("id"):
        out.append(f' id="{_text(attrs["id"])}"')
    if attrs.get("class"):
        out.append(f' class="{_text(attrs["class"])}"')
    out.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            out.append(f"\n  <div><label>{_text(group)}</label>")
        for option in options:
            if option["template_name"] not in _INPUT_OPTIONS:
                return None
            out.append("<div>\n    " + _input_option(option) + "</div>")
        if group:
            out.append("\n  </div>")
    out.append("\n</div>\n")
    return "".join(out)


def _label(context) -> str | None:
    label = _text(context["label"])
    if not context["use_tag"]:
        return label
    tag = _text(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{label}</{tag}>\n"


def _errors(context) -> str | None:
    errors = context["errors"]
    if not errors:
        return ""
    field_id = f' id="{_text(errors.field_id)}_error"' if errors.field_id else ""
    items = "".join(f"<li>{_text(error)}</li>" for error in errors)
    return f'<ul class="{_text(context["error_class"])}"{field_id}>{items}</ul>'


def _field(context) -> str | None:
    """``django/forms/field.html``: label (or legend), help text, errors, widget."""
    field = context["field"]
    fieldset = field.use_fieldset
    if fieldset:
        described = field.aria_describedby
        described = f' aria-describedby="{_text(described)}"' if described else ""
        legend = _text(field.legend_tag()) if field.label else ""
        head = f"\n  <fieldset{described}>\n  {legend}\n"
    else:
        head = "\n  " + (_text(field.label_tag()) if field.label else "") + "\n"
    help_text = ""
    if field.help_text:
        auto_id = field.auto_id
        help_id = f' id="{_text(auto_id)}_helptext"' if auto_id else ""
        help_text = f'<div class="helptext"{help_id}>{field.help_text}</div>'  # |safe
    return (
        f"{head}\n{help_text}\n{_text(field.errors)}\n{_text(field)}"
        f"{'</fieldset>' if fieldset else ''}\n"
    )


def _div(context) -> str | None:
    """``django/forms/div.html``: a form's fields, each in a div."""
    errors, fields, hidden = context["errors"], context["fields"], context["hidden_fields"]
    hidden_html = "".join(_text(field) for field in hidden)
    out = [_text(errors), "\n"]
    if errors and not fields:
        out.append(f"\n  <div>{hidden_html}</div>\n")
    out.append("\n")
    last = len(fields) - 1
    for i, (field, _field_errors) in enumerate(fields):
        classes = field.css_classes()
        classes = f' class="{_text(classes)}"' if classes else ""
        tail = f"\n      {hidden_html}\n    " if i == last else ""
        out.append(f"\n  <div{classes}>\n    {_text(field.as_field_group())}\n    {tail}\n</div>\n")
    out.append("\n")
    if not fields and not errors:
        out.append(f"\n  {hidden_html}\n")
    out.append("\n")
    return "".join(out)


_W = "django/forms/widgets/"
FAST: dict[str, Callable[[dict], str | None]] = {
    "django/forms/div.html": _div,
    "django/forms/field.html": _field,
    "django/forms/label.html": _label,
    "django/forms/errors/list/default.html": _errors,
    "django/forms/errors/list/ul.html": _errors,
    **{
        f"{_W}{name}.html": _input_widget
        for name in (
            "input",
            "text",
            "number",
            "email",
            "url",
            "password",
            "hidden",
            "date",
            "datetime",
            "time",
            "checkbox",
            "file",
            "color",
            "search",
            "tel",
        )
    },  # fmt: skip
    f"{_W}clearable_file_input.html": _file_widget,
    f"{_W}textarea.html": _textarea,
    f"{_W}select.html": _select,
    f"{_W}checkbox_select.html": _multiple_input,
    f"{_W}radio.html": _multiple_input,
}


class FormRenderer(DjangoTemplates):
    """Django's default renderer, with its stock form templates written in Python."""

    def render(self, template_name, context, request=None):
        fast = FAST.get(template_name)
        if fast is not None:
            html = fast(context)
            if html is not None:
                return html.strip()
        return super().render(template_name, context, request)
