"""The parts of a rulebook: facts, rules, questions, suggestions, checklist, gazetteer, tests.

Plain frozen data; `loader.py` builds them from YAML and checks them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from akte.core.message import Message
from akte.rules.compiler import Compiled
from akte.rules.expressions import Node, names_in, to_source
from akte.rules.values import UNKNOWN, Type

Texts = dict[str, str]  # language code -> text


@dataclass(frozen=True, slots=True)
class Location:
    """Where something stands in a rulebook: file, 1-based line and column."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a rulebook: what, where, and what to do about it.

    `message` and `hint` are codes with parameters (declared in `akte/rules/codes.py`); the
    position is structure. `detail` says why, e.g. the value error behind a bad default.
    """

    location: Location
    message: Message
    hint: Message | None = None
    detail: Message | None = None

    def __str__(self) -> str:
        return self.render(code_text)

    def render(self, say: Callable[[Message], str]) -> str:
        """The problem said by `say` (e.g. `lambda m: akte.words.render(m, "en")`)."""
        text = f"{self.location}: {say(self.message)}"
        if self.detail is not None:
            text += f": {say(self.detail)}"
        if self.hint is None:
            return text
        return f"{text}\n    {say(Message('rules.load.hint', {'hint': self.hint}))}"


def code_text(message: Message) -> str:
    """A message as its code and parameters, for logs, tracebacks and `str()` (no words here)."""
    params = {k: code_text(v) if isinstance(v, Message) else v for k, v in message.params.items()}
    return f"{message.code} {params}" if params else message.code


class RulebookError(Exception):
    """A rulebook that cannot be loaded; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(self.render(code_text))

    def render(self, say: Callable[[Message], str]) -> str:
        """Every problem said by `say` (e.g. `lambda m: akte.words.render(m, "en")`)."""
        count = len(self.problems)
        head = Message("rules.load.problems", {"count": count})
        lines = [say(Message("rules.load.one_problem") if count == 1 else head)]
        lines += [p.render(say) for p in self.problems]
        return "\n".join(lines)


@dataclass(frozen=True)
class Expression:
    """An expression with its text, tree, compiled form and location."""

    text: str
    tree: Node
    run: Compiled = field(compare=False, repr=False)
    location: Location = field(compare=False)

    @property
    def source(self) -> str:
        return to_source(self.tree)

    @cached_property
    def names(self) -> frozenset[str]:
        """Every fact name the expression reads (`as_of` included)."""
        return frozenset(names_in(self.tree))


@dataclass(frozen=True)
class Fact:
    name: str
    type: Type
    label: Texts
    help: Texts
    location: Location
    default: object = UNKNOWN  # for derived facts: the value when no rule applies
    # the words for each choice of a choice(s) fact, per language (optional): {isis: {de: ...}}
    choice_labels: dict[str, Texts] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """Sets `sets` to `value` when `when` holds, from `valid_from` to `valid_to` (inclusive).

    The dates are those of the law: the rule governs the cases whose `case_date` (manifest)
    falls in them, or, for a rulebook without a `case_date`, the evaluation date (`as_of`).

    An exception (`exception_to`) overrides its base rule wherever it applies. `verify: true`
    marks a rule whose figure, date or reading could not be checked against its source yet.
    """

    id: str
    source: str
    sets: str
    when: Expression | None
    value: Expression | None  # None: a flag rule, the value is true
    valid_from: dt.date
    valid_to: dt.date | None
    exception_to: str | None
    note: str
    location: Location
    verify: bool = False  # a figure or reading not yet checked against the law's text

    @cached_property
    def reads(self) -> frozenset[str]:
        """Every fact name the rule's condition and value read (`as_of` included)."""
        names: frozenset[str] = frozenset()
        for expression in (self.when, self.value):
            if expression is not None:
                names |= expression.names
        return names

    @property
    def key(self) -> str:
        """Unique per version: the id and the first day of validity."""
        return f"{self.id}@{self.valid_from.isoformat()}"

    def in_force(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Question:
    id: str
    asks: str
    text: Texts
    help: Texts
    relevant_when: Expression | None
    stage: str | None
    location: Location


@dataclass(frozen=True)
class Suggestion:
    """A follow-up question or information to show, when `when` holds."""

    id: str
    kind: str  # "question" | "information" | "opportunity_to_explain"
    when: Expression
    text: Texts
    reason: Texts
    source: str
    location: Location


@dataclass(frozen=True)
class ChecklistItem:
    """A legal element; covered when the transcript holds the applicant's account on it."""

    id: str
    title: Texts
    covered_when: Expression
    relevant_when: Expression | None
    reason: Texts
    source: str
    location: Location

    @property
    def reads(self) -> frozenset[str]:
        """Every fact name `covered_when` and `relevant_when` read."""
        relevant = self.relevant_when.names if self.relevant_when else frozenset()
        return self.covered_when.names | relevant


@dataclass(frozen=True)
class Place:
    id: str
    name: Texts
    country: str
    kind: str
    parent: str | None
    location: Location


@dataclass(frozen=True)
class CountryInformation:
    """A statement of country-of-origin information with its source and dates."""

    id: str
    text: Texts
    source: str
    published: dt.date
    period_from: dt.date | None
    period_to: dt.date | None
    places: tuple[str, ...]
    country: str | None
    when: Expression | None
    location: Location


@dataclass(frozen=True)
class Stage:
    """A stage of the model interview, with the questions asked in it."""

    id: str
    title: Texts
    questions: tuple[str, ...]
    location: Location


@dataclass(frozen=True)
class TestCase:
    """A YAML test: as of a date, given inputs, expect outputs (None expects unknown)."""

    name: str
    as_of: dt.date
    input: dict[str, object]
    output: dict[str, object]
    checklist: dict[str, str]
    fired: tuple[str, ...]
    location: Location


@dataclass(frozen=True)
class Manifest:
    name: str
    version: str
    languages: tuple[str, ...]
    description: str
    outcomes: tuple[str, ...]
    location: Location
    # the input date fact whose value chooses the rules' versions (e.g. the date an application
    # was lodged); None: the evaluation date does (e.g. country guidelines in force on a hearing)
    case_date: str | None = None


@dataclass
class LoadedRulebook:
    """Everything read from a rulebook folder, checked."""

    path: Path
    manifest: Manifest
    facts: dict[str, Fact] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    checklist: list[ChecklistItem] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    country_information: list[CountryInformation] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)
    tests: list[TestCase] = field(default_factory=list)

    @property
    def derived(self) -> frozenset[str]:
        """The facts some rule sets (in any version): never given as input."""
        return frozenset(rule.sets for rule in self.rules)
