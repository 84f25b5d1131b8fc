"""The access report for one person (GDPR Art. 15): who looked at or changed their data,
when, and for which purpose. Produced as JSON and as PDF (WeasyPrint)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from .directory import persons
from .models import AccessLogEntry


def access_report(person_id: int) -> dict:
    """Every entry about the person, under this id or of a record merged with it."""
    ids = persons().same_person(person_id)
    entries = AccessLogEntry.objects.filter(person_id__in=ids).order_by("at", "pk")
    return {
        "person_id": person_id,
        "person_ids": ids,
        "generated_at": timezone.now().isoformat(),
        "legal_basis": "GDPR Art. 15 (right of access)",
        "entries": [
            {
                "at": e.at.isoformat(),
                "user": e.username,
                "role": e.role,
                "channel": e.via,
                "action": e.action,
                "purpose": e.purpose,
                "record": e.record,
            }
            for e in entries
        ],
    }


def access_report_pdf(person_id: int, language: str) -> bytes:
    from weasyprint import HTML

    report = access_report(person_id)
    html = render_to_string(
        "audit/report_pdf.html", {"report": report, "entries": report["entries"], "lang": language}
    )
    return HTML(string=html).write_pdf()
