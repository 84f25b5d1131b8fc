"""The words of the Art. 15 access report, by key: German (Django's catalogue) and English
here, the applicant's language from a catalogue the status log provides
(`provide_applicant_words`, filled by `akte.web.statuslog` with
`statuslog/access_report/<language>.yaml`). A key the applicant's catalogue lacks is said in
English, never as the key.

Also here: what Akte stores about a person (categories) and for how long (retention), as
data the report reads. The retention periods are the office's schedule and must be checked
against its records-retention rules before production use (docs/data-protection.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from akte.web.accounts.purposes import Purpose
from akte.web.accounts.roles import Role

from .models import Action, Decision

TEXTS = {
    "title": _("Information about your personal data"),
    "subtitle": _("Right of access under Art. 15 of the General Data Protection Regulation"),
    "intro": _(
        "This document lists the data the office stores about you, why, who received it, how "
        "long it is kept, and every access to it."
    ),
    "generated": _("Created on"),
    "person": _("Person number"),
    "categories": _("What is stored about you"),
    "retention": _("kept"),
    "purposes": _("Why your data is used"),
    "recipients": _("Who received your data"),
    "no_recipients": _("Nobody outside the office received your data."),
    "accesses": _("Every access to your data"),
    "no_accesses": _("Nobody has accessed your data yet."),
    "time": _("Time"),
    "who": _("Who"),
    "what": _("What"),
    "action": _("Action"),
    "purpose": _("Purpose"),
    "channel": _("Channel"),
    "break_glass": _("Exceptional accesses (break-glass)"),
    "break_glass_intro": _(
        "An office employee opened your file outside their own procedures and gave a reason. "
        "The data protection officer checks every such access."
    ),
    "no_break_glass": _("There were no exceptional accesses."),
    "reason": _("Reason given"),
    "decision": _("Decision of the data protection officer"),
    "waiting": _("not yet checked"),
    "rights": _(
        "You may ask for wrong data to be corrected and, where the law allows, for data to "
        "be erased or its use restricted. You may complain to a data protection supervisory "
        "authority."
    ),
    "language_note": _("Parts without a translation into your language are in English."),
    # who: roles
    **{f"role.{role.value}": role.label for role in Role},
    "role.": _("the system (command line)"),
    # why: purposes
    **{f"purpose.{purpose.value}": purpose.label for purpose in Purpose},
    # what was done
    **{f"action.{action.value}": action.label for action in Action},
    **{f"decision.{decision.value}": decision.label for decision in Decision},
    # channels
    "channel.web": _("office application"),
    "channel.api": _("interface for partner systems"),
    "channel.cli": _("command line (administration)"),
    # what was accessed: the record kinds of the log
    "record.procedure": _("asylum procedure file"),
    "record.procedures": _("procedure list (search by name)"),
    "record.person": _("personal data"),
    "record.persons": _("person search"),
    "record.document": _("document"),
    "record.hearing": _("hearing record"),
    "record.recording": _("audio recording of the hearing"),
    "record.access_report": _("this access report"),
    "record.break_glass": _("check of an exceptional access"),
    "record.dublin": _("Dublin deadlines"),
    "record.other": _("other record"),
    # what is stored
    "category.identity": _("names and their spellings"),
    "category.birth": _("date and place of birth"),
    "category.origin": _("nationality, sex, languages"),
    "category.procedure": _("asylum procedure: file number, office, status and its history"),
    "category.documents": _("documents and letters"),
    "category.hearings": _("hearing records (transcripts and notes)"),
    "category.recordings": _("audio recordings of hearings"),
    "category.decisions": _("decisions and appeals"),
    "category.dublin": _("Dublin procedure: events and deadlines"),
    "category.mail": _("mail received from courts and authorities"),
    "category.courses": _("language course participation"),
    "category.access_log": _("the record of accesses to your data (this list)"),
    # how long
    "retention.file": _("until 10 years after the procedure has ended"),
    "retention.recording": _("until the decision is final"),
    "retention.access_log": _("2 years after the access"),
    # recipients
    "recipient.counsel": _("your lawyer"),
    "recipient.partner_agency": _("partner agency"),
    "recipient.status_log": _("agency named in the procedure's status history"),
}

CATEGORIES = (
    "identity",
    "birth",
    "origin",
    "procedure",
    "documents",
    "hearings",
    "recordings",
    "decisions",
    "dublin",
    "mail",
    "courses",
    "access_log",
)
RETENTION = {
    "recordings": "retention.recording",
    "access_log": "retention.access_log",
}  # every other category: "retention.file"


@dataclass(frozen=True)
class ApplicantWords:
    """A catalogue of the report's words in the applicant's language."""

    language: str
    name: str
    direction: str
    texts: dict[str, str]
    moment: Callable  # datetime -> local time as the language writes it
    author: str = ""
    reviewed: bool = False
    extra: dict = field(default_factory=dict)


# person's languages -> the applicant's catalogue, or None (German and English only)
ApplicantWordsFor = Callable[[list[str]], ApplicantWords | None]
_provided: list[ApplicantWordsFor] = []


def provide_applicant_words(finder: ApplicantWordsFor) -> None:
    _provided[:] = [finder]


def applicant_words(person_languages: list[str]) -> ApplicantWords | None:
    return _provided[0](person_languages) if _provided else None


def record_kind(record: str) -> str:
    kind = record.split(":", 1)[0]
    return kind if f"record.{kind}" in TEXTS else "other"
