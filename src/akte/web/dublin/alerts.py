"""Alerts a configurable number of days before a deadline ends (`AKTE_DUBLIN_ALERT_DAYS`).

`notify(today)` (behind `akte dublin notify`, e.g. daily from cron) sends one e-mail per office
through Django's mail framework to the Dublin officers of that office, listing file numbers and
deadlines only, and records one `DublinAlert` per deadline and due date: a second run sends
nothing again, a deadline whose due date moved is alerted anew. In the app, the worklist shows
the same deadlines at the top.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import translation

from akte.core.message import Message
from akte.dublin.config import config
from akte.web.accounts.models import User
from akte.web.accounts.roles import Role
from akte.web.words import words_filter as say

from .models import DublinAlert, DublinDeadline
from .worklist import open_deadlines


def due_for_alert(today: dt.date, days: int | None = None):
    days = config().alert_days if days is None else days
    return open_deadlines().filter(due__gte=today, due__lte=today + dt.timedelta(days=days))


def notify(today: dt.date, days: int | None = None) -> dict:
    """Send the alerts not yet sent; returns counts (deadlines alerted, e-mails sent). A
    failed e-mail rolls its alerts back, so the next run sends them."""
    pending: dict[str, list[DublinDeadline]] = defaultdict(list)
    for deadline in due_for_alert(today, days).exclude(alerts__due=F("due")).order_by("due", "pk"):
        pending[deadline.office].append(deadline)
    sent = alerted = 0
    for office, deadlines in sorted(pending.items()):
        recipients = list(
            User.objects.filter(role=Role.DUBLIN_OFFICER, office=office, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        with transaction.atomic():
            kept = []
            for deadline in deadlines:
                _, created = DublinAlert.objects.get_or_create(
                    deadline=deadline, due=deadline.due, defaults={"recipients": len(recipients)}
                )
                if created:
                    kept.append(deadline)
            if kept and recipients:
                _mail(office, kept, recipients, today).send(fail_silently=False)
                sent += 1
            alerted += len(kept)
    return {"alerted": alerted, "emails": sent}


def _mail(office: str, deadlines: list[DublinDeadline], recipients: list[str], today: dt.date):
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            f"{d.file_number}  {say(Message(f'dublin.deadline.{d.kind}'))}  {d.due:%d.%m.%Y}"
            f"  ({(d.due - today).days})"
            for d in deadlines
        ]
        subject = translation.gettext("Dublin deadlines ending soon (%(office)s)") % {
            "office": office
        }
        intro = translation.gettext(
            "These Dublin deadlines end soon (file number, deadline, due date, days left):"
        )
    return EmailMessage(subject, intro + "\n\n" + "\n".join(lines) + "\n", to=recipients)
