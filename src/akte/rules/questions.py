"""Goal-directed questions: which unknown inputs would settle the unresolved goals.

A goal is a fact name or `checklist:<item id>`. Each question asks one input fact; it is
offered only while that fact is unknown and its `relevant_when` is not false. Questions are
ranked by the number of unresolved goals they serve, then by the rulebook's order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from akte.core.message import Message
from akte.rules.explain import missing_inputs_of, missing_inputs_of_fact
from akte.rules.model import Question
from akte.rules.state import CaseState
from akte.rules.values import UNKNOWN

CHECKLIST_GOAL = "checklist:"


def checklist_goal(item_id: str) -> str:
    """The goal of settling a checklist item."""
    return CHECKLIST_GOAL + item_id


def checklist_item_of(goal: str) -> str | None:
    """The checklist item id a goal names, or None for a fact goal."""
    return goal[len(CHECKLIST_GOAL) :] if goal.startswith(CHECKLIST_GOAL) else None


@dataclass(frozen=True)
class SuggestedQuestion:
    question: Question
    goals: tuple[str, ...]  # the unresolved goals this answer would help settle
    score: int

    @property
    def fact(self) -> str:
        return self.question.asks

    @property
    def reason(self) -> Message:
        """Why it is asked: the goals it serves (`rules.question.needed_for`)."""
        return Message("rules.question.needed_for", {"goals": ", ".join(self.goals)})


def open_checklist_goals(case: CaseState) -> list[str]:
    """The goals of the checklist items still open (relevant or maybe so, not covered)."""
    goals = []
    for item in case.rulebook.checklist:
        relevant, covered = case.checklist_value(item.id)
        if relevant is not False and covered is not True:
            goals.append(checklist_goal(item.id))
    return goals


def default_goals(case: CaseState) -> list[str]:
    return list(case.rulebook.manifest.outcomes) + open_checklist_goals(case)


def next_questions(
    case: CaseState, goals: Iterable[str] | None = None, limit: int | None = None
) -> list[SuggestedQuestion]:
    rulebook = case.rulebook
    goal_list = list(goals) if goals is not None else default_goals(case)
    items = {c.id: c for c in rulebook.checklist}
    needs: dict[str, list[str]] = {}
    for goal in goal_list:
        item_id = checklist_item_of(goal)
        if item_id is not None:
            item = items.get(item_id)
            if item is None:
                raise KeyError(f"unknown checklist item {goal!r}")
            relevant, covered = case.checklist_value(item_id)
            if relevant is False or covered is True:
                continue
            missing = missing_inputs_of(case, item.covered_when)
            if item.relevant_when is not None and relevant is UNKNOWN:
                missing += missing_inputs_of(case, item.relevant_when)
        else:
            if goal not in rulebook.facts:
                raise KeyError(f"unknown goal {goal!r}")
            if case.is_known(goal):
                continue
            if goal in rulebook.derived:
                missing = missing_inputs_of_fact(case, goal)
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
        if case.is_known(question.asks):
            continue
        if case.question_relevant(question.id) is False:
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
