"""The Dublin section of the procedure page: events, deadlines with their countdown, the
regulation and article, the explanation on demand (registered in apps.py)."""

from __future__ import annotations

import datetime as dt

from akte.core.message import Message
from akte.web.accounts.roles import Capability
from akte.web.cases.sections import ProcedureSection

from . import services
from .forms import DublinEventForm, WhatIfForm
from .models import DublinCase


def timeline_context(request, procedure) -> dict | None:
    user = request.user
    track = user.can(Capability.TRACK_DUBLIN)
    case = DublinCase.objects.filter(procedure=procedure).first()
    if case is None and not track:
        return None
    today = services.today()
    context = {"procedure": procedure, "case": case, "track": track, "today": today}
    if case is not None:
        context["events"] = list(case.events.all())
        for event in context["events"]:
            event.event_name = Message(f"dublin.event.{event.type}")
        context["deadlines"] = rows(case.deadlines.order_by("pk"), today)
        context["regulation"] = (
            Message(f"dublin.regulation.{case.regulation}") if case.regulation else None
        )
        context["what_if"] = WhatIfForm()
    if track:
        context["form"] = DublinEventForm(needs_role=case is None, today=today)
    return context


TIMELINE_SECTION = ProcedureSection(template="dublin/_timeline.html", context=timeline_context)


_HEADS = {
    "input": "rules.explain.input",
    "missing": "rules.explain.missing",
    "default": "rules.explain.default",
    "no_rule": "rules.explain.no_rule",
    "conflict": "rules.explain.conflict",
}


def explanation_lines(tree: dict, depth: int = 0) -> list[tuple[int, Message]]:
    """The stored explanation tree (akte.rules `Explanation.to_dict`) as messages with depths."""
    if not tree:
        return []
    value = tree.get("value")
    head = _HEADS.get(tree.get("kind"), "rules.explain.value")
    lines = [
        (depth, Message(head, {"fact": tree.get("fact"), "value": "?" if value is None else value}))
    ]
    for rule in tree.get("rules", ()):
        lines.append(
            (
                depth + 1,
                Message("rules.explain.by_rule", {"rule": rule["id"], "source": rule["source"]}),
            )
        )
    if tree.get("moved"):  # the days a working_day() moved the last day over
        lines.append((depth + 2, Message.from_dict(tree["moved"])))
    for skipped in tree.get("not_applied", ()):
        lines.append(
            (
                depth + 1,
                Message(
                    "rules.explain.not_applied",
                    {"rule": skipped["id"], "reason": Message.from_dict(skipped["why"])},
                ),
            )
        )
    if tree.get("missing"):
        lines.append(
            (
                depth + 1,
                Message("rules.explain.missing_inputs", {"names": ", ".join(tree["missing"])}),
            )
        )
    for child in tree.get("because", ()):
        lines += explanation_lines(child, depth + 1)
    return lines


def rows(items, today: dt.date) -> list[dict]:
    """Stored deadlines or the engine's answers as rows to show, with the days left."""
    out = []
    for item in items:
        if isinstance(item, dict):
            due = dt.date.fromisoformat(item["due"]) if item["due"] else None
            row = {
                "id": item["id"],
                "due": due,
                "state": item["state"],
                "article": item["article"],
                "consequence": item["consequence"],
                "explanation": item.get("explanation") or {},
                "latest": item.get("latest"),
            }
        else:
            due = item.due
            row = {
                "id": item.kind,
                "due": due,
                "state": item.state_on(today),
                "article": item.article,
                "consequence": item.consequence,
                "explanation": item.explanation,
                "latest": item.latest,
            }
        row["days"] = (due - today).days if due else None
        row["overdue"] = -row["days"] if row["days"] is not None and row["days"] < 0 else 0
        row["name"] = Message(f"dublin.deadline.{row['id']}")
        row["state_name"] = Message(f"dublin.state.{row['state']}")
        row["consequence_name"] = Message(row["consequence"]) if row["consequence"] else None
        row["lines"] = [
            (depth * 1.2, message) for depth, message in explanation_lines(row["explanation"])
        ]
        out.append(row)
    return out
