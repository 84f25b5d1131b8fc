"""Merging two records of the same person, and undoing it within the reversible period.

A merge moves the merged record's procedures and name spellings to the survivor (its
spellings as non-primary ones) and keeps, in `PersonMerge.moved`, exactly what moved and how
it was; nothing else changes: both person rows, their corrections and the access log entries
(which refer to person ids) stay as they are, so both histories are kept. The merged record is
then "merged away": it has no procedures and no spellings, the person index drops it, and the
survivor's page shows both trails. An un-merge (until `reversible_until`, from
`AKTE_MERGE_REVERSIBLE_DAYS`) moves back exactly what moved, with its primary flags, so both
persons are as they were before the merge. Both steps write entries to both persons' trails.

Rules that keep an un-merge exact: a record merged away cannot be merged again nor corrected,
and a record that holds merged records cannot itself be merged away (merge the other way).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import NameSpelling, Person, Procedure
from .trail import ChangeKind, PersonChange, PersonMerge


class MergeRefused(Exception):
    """A merge or un-merge that cannot be made; `message` says why, in the reader's language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def reversible_period() -> dt.timedelta:
    return dt.timedelta(days=settings.AKTE_MERGE_REVERSIBLE_DAYS)


def active_merge_of(person: Person) -> PersonMerge | None:
    """The merge that took this record into another, if it is in force."""
    return PersonMerge.objects.filter(merged=person, undone_at__isnull=True).first()


def merged_into(person: Person):
    """The merges in force that took other records into this one."""
    return PersonMerge.objects.filter(survivor=person, undone_at__isnull=True)


def check_mergeable(survivor: Person, merged: Person) -> None:
    if survivor.pk == merged.pk:
        raise MergeRefused(_("A record cannot be merged with itself."))
    for person in (survivor, merged):
        if active_merge_of(person) is not None:
            raise MergeRefused(
                _("Person %(id)s was merged into another record already.") % {"id": person.pk}
            )
    if merged_into(merged).exists():
        raise MergeRefused(
            _(
                "Person %(id)s holds records merged into it; keep it and merge the other record "
                "into it instead."
            )
            % {"id": merged.pk}
        )


def _trail(kind, merge: PersonMerge, user, reason: str) -> list[PersonChange]:
    common = {"kind": kind, "merge": merge, "reason": reason, "actor": user}
    common["actor_name"] = str(user)[:200]
    return [
        PersonChange(person_id=merge.survivor_id, new_value=f"person:{merge.merged_id}", **common),
        PersonChange(person_id=merge.merged_id, new_value=f"person:{merge.survivor_id}", **common),
    ]


@transaction.atomic
def merge(user, survivor: Person, merged: Person, reason: str) -> PersonMerge:
    """Merge `merged` into `survivor`. Raises `MergeRefused`."""
    locked = Person.objects.select_for_update().in_bulk([survivor.pk, merged.pk])
    if len(locked) != (1 if survivor.pk == merged.pk else 2):
        raise MergeRefused(_("No such person."))
    check_mergeable(survivor, merged)
    procedures = list(Procedure.objects.filter(person=merged).values_list("pk", flat=True))
    spellings = [
        [pk, primary]
        for pk, primary in NameSpelling.objects.filter(person=merged).values_list(
            "pk", "is_primary"
        )
    ]
    now = timezone.now()
    record = PersonMerge.objects.create(
        survivor=survivor,
        merged=merged,
        reason=reason,
        merged_by=user,
        merged_at=now,
        reversible_until=now + reversible_period(),
        moved={"procedures": sorted(procedures), "spellings": sorted(spellings)},
        changed_at=now,
    )
    # queryset updates: no `updated_at` moves, so an un-merge can restore every row exactly
    Procedure.objects.filter(pk__in=procedures).update(person=survivor)
    NameSpelling.objects.filter(pk__in=[pk for pk, _ in spellings]).update(
        person=survivor, is_primary=False
    )
    PersonChange.objects.bulk_create(_trail(ChangeKind.MERGE, record, user, reason))
    return record


@transaction.atomic
def unmerge(user, record: PersonMerge, reason: str) -> PersonMerge:
    """Undo a merge in force within its reversible period. Raises `MergeRefused`."""
    record = PersonMerge.objects.select_for_update().get(pk=record.pk)
    now = timezone.now()
    if not record.active:
        raise MergeRefused(_("This merge was undone already."))
    if now > record.reversible_until:
        raise MergeRefused(_("The period in which this merge could be undone is over."))
    moved = record.moved
    Procedure.objects.filter(pk__in=moved["procedures"]).update(person_id=record.merged_id)
    for primary in (True, False):
        pks = [pk for pk, was_primary in moved["spellings"] if was_primary == primary]
        NameSpelling.objects.filter(pk__in=pks).update(
            person_id=record.merged_id, is_primary=primary
        )
    record.undone_at = record.changed_at = now
    record.undone_by, record.undo_reason = user, reason
    record.save(update_fields=["undone_at", "changed_at", "undone_by", "undo_reason"])
    PersonChange.objects.bulk_create(_trail(ChangeKind.UNMERGE, record, user, reason))
    return record
