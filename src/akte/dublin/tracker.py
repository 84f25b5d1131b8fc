"""A procedure's deadlines kept up to date event by event (what the web stores per event).

`Tracker(role)` holds one rules session per kind of request still possible; `add(event)` reads
the events so far and passes only the facts that changed to the sessions, which recompute only
what depends on them (akte.rules' incremental evaluation). `deadlines()` answers as
`deadlines.answer` would for the same events (tests/dublin/test_tracker.py).
"""

from __future__ import annotations

import datetime as dt

from akte.dublin.config import DublinConfig, config
from akte.dublin.deadlines import kinds_open, listing
from akte.dublin.events import Procedure, check_sequence, order, read_event
from akte.dublin.facts import facts_for
from akte.dublin.regulation import regulation_of, rulebook


class Tracker:
    def __init__(self, role: str, as_of: dt.date, settings: DublinConfig | None = None) -> None:
        self.role, self.as_of = role, as_of
        self.settings = settings or config()
        self.raw: list[dict] = []
        self.procedure: Procedure | None = None
        self.regulation: str | None = None
        self.sessions: dict = {}
        self.inputs: dict[str, dict] = {}

    def add(self, raw: dict) -> None:
        """One more event (in any order); raises `DublinInputError` as the contract does."""
        event = read_event(len(self.raw), raw)
        events = sorted(
            [*(self.procedure.events if self.procedure else ()), event],
            key=order,
        )
        procedure = Procedure(self.role, tuple(events))
        check_sequence(procedure)
        regulation = regulation_of(procedure)
        self.raw.append(raw)
        self.procedure = procedure
        if regulation != self.regulation:
            self.regulation, self.sessions, self.inputs = regulation, {}, {}
        kinds = kinds_open(procedure)
        book = rulebook(regulation)
        for kind in list(self.sessions):
            if kind not in kinds:
                del self.sessions[kind], self.inputs[kind]
        for kind in kinds:
            facts = facts_for(procedure, regulation, kind, self.settings)
            if kind not in self.sessions:
                self.sessions[kind] = book.evaluate(facts, as_of=self.as_of)
            else:
                old = self.inputs[kind]
                changed = {k: v for k, v in facts.items() if old.get(k) != v}
                if changed:
                    self.sessions[kind].update(changed)
            self.inputs[kind] = facts

    def deadlines(self, explain: bool = False) -> dict:
        return listing(self.procedure, self.regulation, self.sessions, self.as_of, explain)
