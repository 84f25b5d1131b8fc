"""What the dashboard shows of each report: its title, what its value is, its definition
(in the UI's language), and the reports results kept per snapshot (a snapshot never changes)."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from akte.analytics import reports, run
from akte.analytics.engines import DuckDB

TITLES = {
    "applications": (_("Applications (first and follow-up)"), _("applications")),
    "decisions": (_("Decisions by outcome"), _("decisions")),
    "protection_rate": (_("Overall protection rate"), _("share of decisions")),
    "adjusted_protection_rate": (_("Adjusted protection rate"), _("share of decisions")),
    "durations": (_("Duration from lodging to decision"), _("days")),
    "pending": (_("Pending procedures by time pending"), _("procedures")),
    "appeals": (_("Appeals by outcome"), _("appeals")),
    "dublin": (_("Dublin: requests, acceptances, transfers"), _("cases")),
    "hearing_quality": (_("Hearing quality indicators"), _("share")),
    "intake": (_("Mail intake by document class"), _("documents")),
    "intake_review_share": (_("Mail intake: share reviewed by hand"), _("share of documents")),
}
DEFINITIONS = {
    "applications": _("Applications lodged (§ 14 AsylG) per month; follow-up applications "
                      "(§ 71 AsylG) separately."),
    "decisions": _("Decisions (Bescheide) per month by outcome."),
    "protection_rate": _("Entitlement to asylum (Art. 16a GG), refugee status (§ 3 AsylG), "
                         "subsidiary protection (§ 4 AsylG) and national deportation bans "
                         "(§ 60 (5)/(7) AufenthG), over all decisions of the year."),
    "adjusted_protection_rate": _("The same, over the decisions on the merits only: formal "
                                  "decisions (Dublin, other inadmissibility, discontinuation) "
                                  "are left out of the denominator."),
    "durations": _("Days from lodging to the decision: median and 90th percentile, by year of "
                   "decision."),
    "pending": _("Procedures lodged and not decided on the snapshot's day, by how long they have "
                 "been pending."),
    "appeals": _("Appeals by month lodged and outcome; open appeals as pending."),
    "dublin": _("Requests and notifications made in time, acceptances (also tacit), transfers "
                "within and after the transfer period, by month due."),
    "hearing_quality": _("Of sealed hearings: checklist items covered, opportunities to explain "
                         "answered of those put, suggestions used of those shown."),
    "intake": _("Documents received per month by GDS document class."),
    "intake_review_share": _("Share of received documents that went to the review queue."),
}  # fmt: skip
DIMENSION_NAMES = {
    "period": _("period"), "application_kind": _("application"), "outcome": _("outcome"),
    "nationality": _("nationality"), "office": _("office"), "statistic": _("statistic"),
    "pending_for": _("pending for"), "measure": _("measure"), "indicator": _("indicator"),
    "document_class": _("document class"), "team": _("team"),
}  # fmt: skip

_engines: dict[Path, DuckDB] = {}
_lock = threading.Lock()


class _Locked:
    """The in-memory DuckDB of the snapshot the dashboard reads, one query at a time. A newer
    snapshot replaces it: each holds its whole snapshot in memory, so only one is kept."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def rows(self, sql: str):
        with _lock:
            engine = _engines.get(self.folder)
            if engine is None:
                for old in _engines.values():
                    old.close()
                _engines.clear()
                engine = _engines[self.folder] = DuckDB(self.folder)
            return engine.rows(sql)


@lru_cache(maxsize=1024)
def result(
    folder: Path, name: str, filters: tuple[tuple[str, str], ...], years: tuple
) -> run.Result:
    import datetime as dt

    rep = reports.report(name)
    usable = {k: v for k, v in filters if k in rep.by}
    start, end = years
    return run.run(
        name,
        folder=folder,
        filters=usable,
        date_from=dt.date(start, 1, 1) if start else None,
        date_to=dt.date(end, 12, 31) if end and rep.period != "none" else None,
        runner=_Locked(folder),
    )
