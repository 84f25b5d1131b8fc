"""Roles and what each may do. One place to read who may see what.

A user has exactly one role. Permissions are capabilities checked by views and the API;
record-level limits (counsel sees only their clients) live in `akte.web.cases.access`.
"""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REGISTRY_CLERK = "registry_clerk", _("Registry clerk")
    INTERVIEWER = "interviewer", _("Interviewer")
    DECISION_MAKER = "decision_maker", _("Decision-maker")
    QUALITY_ASSURANCE = "quality_assurance", _("Quality assurance")
    DATA_PROTECTION_OFFICER = "data_protection_officer", _("Data protection officer")
    ADMINISTRATOR = "administrator", _("Administrator")
    PARTNER_AGENCY = "partner_agency", _("Partner agency")
    COUNSEL = "counsel", _("Counsel")
    DUBLIN_OFFICER = "dublin_officer", _("Dublin officer")
    # a language course provider (Kursträger): only its own courses and participants
    COURSE_PROVIDER = "course_provider", _("Course provider")
    # the office's management: the figures (pseudonymised, disclosure-controlled), no records
    MANAGEMENT = "management", _("Management")


class Capability(StrEnum):
    VIEW_PERSONAL_DATA = "view_personal_data"  # names, birth dates, documents, hearings
    VIEW_STATUS = "view_status"  # file number, status and its history only
    REGISTER = "register"  # create and change persons and procedures
    CHANGE_STATUS = "change_status"
    UPLOAD_DOCUMENT = "upload_document"
    SEARCH_PERSONS = "search_persons"  # similarity search across name spellings
    CONDUCT_HEARING = "conduct_hearing"
    VIEW_QUALITY = "view_quality"
    VIEW_ACCESS_LOG = "view_access_log"
    MANAGE_USERS = "manage_users"
    TRACK_DUBLIN = "track_dublin"  # enter Dublin events, the Dublin worklist and its feeds
    MANAGE_COURSES = "manage_courses"  # the office: approve providers, courses, invoices
    RUN_COURSES = "run_courses"  # a provider: its own courses, participants, lists, invoices
    CORRECT_PERSON = "correct_person"  # correct a person's data, with a reason
    MERGE_PERSONS = "merge_persons"  # merge two records of the same person, and un-merge
    VIEW_STATISTICS = "view_statistics"  # the figures of pseudonymised snapshots
    DECIDE = "decide"  # record a decision (Bescheid)


_ALL_OFFICE = {Capability.VIEW_PERSONAL_DATA, Capability.VIEW_STATUS}

CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.REGISTRY_CLERK: frozenset(
        _ALL_OFFICE
        | {
            Capability.REGISTER,
            Capability.CHANGE_STATUS,
            Capability.UPLOAD_DOCUMENT,
            Capability.SEARCH_PERSONS,
            Capability.MANAGE_COURSES,
            Capability.CORRECT_PERSON,
            Capability.MERGE_PERSONS,
        }
    ),
    Role.INTERVIEWER: frozenset(
        _ALL_OFFICE | {Capability.UPLOAD_DOCUMENT, Capability.CONDUCT_HEARING}
    ),
    Role.DECISION_MAKER: frozenset(
        _ALL_OFFICE
        | {
            Capability.CHANGE_STATUS,
            Capability.UPLOAD_DOCUMENT,
            Capability.CONDUCT_HEARING,
            Capability.SEARCH_PERSONS,
            Capability.CORRECT_PERSON,
            Capability.MERGE_PERSONS,
            Capability.DECIDE,
        }
    ),
    Role.QUALITY_ASSURANCE: frozenset(
        _ALL_OFFICE | {Capability.VIEW_QUALITY, Capability.VIEW_STATISTICS}
    ),
    Role.DATA_PROTECTION_OFFICER: frozenset({Capability.VIEW_ACCESS_LOG, Capability.VIEW_STATUS}),
    Role.ADMINISTRATOR: frozenset({Capability.MANAGE_USERS, Capability.VIEW_STATUS}),
    Role.PARTNER_AGENCY: frozenset({Capability.VIEW_STATUS}),
    # Counsel: personal data and status, but only of their own clients' procedures.
    Role.COUNSEL: frozenset({Capability.VIEW_PERSONAL_DATA, Capability.VIEW_STATUS}),
    # The Dublin unit: the office's procedures, their Dublin events and deadlines.
    Role.DUBLIN_OFFICER: frozenset(
        _ALL_OFFICE | {Capability.CHANGE_STATUS, Capability.TRACK_DUBLIN}
    ),
    # Course providers: no procedures at all, only their own courses (`akte.web.courses`).
    Role.COURSE_PROVIDER: frozenset({Capability.RUN_COURSES}),
    # Management: the dashboard of figures only; no procedure, no person, not even a status.
    Role.MANAGEMENT: frozenset({Capability.VIEW_STATISTICS}),
}


def capabilities(role: str) -> frozenset[Capability]:
    return CAPABILITIES.get(role, frozenset())
