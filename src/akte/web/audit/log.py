"""Writing the access log. Views call `record_access`; the purpose is the one the user chose
for this session, or else derived from the view and the user's role."""

from __future__ import annotations

from django.http import HttpRequest

from akte.web.accounts.purposes import Purpose, current_purpose

from .models import AccessLogEntry, Action


def record_access(
    request: HttpRequest,
    *,
    action: Action,
    record: str,
    person_id: int | None = None,
    procedure_id: int | None = None,
    purpose: Purpose | None = None,
    via: str = "web",
) -> AccessLogEntry:
    user = request.user
    return AccessLogEntry.objects.create(
        user=user,
        username=user.get_username(),
        role=getattr(user, "role", ""),
        via=via,
        action=action,
        purpose=purpose or current_purpose(request),
        person_id=person_id,
        procedure_id=procedure_id,
        record=record,
        path=request.path[:300],
    )


def record_cli_access(
    *,
    action: Action,
    record: str,
    person_id: int | None,
    procedure_id: int | None,
    purpose: Purpose,
) -> AccessLogEntry:
    """An access from the command line: the operating-system user is recorded."""
    import getpass

    return AccessLogEntry.objects.create(
        user=None,
        username=f"cli:{getpass.getuser()}",
        role="",
        via="cli",
        action=action,
        purpose=purpose,
        person_id=person_id,
        procedure_id=procedure_id,
        record=record,
    )
