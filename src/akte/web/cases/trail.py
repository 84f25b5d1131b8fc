"""A person's audit trail (corrections, merges, un-merges) and the merges themselves.

`PersonChange` is append-only, like the access log: one entry per corrected field with the
old and the new value, and one per person for each merge and un-merge; who (their display
name at the time, and the user), when and why. `PersonMerge` records that one person record
(`merged`) was found to be the same person as another (`survivor`): their procedures and name
spellings moved to the survivor, and what moved is kept so that an un-merge within the
reversible period puts back exactly what was there. Imported from `cases.models`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TrailImmutable(Exception):
    """Raised on any attempt to change or delete an entry of a person's audit trail."""


class ChangeKind(models.TextChoices):
    CORRECTION = "correction", _("correction")
    MERGE = "merge", _("merge")
    UNMERGE = "unmerge", _("un-merge")


class CorrectedField(models.TextChoices):
    """The person's data that can be corrected (name fields belong to one spelling)."""

    SEX = "sex", _("sex")
    BIRTH_DATE = "birth_date", _("date of birth")
    BIRTH_PLACE = "birth_place", _("place of birth")
    NATIONALITY = "nationality", _("nationality")
    GIVEN_NAMES = "given_names", _("given names")
    FAMILY_NAME = "family_name", _("family name")
    SCRIPT = "script", _("script")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TrailImmutable("audit trail entries cannot be changed")

    def delete(self):
        raise TrailImmutable("audit trail entries cannot be deleted")


class PersonChange(models.Model):
    person = models.ForeignKey(
        "cases.Person", on_delete=models.PROTECT, related_name="changes", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ChangeKind.choices)
    field = models.CharField(_("field"), max_length=16, choices=CorrectedField.choices, blank=True)
    spelling = models.ForeignKey(
        "cases.NameSpelling", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    old_value = models.CharField(_("old value"), max_length=200, blank=True)
    new_value = models.CharField(_("new value"), max_length=200, blank=True)
    reason = models.CharField(_("reason"), max_length=500)
    merge = models.ForeignKey(
        "cases.PersonMerge", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(_("by"), max_length=200)  # as printed at the time
    at = models.DateTimeField(_("time"), default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change of a person's data")

    def __str__(self) -> str:  # no personal data in reprs
        return f"PersonChange {self.pk} ({self.kind} of person {self.person_id})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TrailImmutable("audit trail entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TrailImmutable("audit trail entries cannot be deleted")


class PersonMerge(models.Model):
    survivor = models.ForeignKey(
        "cases.Person", on_delete=models.PROTECT, related_name="merges_received"
    )
    merged = models.ForeignKey(
        "cases.Person", on_delete=models.PROTECT, related_name="merges_given"
    )
    reason = models.CharField(_("reason"), max_length=500)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField(_("merged at"), default=timezone.now)
    reversible_until = models.DateTimeField(_("reversible until"))
    # what moved: {"procedures": [pk, ...], "spellings": [[pk, was_primary], ...]}
    moved = models.JSONField(default=dict)
    undone_at = models.DateTimeField(_("un-merged at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undo_reason = models.CharField(_("reason for the un-merge"), max_length=500, blank=True)
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)  # for the index

    class Meta:
        ordering = ["-merged_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["merged"],
                condition=models.Q(undone_at__isnull=True),
                name="person_merged_once",
            ),
            models.CheckConstraint(
                condition=~models.Q(survivor=models.F("merged")), name="person_not_merged_into_self"
            ),
        ]

    def __str__(self) -> str:
        return f"PersonMerge {self.pk} (person {self.merged_id} into {self.survivor_id})"

    @property
    def active(self) -> bool:
        return self.undone_at is None

    def reversible(self, now=None) -> bool:
        return self.active and (now or timezone.now()) <= self.reversible_until


def merged_away_ids() -> models.QuerySet:
    """The ids of persons merged into another (and not un-merged)."""
    return PersonMerge.objects.filter(undone_at__isnull=True).values("merged_id")


def trail_of(person_pk: int, merged_ids=()) -> models.QuerySet:
    """The person's audit trail, with that of the records merged into it, newest first."""
    return PersonChange.objects.filter(person_id__in=[person_pk, *merged_ids]).select_related(
        "spelling"
    )
