"""An evaluation of one case as of one date, kept up to date answer by answer.

`Rulebook.evaluate(facts, as_of=...)` returns an `Evaluation`. It holds every derived value,
the rules that fired, the checklist and suggestions, and it is also the session object of the
interview assistant: `evaluation.set(fact, value)` recomputes only the nodes that read the
changed fact (and, transitively, what changed because of them), in dependency order.

The values and their updating are `CaseState` (state.py); this module adds what is built on
reading them: the checklist with what each open item still needs, explanations and questions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from akte.rules.explain import Explanation, explain, missing_inputs_of
from akte.rules.model import ChecklistItem
from akte.rules.questions import SuggestedQuestion, next_questions
from akte.rules.state import CaseState, Conflict, FiredRule, RulebookParts, read_input

__all__ = [
    "ChecklistState",
    "Conflict",
    "Evaluation",
    "FiredRule",
    "RulebookParts",
    "checklist_states",
    "read_input",
]


@dataclass(frozen=True)
class ChecklistState:
    item: ChecklistItem
    state: str  # covered | open | not_relevant
    missing: tuple[str, ...]  # facts whose account would settle an open item

    @property
    def covered(self) -> bool:
        return self.state == "covered"


def checklist_states(case: CaseState) -> list[ChecklistState]:
    """Every checklist item's state on the case, with the inputs an open item still needs."""
    result = []
    for item in case.rulebook.checklist:
        relevant, covered = case.checklist_value(item.id)
        if relevant is False:
            state = "not_relevant"
        elif covered is True:
            state = "covered"
        else:
            state = "open"
        missing = tuple(missing_inputs_of(case, item.covered_when)) if state == "open" else ()
        result.append(ChecklistState(item, state, missing))
    return result


class Evaluation(CaseState):
    """Values of one case on one date; `set()` re-evaluates incrementally."""

    @property
    def checklist(self) -> list[ChecklistState]:
        return checklist_states(self)

    def explain(self, fact: str) -> Explanation:
        """The tree of rules and inputs behind a value, or the inputs still missing."""
        return explain(self, fact)

    def next_questions(
        self, goals: Iterable[str] | None = None, limit: int | None = None
    ) -> list[SuggestedQuestion]:
        """Questions for unknown inputs, ranked by how many unresolved goals they serve."""
        return next_questions(self, goals, limit)

    def copy(self) -> Evaluation:
        clone = Evaluation(self.rulebook, self.plan, self.as_of)
        self._copy_into(clone)
        return clone
