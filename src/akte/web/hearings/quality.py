"""The quality view: per hearing and per office, how the assistant's offers were used.

Counts only: checklist coverage, opportunities to explain put and answered, suggestions used,
skipped and dismissed. It describes the conduct of hearings, never the applicants.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from akte.hearing.record import Fate

from . import services
from .models import Hearing


@dataclass
class HearingQuality:
    hearing: Hearing
    segments: int = 0
    checklist_total: int = 0
    checklist_covered: int = 0
    explain_offered: int = 0
    explain_put: int = 0
    explain_answered: int = 0
    used: int = 0
    skipped: int = 0
    dismissed: int = 0
    open: int = 0

    @property
    def coverage(self) -> float | None:
        return self.checklist_covered / self.checklist_total if self.checklist_total else None


@dataclass
class OfficeQuality:
    office: str
    hearings: int = 0
    totals: dict = field(default_factory=lambda: defaultdict(int))


def _fate_counts(hearings):
    fates = Count("suggestions", filter=Q(suggestions__fate=Fate.USED))
    return hearings.annotate(
        n_used=fates,
        n_skipped=Count("suggestions", filter=Q(suggestions__fate=Fate.SKIPPED)),
        n_dismissed=Count("suggestions", filter=Q(suggestions__fate=Fate.DISMISSED)),
        n_open=Count("suggestions", filter=Q(suggestions__fate=Fate.OPEN)),
        n_explain=Count("suggestions", filter=Q(suggestions__kind="opportunity_to_explain")),
        n_explain_put=Count(
            "suggestions",
            filter=Q(suggestions__kind="opportunity_to_explain", suggestions__fate=Fate.USED),
        ),
        n_explain_answered=Count(
            "suggestions",
            filter=Q(
                suggestions__kind="opportunity_to_explain",
                suggestions__fate=Fate.USED,
                suggestions__answer_segment__isnull=False,
            ),
        ),
    )


def hearing_quality(hearings) -> list[HearingQuality]:
    rows = []
    for h in _fate_counts(hearings.select_related("procedure")):
        total, covered = services.checklist_counts(h)
        rows.append(
            HearingQuality(
                hearing=h,
                segments=h.segments.count(),
                checklist_total=total,
                checklist_covered=covered,
                explain_offered=h.n_explain,
                explain_put=h.n_explain_put,
                explain_answered=h.n_explain_answered,
                used=h.n_used,
                skipped=h.n_skipped,
                dismissed=h.n_dismissed,
                open=h.n_open,
            )
        )
    return rows


def sealed_indicators(hearings, chunk: int = 5000):
    """The quality indicators of sealed `hearings` in one query (streamed): tuples
    (procedure id, date, checklist items, checklist covered, explanations put, answered,
    suggestions shown, used). The checklist counts are the ones stored when sealed; a hearing
    sealed before they were stored has them evaluated here (the slow way, one by one)."""
    rows = (
        _fate_counts(hearings.order_by())
        .values_list(
            "pk",
            "procedure_id",
            "date",
            "checklist_items",
            "checklist_covered",
            "n_explain_put",
            "n_explain_answered",
            "n_used",
            "n_skipped",
            "n_dismissed",
            "n_open",
        )
        .iterator(chunk_size=chunk)
    )
    for pk, procedure, date, items, covered, put, answered, used, skipped, dismissed, open_ in rows:
        if items is None:
            items, covered = services.checklist_counts(Hearing.objects.get(pk=pk))
        yield (procedure, date, items, covered, put, answered,
               used + skipped + dismissed + open_, used)  # fmt: skip


def office_quality(rows: list[HearingQuality]) -> list[OfficeQuality]:
    offices: dict[str, OfficeQuality] = {}
    keys = (
        "segments checklist_total checklist_covered explain_offered explain_put "
        "explain_answered used skipped dismissed open"
    ).split()
    for row in rows:
        office = offices.setdefault(
            row.hearing.procedure.office, OfficeQuality(row.hearing.procedure.office)
        )
        office.hearings += 1
        for key in keys:
            office.totals[key] += getattr(row, key)
    return sorted(offices.values(), key=lambda o: o.office)
