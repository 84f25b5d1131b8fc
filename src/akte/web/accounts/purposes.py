"""The purpose a user works for: chosen in the header for the session, or else derived from
their role. The access log writes it to every entry (`akte.web.audit`).

Which role may work for which purpose is data (`PURPOSES_OF_ROLE`): a user can choose only
a purpose of their role (the data protection officer alone answers Art. 15 access
requests), and a choice the role does not allow (a stale session, a changed role) is not
written to the log; the role's own purpose is."""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .roles import Role

SESSION_PURPOSE_KEY = "akte_purpose"


class Purpose(models.TextChoices):
    CASE_PROCESSING = "case_processing", _("case processing")
    REGISTRATION = "registration", _("registration")
    HEARING = "hearing", _("hearing preparation and conduct")
    DECISION = "decision", _("decision")
    QUALITY_ASSURANCE = "quality_assurance", _("quality assurance")
    DATA_PROTECTION = "data_protection", _("data protection review")
    LEGAL_REPRESENTATION = "legal_representation", _("legal representation")
    STATUS_INQUIRY = "status_inquiry", _("status inquiry by a partner agency")
    ACCESS_REQUEST = "access_request", _("GDPR Art. 15 access request")
    LANGUAGE_COURSES = "language_courses", _("language course administration")
    # a read outside the user's procedures, with a stated reason, reviewed by the DPO
    BREAK_GLASS = "break_glass", _("exceptional access outside the own procedures (break-glass)")


_ROLE_PURPOSE = {
    Role.REGISTRY_CLERK: Purpose.REGISTRATION,
    Role.INTERVIEWER: Purpose.HEARING,
    Role.DECISION_MAKER: Purpose.DECISION,
    Role.QUALITY_ASSURANCE: Purpose.QUALITY_ASSURANCE,
    Role.DATA_PROTECTION_OFFICER: Purpose.DATA_PROTECTION,
    Role.ADMINISTRATOR: Purpose.CASE_PROCESSING,
    Role.PARTNER_AGENCY: Purpose.STATUS_INQUIRY,
    Role.COUNSEL: Purpose.LEGAL_REPRESENTATION,
    Role.DUBLIN_OFFICER: Purpose.CASE_PROCESSING,
    Role.COURSE_PROVIDER: Purpose.LANGUAGE_COURSES,
    Role.MANAGEMENT: Purpose.QUALITY_ASSURANCE,
}


# Which role may work for which purpose (the first is the role's own, `_ROLE_PURPOSE`).
PURPOSES_OF_ROLE: dict[str, tuple[Purpose, ...]] = {
    Role.REGISTRY_CLERK: (Purpose.REGISTRATION, Purpose.CASE_PROCESSING, Purpose.LANGUAGE_COURSES),
    Role.INTERVIEWER: (Purpose.HEARING, Purpose.CASE_PROCESSING),
    Role.DECISION_MAKER: (Purpose.DECISION, Purpose.HEARING, Purpose.CASE_PROCESSING),
    Role.QUALITY_ASSURANCE: (Purpose.QUALITY_ASSURANCE,),
    Role.DATA_PROTECTION_OFFICER: (Purpose.DATA_PROTECTION, Purpose.ACCESS_REQUEST),
    Role.ADMINISTRATOR: (Purpose.CASE_PROCESSING,),
    Role.PARTNER_AGENCY: (Purpose.STATUS_INQUIRY,),
    Role.COUNSEL: (Purpose.LEGAL_REPRESENTATION,),
    Role.DUBLIN_OFFICER: (Purpose.CASE_PROCESSING,),
    Role.COURSE_PROVIDER: (Purpose.LANGUAGE_COURSES,),
    Role.MANAGEMENT: (Purpose.QUALITY_ASSURANCE,),
}


class PurposeNotAllowed(ValueError):
    """A user chose a purpose their role may not work for."""

    def __init__(self, role: str, purpose: str):
        super().__init__(f"role {role!r} may not work for purpose {purpose!r}")
        self.role, self.purpose = role, purpose


def derived_purpose(role: str) -> Purpose:
    return _ROLE_PURPOSE.get(role, Purpose.CASE_PROCESSING)


def allowed_purposes(role: str) -> tuple[Purpose, ...]:
    return PURPOSES_OF_ROLE.get(role, ())


def may_work_for(role: str, purpose: str) -> bool:
    return purpose in allowed_purposes(role)


def current_purpose(request: HttpRequest, default: Purpose | None = None) -> Purpose:
    role = getattr(request.user, "role", "")
    chosen = request.session.get(SESSION_PURPOSE_KEY) if hasattr(request, "session") else None
    if chosen in Purpose.values and may_work_for(role, chosen):
        return Purpose(chosen)
    return default or derived_purpose(role)


def remember_purpose(request: HttpRequest, purpose: str) -> None:
    """Remember `purpose` for this session; an empty or unknown value forgets the choice,
    a purpose the user's role may not work for raises `PurposeNotAllowed` (the choice
    stays as it was)."""
    if purpose in Purpose.values:
        role = getattr(request.user, "role", "")
        if not may_work_for(role, purpose):
            raise PurposeNotAllowed(role, purpose)
        request.session[SESSION_PURPOSE_KEY] = purpose
    else:
        request.session.pop(SESSION_PURPOSE_KEY, None)


def chosen_purpose(request: HttpRequest) -> str:
    chosen = request.session.get(SESSION_PURPOSE_KEY, "")
    return chosen if may_work_for(getattr(request.user, "role", ""), chosen) else ""
