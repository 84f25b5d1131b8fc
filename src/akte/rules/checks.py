"""Checks across rules: versions of one id, exceptions, equal-rank conflicts, cycles, ids."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict

from akte.rules.expressions import Literal
from akte.rules.graph import cycles, fact_dependencies
from akte.rules.model import (
    LoadedRulebook,
    Problem,
    Rule,
)
from akte.rules.reader import (
    Reader,
)


def _overlap(a: Rule, b: Rule) -> bool:
    a_end, b_end = a.valid_to or dt.date.max, b.valid_to or dt.date.max
    return a.valid_from <= b_end and b.valid_from <= a_end


def check_rules(reader: Reader, book: LoadedRulebook) -> None:
    """Versions, exceptions, equal-rank conflicts and cycles."""

    def report(rule: Rule, message: str, hint: str) -> None:
        reader.problems.append(Problem(rule.location, message, hint))

    by_id: dict[str, list[Rule]] = defaultdict(list)
    for rule in book.rules:
        by_id[rule.id].append(rule)
    for rule_id, versions in by_id.items():
        versions.sort(key=lambda r: r.valid_from)
        for earlier, later in zip(versions, versions[1:], strict=False):
            if _overlap(earlier, later):
                report(
                    later,
                    f"rule `{rule_id}` has overlapping validity windows "
                    f"(another version at {earlier.location.line}:{earlier.location.column})",
                    "end the earlier version (valid_to) before the later one starts",
                )
            if earlier.sets != later.sets:
                report(later, f"versions of `{rule_id}` set different facts", "use a new id")
    for rule in book.rules:
        if rule.exception_to is None:
            continue
        bases = by_id.get(rule.exception_to)
        if not bases:
            close = difflib.get_close_matches(rule.exception_to, list(by_id), n=1)
            report(
                rule,
                f"`{rule.id}` is an exception to unknown rule `{rule.exception_to}`",
                f"did you mean `{close[0]}`?" if close else "name the base rule's id",
            )
        elif bases[0].sets != rule.sets:
            report(rule, f"`{rule.id}` sets another fact than its base rule", "set the same fact")
        elif rule.exception_to == rule.id:
            report(rule, f"`{rule.id}` is an exception to itself", "name another rule")
    # exception chains must end
    for rule_id, versions in by_id.items():
        seen, current = {rule_id}, versions[0].exception_to
        while current is not None and current in by_id:
            if current in seen:
                report(versions[0], f"exceptions of `{rule_id}` form a loop", "break the loop")
                break
            seen.add(current)
            current = by_id[current][0].exception_to
    # two unconditional rules of equal rank for the same fact and time
    siblings: dict[tuple[str, str | None], list[Rule]] = defaultdict(list)
    for rule in book.rules:
        siblings[(rule.sets, rule.exception_to)].append(rule)
    for group in siblings.values():
        always = [r for r in group if r.when is None]
        for i, a in enumerate(always):
            for b in always[i + 1 :]:
                if a.id != b.id and _overlap(a, b) and not _same_constant(a, b):
                    report(
                        b,
                        f"rules `{a.id}` and `{b.id}` always apply together and set "
                        f"`{a.sets}` to different values",
                        "add a `when` condition, or make one an exception to the other",
                    )
    # cycles between derived facts
    first_rule: dict[str, Rule] = {}
    for rule in book.rules:
        first_rule.setdefault(rule.sets, rule)
    for cycle in cycles(fact_dependencies(book.rules)):
        report(
            first_rule[cycle[0]],
            "cycle between derived facts: " + " -> ".join(cycle),
            "a fact cannot depend on itself; break the loop",
        )


def _same_constant(a: Rule, b: Rule) -> bool:
    av = a.value.tree if a.value else Literal(True)
    bv = b.value.tree if b.value else Literal(True)
    return isinstance(av, Literal) and av == bv


def check_outcomes(reader: Reader, book: LoadedRulebook) -> None:
    reader.file = str(reader.root / "rulebook.yaml")
    for outcome in book.manifest.outcomes:
        if outcome not in book.facts:
            reader.problem(None, f"outcome `{outcome}` is not a fact", "list derived facts")
    for kind, items in (
        ("question", book.questions),
        ("suggestion", book.suggestions),
        ("checklist item", book.checklist),
        ("country information", book.country_information),
    ):
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                reader.problems.append(
                    Problem(item.location, f"{kind} `{item.id}` twice", "ids must be unique")
                )
            seen.add(item.id)
