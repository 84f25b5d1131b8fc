"""The purpose a user works for: chosen in the header for the session, or else derived from
their role. The access log writes it to every entry (`akte.web.audit`)."""

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


def remember_purpose(request: HttpRequest, purpose: str) -> None:
    """Remember `purpose` for this session; an unknown value forgets the choice."""
    if purpose in Purpose.values:
        request.session[SESSION_PURPOSE_KEY] = purpose
    else:
        request.session.pop(SESSION_PURPOSE_KEY, None)


def chosen_purpose(request: HttpRequest) -> str:
    return request.session.get(SESSION_PURPOSE_KEY, "")
