"""Decisions (Bescheide) and appeals of the bench's procedures, from their course: one
decision per "decided" step with the outcome's legal basis and appeal period as
`cases.decisions.version_for` gives them for the lodging date, notified a few days later
(not yet, if that is after today), its Bescheid document; one action per "appeal" step
(and an urgent application after a manifestly unfounded or inadmissible decision), with the
court's outcome when the course shows it (final: dismissed; back to "lodged": annulled)."""

from __future__ import annotations

import datetime as dt
import random
from functools import cache

COURTS = ("VG Berlin", "VG München", "VG Nürnberg", "VG Minden", "VG Gelsenkirchen")
URGENT_AFTER = ("manifestly_unfounded", "inadmissible")


@cache
def _version(choice: str, lodged_after_apr: bool):
    """(code, ground, basis, appeal days): the version for an application lodged before
    or from 12 June 2026 (where the outcomes' versions change)."""
    from akte.web.cases.decisions import DecisionRefused, version_for

    lodged = dt.date(2026, 6, 12) if lodged_after_apr else dt.date(2026, 6, 11)
    try:
        code, ground, version = version_for(choice, lodged)
    except DecisionRefused:
        code, ground, version = version_for("unfounded", lodged)
    return code, ground, version.basis, version.appeal_days


def rows() -> dict:
    """The row writers `fill` adds to its tables."""
    from akte.web.cases.models import Appeal, Decision

    from .rows import Rows

    return {
        "decisions": Rows(
            Decision,
            ["procedure", "outcome", "ground", "basis", "decided_on", "document",
             "appeal_days", "notified_on", "notified", "appeal_until", "decided_by",
             "recorded_at"],
        ),
        "appeals": Rows(
            Appeal,
            ["procedure", "decision", "court", "court_file_number", "kind", "lodged_on",
             "outcome", "outcome_on", "recorded_by", "recorded_at"],
        ),
    }  # fmt: skip


def add(tables, rng: random.Random, procedure: int, lodged_on: dt.date, steps, times,
        today: dt.date, documents: dict, users: dict) -> None:  # fmt: skip
    """The decisions and appeals of one procedure (`steps` as walked, `times` of each)."""
    decision = None
    code = ""
    deciders = users.get("decision_maker") or [None]
    clerks = users.get("registry_clerk") or [None]
    for n, (step, at) in enumerate(zip(steps, times, strict=True)):
        if step.status == "decided":
            code, ground, basis, days = _version(step.outcome, lodged_on >= dt.date(2026, 6, 12))
            notified = at.date() + dt.timedelta(days=rng.randint(2, 5))
            if notified > today:
                notified = None
            decision = tables["decisions"].add(
                procedure, code, ground, basis, at.date(), documents.get("decision"), days,
                notified, "applicant" if notified else "",
                notified + dt.timedelta(days=days) if notified else None,
                getattr(rng.choice(deciders), "pk", None), at,
            )  # fmt: skip
        elif step.status == "appeal":
            after = steps[n + 1].status if n + 1 < len(steps) else ""
            outcome = {"final": "dismissed", "lodged": "annulled"}.get(after, "")
            decided_on = times[n + 1].date() if outcome else None
            court = rng.choice(COURTS)
            number = f"{rng.randint(1, 40)} K {rng.randint(1000, 99999)}/{at:%y}.A"
            clerk = getattr(rng.choice(clerks), "pk", None)
            tables["appeals"].add(
                procedure, decision, court, number, "main", at.date(), outcome, decided_on,
                clerk, at,
            )  # fmt: skip
            if code in URGENT_AFTER:
                tables["appeals"].add(
                    procedure, decision, court, number.replace(" K ", " L "), "urgent",
                    at.date(), *_urgent_outcome(rng, at.date(), today), clerk, at,
                )  # fmt: skip


def _urgent_outcome(rng: random.Random, lodged_on: dt.date, today: dt.date) -> tuple:
    """The court's decision on an urgent application, some weeks on (none yet before)."""
    decided_on = lodged_on + dt.timedelta(days=rng.randint(7, 40))
    if decided_on > today:
        return "", None
    return rng.choice(("granted", "refused", "refused")), decided_on
