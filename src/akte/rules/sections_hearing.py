"""Read and check the sections of a rulebook for the hearing assistant: questions,
suggestions, checklist, country information, stages (the engine's own: `sections.py`).
"""

from __future__ import annotations

import datetime as dt
import difflib

from akte.core.countries import is_country
from akte.rules.codes import note
from akte.rules.model import (
    ChecklistItem,
    CountryInformation,
    LoadedRulebook,
    Question,
    Stage,
    Suggestion,
)
from akte.rules.reader import SUGGESTION_KINDS, Reader, empty_map
from akte.rules.values import BOOLEAN
from akte.rules.yamlpos import Pos, YMap


def _fact_ref(reader: Reader, book: LoadedRulebook, m: YMap, key: str) -> str:
    name = reader.text(m, key)
    if name and name not in book.facts:
        close = difflib.get_close_matches(name, list(book.facts), n=1)
        reader.problem(
            reader.where(m, key),
            note("rules.load.undefined_fact", name=name),
            note("rules.hint.did_you_mean", name=close[0])
            if close
            else note("rules.hint.declare_fact"),
        )
    return name


def read_questions(reader: Reader, book: LoadedRulebook, section: object, pos: Pos) -> None:
    derived = book.derived
    for _, entry_pos, m in reader.entries(section, pos, "questions"):
        asks = _fact_ref(reader, book, m, "asks")
        if asks in derived:
            reader.problem(
                reader.where(m, "asks"),
                note("rules.load.asks_derived", name=asks),
                note("rules.hint.ask_inputs"),
            )
        relevant = reader.expression(m, "relevant_when", required=False)
        reader.typecheck(relevant)
        stage = m.get("stage")
        book.questions.append(
            Question(
                reader.name(m, "id"),
                asks,
                reader.texts(m, "text"),
                reader.texts(m, "help", required=False),
                relevant,
                stage if isinstance(stage, str) else None,
                reader.at(entry_pos),
            )
        )


def read_suggestions(reader: Reader, book: LoadedRulebook, section: object, pos: Pos) -> None:
    for _, entry_pos, m in reader.entries(section, pos, "suggestions"):
        when = reader.expression(m, "when")
        reader.typecheck(when)
        kind = reader.text(m, "kind", required=False, default="question")
        if kind not in SUGGESTION_KINDS:
            reader.problem(
                reader.where(m, "kind"),
                note("rules.load.unknown_suggestion_kind", kind=kind),
                note("rules.hint.use_one_of", names=", ".join(SUGGESTION_KINDS)),
            )
        item = Suggestion(
            reader.name(m, "id"),
            kind,
            when,  # type: ignore[arg-type]
            reader.texts(m, "text"),
            reader.texts(m, "reason"),
            reader.text(m, "source"),
            reader.at(entry_pos),
        )
        if when is not None:
            book.suggestions.append(item)


def read_checklist(reader: Reader, book: LoadedRulebook, section: object, pos: Pos) -> None:
    for _, entry_pos, m in reader.entries(section, pos, "checklist"):
        covered = reader.expression(m, "covered_when")
        relevant = reader.expression(m, "relevant_when", required=False)
        reader.typecheck(covered, BOOLEAN, "covered_when")
        reader.typecheck(relevant, BOOLEAN, "relevant_when")
        item = ChecklistItem(
            reader.name(m, "id"),
            reader.texts(m, "title"),
            covered,  # type: ignore[arg-type]
            relevant,
            reader.texts(m, "reason"),
            reader.text(m, "source"),
            reader.at(entry_pos),
        )
        if covered is not None:
            book.checklist.append(item)


def read_country_information(reader: Reader, book: LoadedRulebook, section, pos) -> None:
    for _, entry_pos, m in reader.entries(section, pos, "country_information"):
        when = reader.expression(m, "when", required=False)
        reader.typecheck(when)
        places = reader.strings(
            m,
            "places",
            note("rules.load.not_place_ids"),
            note("rules.hint.example", example="[erbil]"),
        )
        for place in places:
            if place not in book.places:
                reader.problem(
                    reader.where(m, "places"),
                    note("rules.load.unknown_place", place=place),
                    note("rules.hint.add_place"),
                )
        period = m.get("period")
        if period is None:
            period = empty_map(m.pos)
        period_from = period_to = None
        if isinstance(period, YMap):
            period_from = reader.date(period, "from")
            period_to = reader.date(period, "to", required=False)
        else:
            reader.problem(
                reader.where(m, "period"),
                note("rules.load.not_a_period"),
                note("rules.hint.example", example="period: {from: YYYY-MM-DD, to: YYYY-MM-DD}"),
            )
        country = m.get("country")
        if country is not None and not (isinstance(country, str) and is_country(country)):
            reader.problem(
                reader.where(m, "country"),
                note("rules.load.not_a_country_code"),
                note("rules.hint.country"),
            )
            country = None
        published = reader.date(m, "published")
        book.country_information.append(
            CountryInformation(
                reader.name(m, "id"),
                reader.texts(m, "text"),
                reader.text(m, "source"),
                published or dt.date.min,
                period_from,
                period_to,
                tuple(places),
                country,
                when,
                reader.at(entry_pos),
            )
        )


def read_stages(reader: Reader, book: LoadedRulebook, section: object, pos: Pos) -> None:
    known = {q.id for q in book.questions}
    for _, entry_pos, m in reader.entries(section, pos, "stages"):
        questions = reader.strings(
            m,
            "questions",
            note("rules.load.not_question_ids"),
            note("rules.hint.example", example="[q-one, q-two]"),
        )
        for question in questions:
            if question not in known:
                reader.problem(
                    reader.where(m, "questions"),
                    note("rules.load.unknown_question", question=question),
                    note("rules.hint.declare_question"),
                )
        book.stages.append(
            Stage(
                reader.name(m, "id"),
                reader.texts(m, "title"),
                tuple(questions),
                reader.at(entry_pos),
            )
        )
