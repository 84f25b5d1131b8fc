"""Break-glass: a read outside the user's own procedures, for a reason the user states.

`grant()` records the reason and opens the procedure to the user until the grant expires
(`AKTE_BREAK_GLASS_UNTIL`: the end of the local day, or a number of hours); every read under
it is written to the access log with the purpose break-glass (`audit.log`). The data
protection officer decides in a queue whether each one was justified (`review()`), and the
decision is itself an entry of the access log. Who may break the glass, and which procedures
are a user's own, is the case files' business (`akte.web.cases.access`).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import AccessLogEntry, Action, BreakGlassGrant, BreakGlassReview, Decision, Purpose

REASON_MIN = 20  # characters: a reason, not "x"
REASON_MAX = 1000
NOTE_MAX = 2000


class ReviewRefused(ValueError):
    """A review that cannot be recorded (already decided, unknown decision, no note)."""


def expiry(now: dt.datetime | None = None) -> dt.datetime:
    """When a grant made at `now` ends: `AKTE_BREAK_GLASS_UNTIL` is "end_of_day" (midnight,
    local time) or a whole number of hours."""
    now = now or timezone.now()
    until = str(settings.AKTE_BREAK_GLASS_UNTIL).strip()
    if until.isdigit() and int(until) > 0:
        return now + dt.timedelta(hours=int(until))
    local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
    midnight = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), local.tzinfo)
    return midnight


def active_grants(user) -> QuerySet[BreakGlassGrant]:
    if not getattr(user, "is_authenticated", False):
        return BreakGlassGrant.objects.none()
    return BreakGlassGrant.objects.filter(user=user, expires_at__gt=timezone.now())


def grant(user, *, procedure_id: int, person_id: int, reason: str) -> BreakGlassGrant:
    reason = reason.strip()
    if len(reason) < REASON_MIN:
        raise ValueError(f"a break-glass reason needs at least {REASON_MIN} characters")
    return BreakGlassGrant.objects.create(
        user=user,
        username=user.get_username(),
        role=getattr(user, "role", ""),
        procedure_id=procedure_id,
        person_id=person_id,
        reason=reason[:REASON_MAX],
        expires_at=expiry(),
    )


def waiting() -> QuerySet[BreakGlassGrant]:
    """Grants without a decision, oldest first: the officer's queue."""
    return BreakGlassGrant.objects.filter(review__isnull=True).order_by("at", "pk")


def review(grant: BreakGlassGrant, reviewer, decision: str, note: str, *, path: str = ""):
    """Record the officer's decision once, and write it to the access log (action update,
    purpose data protection review, record `break_glass:<id>`) in the same transaction."""
    note = note.strip()
    if decision not in Decision.values:
        raise ReviewRefused("unknown decision")
    if not note:
        raise ReviewRefused("a decision needs a note")
    with transaction.atomic():
        locked = BreakGlassGrant.objects.select_for_update().get(pk=grant.pk)
        if BreakGlassReview.objects.filter(grant=locked).exists():
            raise ReviewRefused("this access has already been decided")
        decided = BreakGlassReview.objects.create(
            grant=locked, reviewer=reviewer, decision=decision, note=note[:NOTE_MAX]
        )
        AccessLogEntry.objects.create(
            user=reviewer,
            username=reviewer.get_username(),
            role=getattr(reviewer, "role", ""),
            action=Action.UPDATE,
            purpose=Purpose.DATA_PROTECTION,
            person_id=locked.person_id,
            procedure_id=locked.procedure_id,
            record=f"break_glass:{locked.pk}",
            path=path[:300],
        )
    return decided
