"""Read and check a rulebook's YAML tests (`tests/*.yaml`)."""

from __future__ import annotations

import difflib

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
        reader.problem(None, "a test file holds `tests:`, a list of tests", "see docs/rules.md")
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
                    reader.where(m, part), f"`{part}` must map facts to values", "fact: value"
                )
                continue
            for fact_name, raw_value in raw.items():
                where = raw.value_pos.get(fact_name) or raw.pos
                fact = book.facts.get(fact_name) if isinstance(fact_name, str) else None
                if fact is None:
                    close = difflib.get_close_matches(str(fact_name), list(book.facts), n=1)
                    reader.problem(
                        raw.key_pos.get(fact_name),
                        f"undefined fact `{fact_name}`",
                        f"did you mean `{close[0]}`?" if close else "see docs/rules.md",
                    )
                    continue
                if part == "input" and fact_name in derived:
                    reader.problem(
                        where, f"`{fact_name}` is derived; tests set inputs", "move it to `output:`"
                    )
                    continue
                try:
                    values[part][fact_name] = read_value(fact.type, raw_value, places)
                except FactValueError as error:
                    reader.problem(
                        where, f"`{fact_name}`", "write a value of the fact's type", error.message
                    )
        checklist = m.get("checklist")
        if checklist is None:
            checklist = empty_map(m.pos)
        if not isinstance(checklist, YMap):
            reader.problem(
                reader.where(m, "checklist"),
                "`checklist` maps items to states",
                "item: covered | open | not_relevant",
            )
            checklist = empty_map(m.pos)
        for item, state in checklist.items():
            if item not in checklist_ids:
                reader.problem(
                    checklist.key_pos.get(item),
                    f"unknown checklist item `{item}`",
                    "use an id from `checklist:`",
                )
            if state not in ("covered", "open", "not_relevant"):
                reader.problem(
                    checklist.value_pos.get(item),
                    f"unknown state {state!r}",
                    "covered, open or not_relevant",
                )
        fired = m.get("fired", [])
        if not isinstance(fired, list) or not all(isinstance(f, str) for f in fired):
            reader.problem(reader.where(m, "fired"), "`fired` lists rule ids", "[rule-a, rule-b]")
            fired = []
        for rule_id in fired:
            if rule_id not in rule_ids:
                reader.problem(
                    reader.where(m, "fired"),
                    f"unknown rule `{rule_id}`",
                    "use a rule id of this rulebook",
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
