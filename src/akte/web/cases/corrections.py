"""Correcting a person's data with a reason: each changed field becomes an entry of the
person's audit trail (`trail.PersonChange`) with its old and new value, who, when and why.

The views that call these declare the access log entries (`akte.web.audit.log.logs_access`).
"""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from akte.core.partial_date import PartialDate, PartialDateError

from .forms import NameSpellingForm, PersonForm
from .models import NameSpelling, Person, Script, Sex
from .trail import ChangeKind, CorrectedField, PersonChange, PersonMerge

PERSON_FIELDS = ("sex", "birth_date", "birth_place", "nationality")
SPELLING_FIELDS = ("given_names", "family_name", "script")


class CorrectionRefused(Exception):
    """A correction that cannot be made; `message` says why, in the reader's language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _reason_field():
    return forms.CharField(
        label=_("reason for the correction"),
        max_length=500,
        help_text=_("e.g. the passport shows another spelling; required, kept in the record"),
        widget=forms.TextInput(attrs={"size": 60}),
    )


class PersonCorrectionForm(PersonForm):
    """The person's fields as they are, to be corrected, and the reason."""

    reason = _reason_field()

    def __init__(self, *args, person: Person | None = None, **kwargs):
        if person is not None and not args and "data" not in kwargs:
            kwargs["initial"] = {
                "sex": person.sex,
                "birth_date": person.birth_date.german() if person.birth_date else "",
                "birth_place": person.birth_place,
                "nationality": person.nationality,
            }
        super().__init__(*args, **kwargs)
        del self.fields["languages"]


class SpellingCorrectionForm(NameSpellingForm):
    """One spelling's name fields, to be corrected, and the reason."""

    spelling = forms.IntegerField(widget=forms.HiddenInput)
    reason = _reason_field()

    def __init__(self, *args, spelling: NameSpelling | None = None, **kwargs):
        if spelling is not None and not args and "data" not in kwargs:
            kwargs["initial"] = {
                "spelling": spelling.pk,
                **{f: getattr(spelling, f) for f in SPELLING_FIELDS},
            }
            kwargs.setdefault("prefix", f"spelling-{spelling.pk}")
        super().__init__(*args, **kwargs)
        del self.fields["note"]

    def clean(self):
        data = super().clean()
        if not (data.get("given_names") or data.get("family_name")):
            raise forms.ValidationError(_("Enter a given or family name."))
        return data


def as_text(value) -> str:
    """How a value is kept in the trail: a date of birth as `1990`, `1990-03` or
    `1990-03-07` (so its precision stays visible), everything else as it is stored."""
    if isinstance(value, PartialDate):
        return value.isoformat()
    return "" if value is None else str(value)


def shown_value(field: str, value: str) -> str:
    """A value of the trail as the person page shows it, in the reader's language."""
    if not value:
        return "–"
    if field == CorrectedField.SEX and value in Sex.values:
        return str(Sex(value).label)
    if field == CorrectedField.SCRIPT and value in Script.values:
        return str(Script(value).label)
    if field == CorrectedField.BIRTH_DATE:
        try:
            date = PartialDate.parse(value)
        except PartialDateError:
            return value
        precision = {"year": _("year only"), "month": _("month and year only")}
        hint = precision.get(date.precision.value)
        return f"{date.german()} ({hint})" if hint else date.german()
    return value


def is_merged_away(person: Person) -> bool:
    return PersonMerge.objects.filter(merged=person, undone_at__isnull=True).exists()


def _locked(person_pk: int) -> Person:
    person = Person.objects.select_for_update().get(pk=person_pk)
    if is_merged_away(person):
        raise CorrectionRefused(
            _("This record was merged into another; correct the other one (or un-merge first).")
        )
    return person


def _entry(user, person_pk: int, field: str, old, new, reason: str, spelling=None):
    return PersonChange(
        person_id=person_pk,
        kind=ChangeKind.CORRECTION,
        field=field,
        spelling=spelling,
        old_value=as_text(old)[:200],
        new_value=as_text(new)[:200],
        reason=reason,
        actor=user,
        actor_name=str(user)[:200],
    )


@transaction.atomic
def correct_person(user, person: Person, data: dict, reason: str) -> list[PersonChange]:
    """Set the person's fields to `data`; one trail entry per changed field. Raises
    `CorrectionRefused` when nothing changes or the record was merged away."""
    locked = _locked(person.pk)
    changes = []
    for field in PERSON_FIELDS:
        old, new = getattr(locked, field), data.get(field)
        if as_text(old) != as_text(new):
            changes.append(_entry(user, locked.pk, CorrectedField(field), old, new, reason))
            setattr(locked, field, new)
    if not changes:
        raise CorrectionRefused(_("Nothing was changed: the values are the ones on file."))
    locked.save()  # updated_at moves: the person index picks the correction up
    PersonChange.objects.bulk_create(changes)
    return changes


@transaction.atomic
def correct_spelling(user, person: Person, data: dict, reason: str) -> list[PersonChange]:
    """Correct one spelling of the person's name; one trail entry per changed field."""
    locked = _locked(person.pk)
    try:
        spelling = NameSpelling.objects.select_for_update().get(pk=data["spelling"], person=locked)
    except NameSpelling.DoesNotExist as exc:
        raise CorrectionRefused(_("This spelling does not belong to the person.")) from exc
    changes = []
    for field in SPELLING_FIELDS:
        old, new = getattr(spelling, field), data.get(field, "")
        if old != new:
            changes.append(
                _entry(user, locked.pk, CorrectedField(field), old, new, reason, spelling)
            )
            setattr(spelling, field, new)
    if not changes:
        raise CorrectionRefused(_("Nothing was changed: the values are the ones on file."))
    spelling.save()
    locked.save(update_fields=["updated_at"])  # so the person index picks it up
    PersonChange.objects.bulk_create(changes)
    return changes
