"""Goal-directed questions: which unknown inputs would settle the unresolved goals.

A goal is a fact name or `checklist:<item id>`. Each question asks one input fact; it is
offered only while that fact is unknown and its `relevant_when` is not false. Questions are
ranked by the number of unresolved goals they serve, then by the rulebook's order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from akte.rules.explain import missing_inputs_of, missing_inputs_of_fact
from akte.rules.model import Question
from akte.rules.values import UNKNOWN

if TYPE_CHECKING:
    from akte.rules.evaluation import Evaluation


@dataclass(frozen=True)
class SuggestedQuestion:
    question: Question
    goals: tuple[str, ...]  # the unresolved goals this answer would help settle
    score: int

    @property
    def fact(self) -> str:
        return self.question.asks

    def reason(self, language: str = "en") -> str:
        goals = ", ".join(self.goals)
        if language == "de":
            return f"Offen: {goals}"
        return f"needed for: {goals}"


def default_goals(evaluation: Evaluation) -> list[str]:
    goals = list(evaluation.rulebook.manifest.outcomes)
    goals += ["checklist:" + s.item.id for s in evaluation.checklist if s.state == "open"]
    return goals


def next_questions(
    evaluation: Evaluation, goals: Iterable[str] | None = None, limit: int | None = None
) -> list[SuggestedQuestion]:
    rulebook = evaluation.rulebook
    goal_list = list(goals) if goals is not None else default_goals(evaluation)
    needs: dict[str, list[str]] = {}
    for goal in goal_list:
        if goal.startswith("checklist:"):
            item = next((c for c in rulebook.checklist if "checklist:" + c.id == goal), None)
            if item is None:
                raise KeyError(f"unknown checklist item {goal!r}")
            relevant, covered = evaluation.values.get(goal, (True, UNKNOWN))
            if relevant is False or covered is True:
                continue
            missing = missing_inputs_of(evaluation, item.covered_when.tree)
            if item.relevant_when is not None and relevant is UNKNOWN:
                missing += missing_inputs_of(evaluation, item.relevant_when.tree)
        else:
            if goal not in rulebook.facts:
                raise KeyError(f"unknown goal {goal!r}")
            if evaluation.values.get(goal, UNKNOWN) is not UNKNOWN:
                continue
            if goal in rulebook.derived:
                missing = missing_inputs_of_fact(evaluation, goal)
            else:
                missing = [goal]
        for fact in missing:
            needs.setdefault(fact, [])
            if goal not in needs[fact]:
                needs[fact].append(goal)
    ranked = []
    for position, question in enumerate(rulebook.questions):
        if question.asks not in needs:
            continue
        if evaluation.values.get(question.asks, UNKNOWN) is not UNKNOWN:
            continue
        if evaluation.values.get("question:" + question.id) is False:
            continue
        goals_served = tuple(needs[question.asks])
        ranked.append(
            (
                -len(goals_served),
                position,
                SuggestedQuestion(question, goals_served, len(goals_served)),
            )
        )
    ranked.sort(key=lambda entry: (entry[0], entry[1]))
    result = [entry[2] for entry in ranked]
    return result[:limit] if limit is not None else result
