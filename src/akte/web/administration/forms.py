"""Forms of the administration: a user (never deleted, only deactivated), an API token."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from akte.web.accounts.models import User
from akte.web.accounts.roles import Role
from akte.web.cases.offices import Office


class UserForm(forms.ModelForm):
    """Create or edit a user: display name, role, office, organisation; optionally a password
    (a user created without one cannot log in until one is set)."""

    password1 = forms.CharField(
        label=_("new password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("leave empty to keep it (a new user without one cannot log in yet)"),
    )
    password2 = forms.CharField(
        label=_("new password, again"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = ["username", "display_name", "role", "office", "organisation"]

    def __init__(self, *args, editor: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editor = editor
        self.fields["role"].choices = Role.choices
        self.fields["office"] = forms.ChoiceField(
            label=_("office"), choices=[("", "–"), *Office.choices], required=False
        )
        self.fields["display_name"].required = True
        if self.instance.pk:
            self.fields["username"].disabled = True  # the login stays; records name it

    def clean_role(self) -> str:
        role = self.cleaned_data["role"]
        if (
            self.instance.pk
            and self.editor is not None
            and self.instance.pk == self.editor.pk
            and role != self.instance.role
        ):
            raise forms.ValidationError(_("You cannot change your own role."))
        return role

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first or second:
            if first != second:
                self.add_error("password2", _("The two passwords differ."))
            else:
                try:
                    validate_password(first, self.instance)
                except forms.ValidationError as exc:
                    self.add_error("password1", exc)
        return data

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        if self.cleaned_data.get("password1"):
            user.set_password(self.cleaned_data["password1"])
        elif not user.pk:
            user.set_unusable_password()
        if commit:
            user.save()
        return user


class TokenForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("user"), queryset=User.objects.filter(is_active=True).order_by("username")
    )
    name = forms.CharField(label=_("what the token is for"), max_length=100)
    days = forms.IntegerField(
        label=_("valid for (days)"),
        min_value=1,
        max_value=366,
        help_text=_("the token stops working after this many days"),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("days", settings.AKTE_API_TOKEN_DAYS)
        super().__init__(*args, **kwargs)
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.get_username()} · {u} · {u.get_role_display()}"
        )
