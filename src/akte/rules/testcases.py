"""Read and check a rulebook's YAML tests (`tests/*.yaml`)."""

from __future__ import annotations

import difflib

from akte.rules.codes import note
from akte.rules.model import (
    LoadedRulebook,
    TestCase,
)
from akte.rules.reader import (
    Reader,
    empty_map,
)
from akte.rules.values import FactValueError, read_value
from akte.rules.yamlpos import YMap


def read_tests(reader: Reader, book: LoadedRulebook, content: object) -> None:
    if not isinstance(content, YMap) or "tests" not in content:
        reader.problem(None, note("rules.test.no_tests"))
        return
    derived = book.derived
    rule_ids = {r.id for r in book.rules}
    checklist_ids = {c.id for c in book.checklist}
    places = frozenset(book.places)
    for _, entry_pos, m in reader.entries(content["tests"], content.pos, "tests"):
        name = reader.text(m, "name")
        as_of = reader.date(m, "as_of")
        values: dict[str, dict[str, object]] = {"input": {}, "output": {}}
        for part in ("input", "output"):
            raw = m.get(part)
            if raw is None:
                raw = empty_map(m.pos)
            if not isinstance(raw, YMap):
                reader.problem(
                    reader.where(m, part),
                    note("rules.test.not_fact_values", part=part),
                    note("rules.hint.fact_value"),
                )
                continue
            for fact_name, raw_value in raw.items():
                where = raw.value_pos.get(fact_name) or raw.pos
                fact = book.facts.get(fact_name) if isinstance(fact_name, str) else None
                if fact is None:
                    close = difflib.get_close_matches(str(fact_name), list(book.facts), n=1)
                    reader.problem(
                        raw.key_pos.get(fact_name),
                        note("rules.load.undefined_fact", name=str(fact_name)),
                        note("rules.hint.did_you_mean", name=close[0]) if close else None,
                    )
                    continue
                if part == "input" and fact_name in derived:
                    reader.problem(
                        where,
                        note("rules.test.derived_input", name=fact_name),
                        note("rules.hint.move_to_output"),
                    )
                    continue
                try:
                    values[part][fact_name] = read_value(fact.type, raw_value, places)
                except FactValueError as error:
                    reader.problem(
                        where,
                        note("rules.test.bad_value", name=fact_name),
                        note("rules.hint.value_of_type"),
                        error.message,
                    )
        checklist = m.get("checklist")
        if checklist is None:
            checklist = empty_map(m.pos)
        if not isinstance(checklist, YMap):
            reader.problem(
                reader.where(m, "checklist"),
                note("rules.test.not_checklist_states"),
                note("rules.hint.checklist_states"),
            )
            checklist = empty_map(m.pos)
        for item, state in checklist.items():
            if item not in checklist_ids:
                reader.problem(
                    checklist.key_pos.get(item),
                    note("rules.test.unknown_checklist_item", item=str(item)),
                    note("rules.hint.checklist_id"),
                )
            if state not in ("covered", "open", "not_relevant"):
                reader.problem(
                    checklist.value_pos.get(item),
                    note("rules.test.unknown_state", state=repr(state)),
                    note("rules.hint.states"),
                )
        fired = reader.strings(
            m, "fired", note("rules.test.not_rule_ids"), note("rules.hint.rule_ids")
        )
        for rule_id in fired:
            if rule_id not in rule_ids:
                reader.problem(
                    reader.where(m, "fired"),
                    note("rules.test.unknown_rule", rule=rule_id),
                    note("rules.hint.rule_id"),
                )
        if as_of is not None:
            book.tests.append(
                TestCase(
                    name,
                    as_of,
                    values["input"],
                    values["output"],
                    {str(k): str(v) for k, v in checklist.items()},
                    tuple(fired),
                    reader.at(entry_pos),
                )
            )
