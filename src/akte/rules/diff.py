"""What-if analysis: which cases' outcomes change between two rulebook versions, and why."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from akte.core.message import Message
from akte.rules.model import Rule
from akte.rules.rulebook import Rulebook
from akte.rules.values import UNKNOWN, FactValueError, show_value, to_json


class CaseFileError(ValueError):
    """A line of a cases file that cannot be used; the message names the line, `detail`
    (a message to render) says what is wrong with a value."""

    def __init__(self, text: str, detail: Message | None = None) -> None:
        super().__init__(text if detail is None else f"{text}: {detail.code}")
        self.text, self.detail = text, detail


@dataclass(frozen=True)
class Case:
    id: str
    as_of: dt.date
    facts: dict[str, object]


@dataclass(frozen=True)
class Change:
    case: str
    fact: str
    old: object
    new: object
    old_rules: tuple[str, ...]
    new_rules: tuple[str, ...]
    because: tuple[str, ...] = ()  # changes between the versions among the rules involved

    def to_dict(self) -> dict:
        return {
            "case": self.case,
            "fact": self.fact,
            "old": to_json(self.old),
            "new": to_json(self.new),
            "old_rules": list(self.old_rules),
            "new_rules": list(self.new_rules),
            "because": list(self.because),
        }

    def __str__(self) -> str:
        why_old = ", ".join(self.old_rules) or "no rule"
        why_new = ", ".join(self.new_rules) or "no rule"
        text = (
            f"{self.case}: {self.fact} {show_value(self.old)} -> {show_value(self.new)}"
            f"  (old: {why_old}; new: {why_new})"
        )
        if self.because:
            text += "\n    because: " + "; ".join(self.because)
        return text


def read_cases(path: str | Path) -> Iterator[Case]:
    """One JSON object per line: {"id": ..., "as_of": "YYYY-MM-DD", "facts": {...}}."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                as_of = dt.date.fromisoformat(data["as_of"])
                facts = data["facts"]
                if not isinstance(facts, dict):
                    raise TypeError("facts must be an object")
            except (ValueError, KeyError, TypeError) as error:
                raise CaseFileError(
                    f"{path}:{number}: not a case ({error}); expected "
                    '{"id": "...", "as_of": "YYYY-MM-DD", "facts": {...}}'
                ) from None
            yield Case(str(data.get("id", number)), as_of, facts)


def _explained(rulebook: Rulebook, case: Case, fact: str) -> tuple[tuple[str, ...], set[str]]:
    """The rules behind a value (shown with their sources) and every rule id in its tree."""
    evaluation = rulebook.evaluate(case.facts, as_of=case.as_of)
    explanation = evaluation.explain(fact)
    involved: set[str] = set()
    stack = [explanation]
    while stack:
        node = stack.pop()
        involved |= {r.id for r in node.rules}
        involved |= {r.id for r, _ in node.not_applied}
        stack.extend(node.because)
    if explanation.rules:
        return tuple(f"{r.id} ({r.source})" for r in explanation.rules), involved
    missing = explanation.missing
    return ((f"unknown, missing: {', '.join(missing)}",) if missing else ()), involved


def rule_changes(old: Rulebook, new: Rulebook) -> list[str]:
    """Rules added, removed or changed (by id and validity start)."""

    def index(book: Rulebook) -> dict[str, Rule]:
        return {r.key: r for r in book.rules}

    before, after = index(old), index(new)
    lines = [f"removed {key}" for key in sorted(before.keys() - after.keys())]
    lines += [f"added {key}" for key in sorted(after.keys() - before.keys())]
    for key in sorted(before.keys() & after.keys()):
        a, b = before[key], after[key]
        fields = []
        for name in ("when", "value"):
            x, y = getattr(a, name), getattr(b, name)
            if (x.tree if x else None) != (y.tree if y else None):
                fields.append(name)
        for name in ("valid_to", "exception_to", "sets", "source"):
            if getattr(a, name) != getattr(b, name):
                fields.append(name)
        if fields:
            lines.append(f"changed {key}: {', '.join(fields)}")
    return lines


def diff_cases(
    old: Rulebook, new: Rulebook, cases: Iterable[Case], goals: Iterable[str] | None = None
) -> Iterator[Change]:
    """The outcome changes, case by case (goals default to the new rulebook's outcomes)."""
    goal_list = tuple(goals or new.manifest.outcomes or sorted(old.derived & new.derived))
    changes = [(line.split()[1].split("@")[0].rstrip(":"), line) for line in rule_changes(old, new)]
    for case in cases:
        try:
            before = old.evaluate_goals(case.facts, case.as_of, goal_list)
            after = new.evaluate_goals(case.facts, case.as_of, goal_list)
        except FactValueError as error:
            raise CaseFileError(f"case {case.id}", error.message) from None
        for fact in goal_list:
            a, b = before.get(fact, UNKNOWN), after.get(fact, UNKNOWN)
            if a == b and type(a) is type(b):
                continue
            old_why, old_ids = _explained(old, case, fact)
            new_why, new_ids = _explained(new, case, fact)
            involved = old_ids | new_ids
            because = tuple(line for rule_id, line in changes if rule_id in involved)
            yield Change(case.id, fact, a, b, old_why, new_why, because)
