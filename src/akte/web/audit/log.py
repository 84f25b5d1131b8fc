"""Writing the access log. Views call `record_access`; the purpose is the one the user chose
for this session, or else derived from the view and the user's role."""

from __future__ import annotations

from django.http import HttpRequest

from akte.web.accounts.roles import Role

from .models import AccessLogEntry, Action, Purpose

SESSION_PURPOSE_KEY = "akte_purpose"

_ROLE_PURPOSE = {
    Role.REGISTRY_CLERK: Purpose.REGISTRATION,
    Role.INTERVIEWER: Purpose.HEARING,
    Role.DECISION_MAKER: Purpose.DECISION,
    Role.QUALITY_ASSURANCE: Purpose.QUALITY_ASSURANCE,
    Role.DATA_PROTECTION_OFFICER: Purpose.DATA_PROTECTION,
    Role.ADMINISTRATOR: Purpose.CASE_PROCESSING,
    Role.PARTNER_AGENCY: Purpose.STATUS_INQUIRY,
    Role.COUNSEL: Purpose.LEGAL_REPRESENTATION,
}


def derived_purpose(role: str) -> Purpose:
    return _ROLE_PURPOSE.get(role, Purpose.CASE_PROCESSING)


def current_purpose(request: HttpRequest, default: Purpose | None = None) -> Purpose:
    chosen = request.session.get(SESSION_PURPOSE_KEY) if hasattr(request, "session") else None
    if chosen in Purpose.values:
        return Purpose(chosen)
    return default or derived_purpose(getattr(request.user, "role", ""))


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
