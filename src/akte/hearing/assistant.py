"""The interview assistant: from the transcript so far to the three panels.

`RulebookAssistant` holds the rulebook pinned at the start of a hearing and the hearing date.
For each refresh it turns the transcript into facts (the places the applicant named, the
answers the interviewer captured, the country of origin), evaluates the rulebook as of the
hearing date (incrementally after the first time), and returns what to show: country
information for the places named, suggested questions with their reasons and sources,
guideline notes with their version, opportunities to explain, structured questions that would
settle open checklist items, and the checklist coverage. Nothing here decides or scores.

Fact contract with the rulebook (see docs/rulebook-asylum-de.md): `hearing_country` (or
`country_of_origin`), `hearing_places_named`, the input facts the rulebook's questions ask,
and for a segment the interviewer tagged with a checklist item, the item's text facts
(`account_*`) set to a reference to the tagged segments ("Abschnitt 4, 7", in the language of
the record whatever the reader's language).

Texts from the rulebook (questions, suggestions, titles, sources) are content and come in the
assistant's language; the assistant's own words (why a piece of information is shown, what a
question is needed for) are messages (`akte.hearing.codes`) that the web renders.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from akte.core.message import Message
from akte.rules.questions import checklist_goal

from .places import PlaceFinder
from .record import ChecklistEntry, Segment, Speaker, segments_by_item

COUNTRY_FACTS = ("hearing_country", "country_of_origin")
PLACES_FACTS = ("hearing_places_named",)
SEGMENT = "Abschnitt"  # a fact value in the record's language ("Abschnitt 3, 5"), not a label

Reason = str | Message  # the rulebook's own text, or the assistant's words as a message


@dataclass(frozen=True)
class Suggestion:
    id: str
    kind: str  # question, information, guideline, opportunity_to_explain
    text: str
    reason: Reason
    source: str
    validity: str = ""


@dataclass(frozen=True)
class StructuredQuestion:
    """A question whose answer the interviewer records as a fact (goal-directed)."""

    fact: str
    text: str
    help: str
    type: str  # boolean, choice, choices, integer, text, date, partial_date, place, country
    options: tuple[tuple[str, str], ...]  # (value, label) for choice, choices and place
    reason: Message  # hearing.question.open_for: the open items or goals it would settle


@dataclass(frozen=True)
class Panels:
    information: tuple[Suggestion, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    checklist: tuple[ChecklistEntry, ...] = ()
    questions: tuple[StructuredQuestion, ...] = ()
    model_questions: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (stage title, questions)
    places: tuple[str, ...] = ()
    facts: dict = field(default_factory=dict)

    @property
    def all_suggestions(self) -> tuple[Suggestion, ...]:
        return self.information + self.suggestions


class Assistant:
    """An assistant without a rulebook: shows only the checklist items the interviewer tagged."""

    rulebook_label = ""

    def checklist_choices(self) -> list[tuple[str, str]]:
        return []

    def panels(
        self,
        segments: Sequence[Segment],
        tags: Mapping[int, set[str]] | None = None,
        answers: Mapping[str, object] | None = None,
    ) -> Panels:
        return Panels()


def _period(start: dt.date | None, end: dt.date | None) -> str:
    if start is None and end is None:
        return ""
    return f"{start.isoformat() if start else '…'} – {end.isoformat() if end else '…'}"


class RulebookAssistant(Assistant):
    def __init__(
        self,
        rulebook,
        as_of: dt.date,
        *,
        country: str = "",
        skeleton: str = "",
        language: str = "de",
    ) -> None:
        self.rulebook = rulebook
        self.as_of = as_of
        self.country = country
        self.skeleton = skeleton
        self.language = language
        self.rulebook_label = f"{rulebook.name} {rulebook.version}"
        self._country_fact = next((f for f in COUNTRY_FACTS if f in rulebook.facts), None)
        self._places_fact = next((f for f in PLACES_FACTS if f in rulebook.facts), None)
        self.finder = PlaceFinder(
            {pid: list(place.name.values()) for pid, place in rulebook.places.items()}
        )
        self._evaluation = None
        self._lock = threading.Lock()
        self._places_in: dict[str, list[str]] = {}  # a segment's text never changes

    def checklist_choices(self) -> list[tuple[str, str]]:
        return [(item.id, self._text(item.title)) for item in self.rulebook.checklist]

    # -- facts from the hearing ---------------------------------------------------------------
    def places_named(self, segments: Sequence[Segment]) -> list[str]:
        found: dict[str, None] = {}
        for segment in segments:
            if segment.speaker is Speaker.APPLICANT:
                places = self._places_in.get(segment.text)
                if places is None:  # each segment is searched once, not on every refresh
                    places = self._places_in[segment.text] = self.finder.find(segment.text)
                for place in places:
                    found.setdefault(place, None)
        return list(found)

    def account_facts(self, tags: Mapping[int, set[str]]) -> dict[str, str]:
        """A tagged segment is the applicant's account on a checklist item: the item's text
        inputs refer to the segments that hold it."""
        tagged = segments_by_item(tags)
        facts = {}
        for item in self.rulebook.checklist:
            numbers = tagged.get(item.id)
            if not numbers:
                continue
            reference = f"{SEGMENT} " + ", ".join(str(n) for n in numbers)
            for name in self.rulebook.inputs_read(item.covered_when):
                if self.rulebook.facts[name].type.kind == "text":
                    facts[name] = reference
        return facts

    def facts(
        self,
        segments: Sequence[Segment],
        answers: Mapping[str, object],
        tags: Mapping[int, set[str]] | None = None,
    ) -> dict:
        facts = self.account_facts(tags or {})
        facts.update({k: v for k, v in answers.items() if k in self.rulebook.facts})
        if self._country_fact and self.country:
            facts[self._country_fact] = self.country
        if self._places_fact:
            facts[self._places_fact] = self.places_named(segments)
        return facts

    def evaluate(self, facts: dict):
        """Full evaluation the first time, then incremental: only what the changes touch."""
        if self._evaluation is None:
            self._evaluation = self.rulebook.evaluate(facts, as_of=self.as_of)
        else:
            current = self._evaluation.inputs
            changes = {k: v for k, v in facts.items() if not _same(current.get(k), v)}
            for gone in set(current) - set(facts):
                changes[gone] = None
            if changes:
                self._evaluation.update(changes)
        return self._evaluation

    # -- panels -------------------------------------------------------------------------------
    def _text(self, texts: Mapping[str, str]) -> str:
        return texts.get(self.language) or texts.get("de") or next(iter(texts.values()), "")

    def _guideline_why(self, evaluation, suggestion) -> tuple[str, str]:
        """Source and validity of the rules behind a suggestion's condition, if any."""
        reads = suggestion.when.names
        used = [f.rule for f in evaluation.fired if f.fact in reads]
        if not used:
            return suggestion.source, ""
        rule = used[0]
        until = rule.valid_to.isoformat() if rule.valid_to else "…"
        return f"{suggestion.source} · {rule.id}: {rule.source}", f"{rule.valid_from} – {until}"

    def panels(self, segments, tags=None, answers=None) -> Panels:
        with self._lock:  # one evaluation object per hearing, refreshed in place
            return self._panels(segments, tags or {}, answers or {})

    def _panels(self, segments, tags, answers) -> Panels:
        facts = self.facts(segments, answers, tags)
        evaluation = self.evaluate(facts)
        places = tuple(facts.get(self._places_fact, ()) if self._places_fact else ())
        place_names = {p: self._text(self.rulebook.places[p].name) for p in places}

        information = []
        for info in evaluation.country_information:
            named = [place_names[p] for p in info.places if p in place_names]
            reason = (
                Message("hearing.reason.place_named", {"places": ", ".join(named)})
                if named
                else Message("hearing.reason.country_of_origin")
            )
            information.append(
                Suggestion(
                    id=f"coi:{info.id}",
                    kind="information",
                    text=self._text(info.text),
                    reason=reason,
                    source=f"{info.source} ({info.published.isoformat()})",
                    validity=_period(info.period_from, info.period_to),
                )
            )
        suggestions = []
        for s in evaluation.suggestions:
            source, validity = self._guideline_why(evaluation, s)
            kind = "guideline" if validity and s.kind == "information" else s.kind
            entry = Suggestion(
                id=s.id,
                kind=kind,
                text=self._text(s.text),
                reason=self._text(s.reason),
                source=source,
                validity=validity,
            )
            (information if kind in ("information", "guideline") else suggestions).append(entry)

        checklist = []
        tagged = segments_by_item(tags)
        for state in evaluation.checklist:
            if state.state == "not_relevant":
                continue
            numbers = tuple(sorted(tagged.get(state.item.id, ())))
            checklist.append(
                ChecklistEntry(
                    item_id=state.item.id,
                    label=self._text(state.item.title),
                    source=state.item.source,
                    covered=state.covered or bool(numbers),
                    segments=numbers,
                )
            )

        return Panels(
            information=tuple(information),
            suggestions=tuple(suggestions),
            checklist=tuple(checklist),
            questions=self._questions(evaluation, checklist),
            model_questions=self.model_questions(),
            places=tuple(place_names.values()),
            facts=facts,
        )

    def _choice_label(self, fact, choice: str) -> str:
        """A choice in words: its label, else the place it names, else the key readable."""
        if choice in fact.choice_labels:
            return self._text(fact.choice_labels[choice])
        if choice in self.rulebook.places:
            return self._text(self.rulebook.places[choice].name)
        return choice.replace("_", " ")

    def _question(self, question, needs: str) -> StructuredQuestion:
        fact = self.rulebook.facts[question.asks]
        if fact.type.kind == "place":
            options = tuple(
                (pid, self._text(place.name)) for pid, place in self.rulebook.places.items()
            )
        else:
            options = tuple((c, self._choice_label(fact, c)) for c in fact.type.choices)
        return StructuredQuestion(
            fact=question.asks,
            text=self._text(question.text),
            help=self._text(question.help),
            type=fact.type.kind,
            options=options,
            reason=Message("hearing.question.open_for", {"needs": needs}),
        )

    def _questions(self, evaluation, checklist, limit: int = 6) -> tuple[StructuredQuestion, ...]:
        """The engine's goal-directed questions, then questions on the inputs an open
        checklist item reads (e.g. through `known(x)`, which is never unknown itself)."""
        titles = {checklist_goal(c.id): self._text(c.title) for c in self.rulebook.checklist}
        asked = {
            s.fact: self._question(s.question, ", ".join(titles.get(g, g) for g in s.goals))
            for s in evaluation.next_questions(limit=limit)
        }
        by_fact = {q.asks: q for q in self.rulebook.questions}
        items = {c.id: c for c in self.rulebook.checklist}
        for entry in checklist:
            if entry.covered:
                continue
            for name in sorted(items[entry.item_id].covered_when.names):
                if name in by_fact and name not in asked and not evaluation.is_known(name):
                    asked[name] = self._question(by_fact[name], entry.label)
        first = {q.reason.params["needs"]: q for q in reversed(list(asked.values()))}
        return tuple(q for q in asked.values() if first[q.reason.params["needs"]] is q)[:limit]

    def model_questions(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The model question skeleton (short or long) by interview stage."""
        by_id = {q.id: q for q in self.rulebook.questions}
        prefix = f"{self.skeleton}-" if self.skeleton else ""
        stages = [s for s in self.rulebook.stages if s.id.startswith(prefix)] or list(
            self.rulebook.stages
        )
        return tuple(
            (
                self._text(stage.title),
                tuple(self._text(by_id[q].text) for q in stage.questions if q in by_id),
            )
            for stage in stages
        )


def _same(stored: object, given: object) -> bool:
    """Whether a fact given again equals the evaluation's stored input: a set-valued fact
    (the places named) is stored as a frozenset but given as a list."""
    if isinstance(stored, frozenset) and isinstance(given, list | tuple | set | frozenset):
        return stored == frozenset(given)
    return stored == given
