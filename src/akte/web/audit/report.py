"""The access report for one person (GDPR Art. 15), as a document the person can read: what
is stored about them and for how long, why it is used, who received it, every access (local
time to the minute, roles and purposes in words) and the exceptional (break-glass) accesses
with the data protection officer's decision. In German, English or the applicant's language
(`report_words`); as JSON (the words, and the codes beside them for machines) and as PDF
(WeasyPrint)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .directory import persons
from .models import AccessLogEntry, BreakGlassGrant
from .report_words import CATEGORIES, RETENTION, TEXTS, ApplicantWords, applicant_words, record_kind

LOCAL = ZoneInfo("Europe/Berlin")
OFFICE_LANGUAGES = ("de", "en")
# who of the log is a recipient outside the office
RECIPIENT_ROLES = ("counsel", "partner_agency")


class Words:
    """The report's words in one language: German and English from Django's catalogue, any
    other from the applicant's catalogue, English where it has no text."""

    def __init__(self, language: str, applicant: ApplicantWords | None = None):
        self.applicant = applicant if applicant and applicant.language == language else None
        self.language = language if language in OFFICE_LANGUAGES or self.applicant else "en"
        self.direction = self.applicant.direction if self.applicant else "ltr"
        self.incomplete = False

    def __call__(self, key: str) -> str:
        if self.applicant and key in self.applicant.texts:
            return self.applicant.texts[key]
        if self.applicant:
            self.incomplete = True
        with translation.override("en" if self.applicant else self.language):
            return str(TEXTS.get(key, TEXTS["record.other"]))

    def moment(self, at: dt.datetime) -> str:
        local = at.astimezone(LOCAL)
        if self.applicant:
            return self.applicant.moment(local)
        if self.language == "de":
            return local.strftime("%d.%m.%Y, %H:%M Uhr")
        return local.strftime("%d %B %Y, %H:%M")


def languages_of(person_id: int) -> list[str]:
    """The report's languages for this person: German, English, and the applicant's where
    Akte has a catalogue for it."""
    found = applicant_words(persons().facts(persons().same_person(person_id))["languages"])
    extra = [found.language] if found and found.language not in OFFICE_LANGUAGES else []
    return [*OFFICE_LANGUAGES, *extra]


def _minute(at: dt.datetime) -> str:
    return at.astimezone(LOCAL).replace(second=0, microsecond=0).isoformat(timespec="minutes")


def _who(entry_role: str, user, say: Words) -> str:
    role = say(f"role.{entry_role}")
    where = (getattr(user, "organisation", "") or getattr(user, "office", "")) if user else ""
    return f"{role} ({where})" if where else role


def _entries(ids: list[int], say: Words) -> list[dict]:
    rows = AccessLogEntry.objects.filter(person_id__in=ids).select_related("user")
    return [
        {
            "time": say.moment(e.at),
            "who": _who(e.role, e.user, say),
            "action": say(f"action.{e.action}"),
            "what": say(f"record.{record_kind(e.record)}"),
            "purpose": say(f"purpose.{e.purpose}"),
            "channel": say(f"channel.{e.via}"),
            "break_glass": e.purpose == "break_glass",
            "codes": {
                "at": _minute(e.at),
                "role": e.role,
                "action": e.action,
                "purpose": e.purpose,
                "record": e.record,
                "channel": e.via,
            },
        }
        for e in rows.order_by("at", "pk")
    ]


def _break_glass(ids: list[int], say: Words) -> list[dict]:
    grants = BreakGlassGrant.objects.filter(person_id__in=ids).select_related("user", "review")
    shown = []
    for g in grants.order_by("at", "pk"):
        review = g.decision()
        shown.append(
            {
                "time": say.moment(g.at),
                "who": _who(g.role, g.user, say),
                "reason": g.reason,
                "decision": say(f"decision.{review.decision}") if review else say("waiting"),
                "decided": say.moment(review.at) if review else "",
                "codes": {
                    "at": _minute(g.at),
                    "role": g.role,
                    "decision": review.decision if review else None,
                    "decided_at": _minute(review.at) if review else None,
                },
            }
        )
    return shown


def _recipients(ids: list[int], agencies: list[str], say: Words) -> list[str]:
    users = (
        AccessLogEntry.objects.filter(person_id__in=ids, role__in=RECIPIENT_ROLES)
        .values_list("user_id", "role")
        .distinct()
    )
    found = {}
    by_pk = get_user_model().objects.in_bulk([u for u, _ in users if u is not None])
    for user_id, role in users:
        user = by_pk.get(user_id)
        name = (user.organisation or str(user)) if user else ""
        text = f"{say(f'recipient.{role}')}: {name}" if name else say(f"recipient.{role}")
        found[text] = True
    for agency in agencies:
        found[f"{say('recipient.status_log')}: {agency}"] = True
    return list(found)


def access_report(person_id: int, language: str = "de") -> dict:
    """The report's document for this person (every record merged with it too), in
    `language` (de, en, or the applicant's language of `languages_of`)."""
    ids = persons().same_person(person_id)
    facts = persons().facts(ids)
    say = Words(language, applicant_words(facts["languages"]))
    entries = _entries(ids, say)
    used = list(dict.fromkeys(e["codes"]["purpose"] for e in entries))
    categories = [c for c in CATEGORIES if c in facts["categories"]]
    report = {
        "person_id": person_id,
        "person_ids": ids,
        "language": say.language,
        "direction": say.direction,
        "title": say("title"),
        "subtitle": say("subtitle"),
        "intro": say("intro"),
        "generated": say.moment(timezone.now()),
        "headings": {
            k: say(k)
            for k in (
                *("generated", "person", "categories", "retention", "purposes", "recipients"),
                *("accesses", "time", "who", "what", "action", "purpose", "channel"),
                *("break_glass", "reason", "decision"),
            )
        },
        "categories": [
            {
                "category": say(f"category.{c}"),
                "kept": say(RETENTION.get(c, "retention.file")),
                "code": c,
            }
            for c in categories
        ],
        "purposes": [say(f"purpose.{p}") for p in used],
        "recipients": _recipients(ids, facts["agencies"], say),
        "no_recipients": say("no_recipients"),
        "entries": entries,
        "no_accesses": say("no_accesses"),
        "break_glass_intro": say("break_glass_intro"),
        "break_glass": _break_glass(ids, say),
        "no_break_glass": say("no_break_glass"),
        "rights": say("rights"),
    }
    report["language_note"] = say("language_note") if say.incomplete else ""
    return report


def access_report_pdf(person_id: int, language: str = "de") -> bytes:
    from weasyprint import HTML

    report = access_report(person_id, language)
    html = render_to_string("audit/report_pdf.html", {"report": report})
    return HTML(string=html).write_pdf()
