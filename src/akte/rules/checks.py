"""Checks across rules: versions of one id, exceptions, equal-rank conflicts, cycles, ids."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict

from akte.core.message import Message
from akte.rules.codes import note
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

    def report(rule: Rule, message: Message, hint: Message) -> None:
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
                    note(
                        "rules.check.overlapping_versions",
                        rule=rule_id,
                        line=earlier.location.line,
                        column=earlier.location.column,
                    ),
                    note("rules.hint.end_earlier_version"),
                )
            if earlier.sets != later.sets:
                report(
                    later,
                    note("rules.check.versions_set_different_facts", rule=rule_id),
                    note("rules.hint.new_id"),
                )
    for rule in book.rules:
        if rule.exception_to is None:
            continue
        bases = by_id.get(rule.exception_to)
        if not bases:
            close = difflib.get_close_matches(rule.exception_to, list(by_id), n=1)
            report(
                rule,
                note("rules.check.unknown_base_rule", rule=rule.id, base=rule.exception_to),
                note("rules.hint.did_you_mean", name=close[0])
                if close
                else note("rules.hint.base_rule_id"),
            )
        elif bases[0].sets != rule.sets:
            report(
                rule,
                note("rules.check.exception_sets_other_fact", rule=rule.id),
                note("rules.hint.same_fact"),
            )
        elif rule.exception_to == rule.id:
            report(
                rule,
                note("rules.check.exception_to_itself", rule=rule.id),
                note("rules.hint.other_rule"),
            )
    # exception chains must end
    for rule_id, versions in by_id.items():
        seen, current = {rule_id}, versions[0].exception_to
        while current is not None and current in by_id:
            if current in seen:
                report(
                    versions[0],
                    note("rules.check.exception_loop", rule=rule_id),
                    note("rules.hint.break_loop"),
                )
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
                        note("rules.check.always_together", first=a.id, second=b.id, fact=a.sets),
                        note("rules.hint.add_condition"),
                    )
    # cycles between derived facts
    first_rule: dict[str, Rule] = {}
    for rule in book.rules:
        first_rule.setdefault(rule.sets, rule)
    for cycle in cycles(fact_dependencies(book.rules)):
        report(
            first_rule[cycle[0]],
            note("rules.check.cycle", facts=" -> ".join(cycle)),
            note("rules.hint.cycle"),
        )


def _same_constant(a: Rule, b: Rule) -> bool:
    av = a.value.tree if a.value else Literal(True)
    bv = b.value.tree if b.value else Literal(True)
    return isinstance(av, Literal) and av == bv


def check_outcomes(reader: Reader, book: LoadedRulebook) -> None:
    reader.file = str(reader.root / "rulebook.yaml")
    for outcome in book.manifest.outcomes:
        if outcome not in book.facts:
            reader.problem(
                None,
                note("rules.check.outcome_not_a_fact", name=outcome),
                note("rules.hint.list_derived"),
            )
    case_date = book.manifest.case_date
    if case_date is not None:
        fact = book.facts.get(case_date)
        if fact is None or fact.type.kind != "date" or case_date in book.derived:
            reader.problem(
                None,
                note("rules.check.case_date_not_an_input_date", name=case_date),
                note("rules.hint.declare_fact"),
            )
    for kind, items in (
        ("rules.check.question_twice", book.questions),
        ("rules.check.suggestion_twice", book.suggestions),
        ("rules.check.checklist_item_twice", book.checklist),
        ("rules.check.country_information_twice", book.country_information),
    ):
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                reader.problems.append(
                    Problem(item.location, note(kind, id=item.id), note("rules.hint.unique_ids"))
                )
            seen.add(item.id)
