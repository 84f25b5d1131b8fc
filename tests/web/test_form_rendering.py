"""The Python form renderer (`akte.web.form_rendering`) writes what Django's stock templates
write, character for character: for hand-made forms with every widget the app uses, for
every form class of the app (unbound, bound empty, bound with markup in every field), and
for whole pages of the app as the roles see them."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import override_settings

import akte.web
from akte.web.accounts.roles import Role
from akte.web.form_rendering import FAST, FormRenderer

from . import urlwalk

HOSTILE = "<b>\"x\" & 'y'</b>"
CHOICES = [("", "–"), ("a", "Alpha <a>"), ("b&", 'Beta "b"'), (3, 3)]
GROUPED = [("Group <1>", [("g1", "One"), ("g2", "Two")]), ("x", "Ex")]


class Everything(forms.Form):
    required_css_class = "required"
    error_css_class = "error"

    text = forms.CharField(label="Text <t>", help_text="help <i>safe</i>", max_length=5)
    number = forms.IntegerField(required=False, min_value=1)
    decimal = forms.DecimalField(required=False, initial=1.5)
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False, assume_scheme="https")
    password = forms.CharField(widget=forms.PasswordInput, required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    time = forms.TimeField(widget=forms.TimeInput, required=False)
    flag = forms.BooleanField(required=False, label="Flag?")
    choice = forms.ChoiceField(choices=CHOICES, required=False)
    grouped = forms.ChoiceField(choices=GROUPED)
    many = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)
    boxes = forms.MultipleChoiceField(
        choices=CHOICES[1:], widget=forms.CheckboxSelectMultiple(attrs={"class": "c"})
    )
    grouped_boxes = forms.MultipleChoiceField(
        choices=GROUPED, widget=forms.CheckboxSelectMultiple, required=False
    )
    radio = forms.ChoiceField(choices=CHOICES[1:], widget=forms.RadioSelect, required=False)
    long = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    file = forms.FileField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    hidden_required = forms.CharField(widget=forms.HiddenInput)
    nullable = forms.NullBooleanField(required=False)
    no_label = forms.CharField(label="", required=False)
    disabled = forms.CharField(disabled=True, initial="fixed", required=False)

    def clean(self):
        raise forms.ValidationError("Whole form <wrong> & more")


def _both(make) -> tuple[str, str]:
    return str(make(FormRenderer()).as_div()), str(make(DjangoTemplates()).as_div())


DATA = {
    "text": HOSTILE,
    "number": "x",
    "email": "no",
    "day": "2024-02-30",
    "flag": "on",
    "choice": "b&",
    "grouped": "g2",
    "many": ["a", "3"],
    "boxes": ["b&"],
    "grouped_boxes": ["g1"],
    "radio": "a",
    "long": HOSTILE,
    "hidden": HOSTILE,
    "nullable": "true",
    "no_label": HOSTILE,
}


@pytest.mark.parametrize("data", [None, {}, DATA], ids=["unbound", "empty", "hostile"])
@pytest.mark.parametrize("kwargs", [{}, {"auto_id": False}, {"prefix": "p", "label_suffix": "!"}])
def test_every_widget_renders_as_the_templates_do(data, kwargs):
    fast, slow = _both(lambda r: Everything(data, renderer=r, **kwargs))
    assert fast == slow


def test_initial_values_and_a_file_on_record_render_as_the_templates_do():
    from django.core.files.uploadedfile import SimpleUploadedFile

    class Initial(Everything):
        file = forms.FileField(required=False)

    initial = {
        "text": HOSTILE,
        "choice": 3,
        "many": ["a"],
        "boxes": ["a", "b&"],
        "radio": "b&",
        "long": HOSTILE,
    }
    fast, slow = _both(lambda r: Initial(initial=initial, renderer=r))
    assert fast == slow

    class WithFile(forms.Form):
        file = forms.FileField(required=False)

    upload = SimpleUploadedFile("a.txt", b"x")
    upload.url = "/media/a.txt"  # a file on record: the template, not the fast path
    fast, slow = _both(lambda r: WithFile(initial={"file": upload}, renderer=r))
    assert fast == slow and "a.txt" in fast


def test_a_form_without_visible_fields_renders_as_the_templates_do():
    class OnlyHidden(forms.Form):
        a = forms.CharField(widget=forms.HiddenInput)
        b = forms.CharField(widget=forms.HiddenInput, required=False)

    for data in (None, {"b": "1"}):
        fast, slow = _both(lambda r, data=data: OnlyHidden(data, renderer=r))
        assert fast == slow


def test_the_fast_path_serves_only_stock_templates_the_app_does_not_override():
    renderer = DjangoTemplates()
    for name in FAST:
        origin = renderer.get_template(name).origin.name
        assert "/django/forms/templates/" in origin, f"{name} is overridden at {origin}"


def _form_classes():
    for info in pkgutil.walk_packages(akte.web.__path__, "akte.web."):
        if ".migrations" in info.name or ".settings" in info.name:
            continue
        importlib.import_module(info.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("akte.web."):
                found.add(sub)
    return sorted(found, key=lambda c: (c.__module__, c.__qualname__))


@pytest.mark.django_db
def test_every_form_of_the_app_renders_as_the_templates_do(users):
    rendered = 0
    for form_class in _form_classes():
        try:
            form_class(renderer=DjangoTemplates())
        except TypeError:
            continue  # needs arguments: rendered on its page (below)
        hostile = {name: HOSTILE for name in form_class.base_fields}
        for data in (None, {}, hostile):
            fast, slow = _both(lambda r, data=data, form=form_class: form(data, renderer=r))
            assert fast == slow, form_class
        rendered += 1
    assert rendered >= 20


CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"|(csrf[-_]?token[^"]*": ?")[^"]+"')
MESSAGES = re.compile(r'<ul class="messages".*?</ul>', re.S)
ROLES = (
    Role.REGISTRY_CLERK,
    Role.DECISION_MAKER,
    Role.INTERVIEWER,
    Role.ADMINISTRATOR,
    Role.COURSE_PROVIDER,
)

marker = urlwalk.marker


def _page(client, url: str, renderer: str) -> str:
    with override_settings(FORM_RENDERER=renderer):
        response = client.get(url)
    if response.streaming or "text/html" not in response.get("Content-Type", ""):
        return ""
    html = CSRF.sub(lambda m: (m.group(1) or m.group(2)) + '"', response.content.decode())
    return MESSAGES.sub("", html)  # a message a page leaves shows on the next one


@pytest.mark.django_db
def test_the_pages_of_the_app_render_as_with_the_templates(marker, users, client):
    compared = 0
    urls = [u for u in urlwalk.web_urls(marker) if "/logout" not in u]
    for role in ROLES:
        client.force_login(users[role])
        for url in urls:
            fast = _page(client, url, "akte.web.form_rendering.FormRenderer")
            slow = _page(client, url, "django.forms.renderers.DjangoTemplates")
            assert fast == slow, (role, url)
            compared += "<form" in fast
    assert compared > 30


@pytest.mark.django_db
def test_the_staff_read_once_a_page_are_the_options_the_querysets_give(users, make_user, rf):
    """The procedure page's user fields take their options from one list per request
    (`assignment.staff`); they are the options the fields' querysets give, in their order."""
    from akte.web.accounts.models import Team, User
    from akte.web.cases.assignment import AssignmentForm
    from akte.web.hearings.planning import PlanForm, _plan_form

    make_user(Role.INTERVIEWER, "aaron")
    User.objects.filter(username="aaron").update(display_name="Aaron <A>", office="")
    make_user(Role.DECISION_MAKER, "zoe")
    gone = make_user(Role.INTERVIEWER, "gone")
    gone.is_active = False
    gone.save()
    Team.objects.create(name="Dublin unit", office="BER")
    procedure = urlwalk.Procedure.objects.create(
        file_number="1234567-475",
        person=urlwalk.Person.objects.create(sex="F", nationality="SYR"),
        office="BER",
        country="SYR",
        language="ar",
    )
    request = rf.get("/")
    for form, plain in (
        (AssignmentForm(instance=procedure, prefix="a", request=request),
         AssignmentForm(instance=procedure, prefix="a")),
        (_plan_form(request, procedure),
         PlanForm(prefix="plan", initial={"language": procedure.language})),
    ):  # fmt: skip
        assert str(form.as_div()) == str(plain.as_div())
        assert "gone" not in str(form.as_div())
    assert "Aaron &lt;A&gt;" in str(AssignmentForm(instance=procedure, request=request).as_div())
