"""Read and check each section of a rulebook: manifest, places, facts, rules, questions,
suggestions, checklist, country information, stages.
"""

from __future__ import annotations

import datetime as dt
import difflib

from akte.core.countries import is_country
from akte.rules.model import (
    ChecklistItem,
    CountryInformation,
    Fact,
    LoadedRulebook,
    Manifest,
    Place,
    Question,
    Rule,
    Stage,
    Suggestion,
)
from akte.rules.reader import (
    RESERVED,
    SECTIONS,
    SUGGESTION_KINDS,
    Reader,
    empty_map,
    is_fact_name,
    is_name,
)
from akte.rules.values import BOOLEAN, FACT_TYPES, UNKNOWN, FactValueError, Type, read_value
from akte.rules.yamlpos import Pos, YMap


def read_manifest(reader: Reader, raw: object) -> Manifest:
    reader.file = str(reader.root / "rulebook.yaml")
    m = reader.mapping(raw, None, "rulebook.yaml") if raw is not None else None
    if m is None:
        if raw is None:
            reader.problem(None, "rulebook.yaml is empty", "add name, version and languages")
        return Manifest("", "", ("de", "en"), "", (), reader.at(None))
    languages: tuple[str, ...] = ("de", "en")
    raw_languages = m.get("languages")
    if (
        isinstance(raw_languages, list)
        and raw_languages
        and all(isinstance(x, str) for x in raw_languages)
    ):
        languages = tuple(raw_languages)
    else:
        reader.problem(
            reader.where(m, "languages"), "`languages` must list language codes", "[de, en]"
        )
    outcomes = m.get("outcomes", [])
    if not isinstance(outcomes, list) or not all(isinstance(x, str) for x in outcomes):
        reader.problem(reader.where(m, "outcomes"), "`outcomes` must list fact names", "[a, b]")
        outcomes = []
    for key in m:
        if key not in ("name", "version", "languages", "description", "outcomes") + SECTIONS:
            reader.problem(m.key_pos.get(key), f"unknown manifest field `{key}`", "remove it")
    return Manifest(
        reader.name(m, "name"),
        reader.text(m, "version"),
        languages,
        reader.text(m, "description", required=False),
        tuple(outcomes),
        reader.at(m.pos),
    )


def read_places(reader: Reader, book: LoadedRulebook, section: object, pos: Pos) -> None:
    for key, key_pos, m in reader.entries(section, pos, "places", keyed=True):
        if not is_name(str(key)):
            reader.problem(key_pos, f"`{key}` is not a valid place id", "lower_case, - and _")
            continue
        country = reader.text(m, "country")
        if country and not is_country(country):
            reader.problem(reader.where(m, "country"), f"`{country}` is not a country", "e.g. IRQ")
        if key in book.places:
            reader.problem(key_pos, f"place `{key}` is defined twice", "keep one")
        parent = m.get("parent")
        book.places[key] = Place(
            key,
            reader.texts(m, "name"),
            country,
            reader.text(m, "kind", required=False, default="place"),
            parent if isinstance(parent, str) else None,
            reader.at(key_pos),
        )
    for place in book.places.values():
        if place.parent and place.parent not in book.places:
            reader.problem(
                None,
                f"place `{place.id}` has unknown parent `{place.parent}`",
                "add the parent place or remove `parent`",
            )


def read_facts(reader: Reader, book: LoadedRulebook, section: object, pos: Pos) -> None:
    for key, key_pos, m in reader.entries(section, pos, "facts", keyed=True):
        if not is_fact_name(key) or key in RESERVED:
            reader.problem(
                key_pos,
                f"`{key}` is not a valid fact name",
                "lower_case letters, digits and _ (not a keyword, not as_of)",
            )
            continue
        if key in book.facts:
            reader.problem(key_pos, f"fact `{key}` is declared twice", "keep one declaration")
            continue
        kind = reader.text(m, "type")
        choices: tuple[str, ...] = ()
        if kind and kind not in FACT_TYPES:
            close = difflib.get_close_matches(kind, FACT_TYPES, n=1)
            reader.problem(
                reader.where(m, "type"),
                f"unknown type `{kind}`",
                f"did you mean `{close[0]}`?" if close else f"use one of {', '.join(FACT_TYPES)}",
            )
            kind = ""
        if kind in ("choice", "choices"):
            raw = m.get("choices")
            if isinstance(raw, list) and raw and all(isinstance(c, str) for c in raw):
                choices = tuple(raw)
            else:
                reader.problem(reader.where(m, "choices"), "a choice needs `choices`", "[a, b]")
        fact_type = Type(kind or "text", choices)
        default = UNKNOWN
        if "default" in m:
            try:
                default = read_value(fact_type, m["default"], frozenset(book.places))
            except FactValueError as error:
                reader.problem(
                    reader.where(m, "default"),
                    "bad default",
                    "give a value of the fact's type",
                    error.message,
                )
        for field_name in m:
            if field_name not in ("type", "choices", "label", "help", "default", "note"):
                reader.problem(
                    m.key_pos.get(field_name),
                    f"unknown fact field `{field_name}`",
                    "use type, choices, label, help, default, note",
                )
        book.facts[key] = Fact(
            key,
            fact_type,
            reader.texts(m, "label", required=False),
            reader.texts(m, "help", required=False),
            reader.at(key_pos),
            default,
        )


_RULE_FIELDS = ("id", "source", "sets", "when", "value", "valid_from", "valid_to")
_RULE_FIELDS += ("exception_to", "note")


def read_rules(reader: Reader, book: LoadedRulebook, section: object, pos: Pos) -> None:
    for _, entry_pos, m in reader.entries(section, pos, "rules"):
        rule_id = reader.name(m, "id")
        source = reader.text(m, "source")
        if "source" in m and not source.strip():
            reader.problem(entry_pos, f"rule `{rule_id}` has an empty source", "cite it")
        sets = reader.text(m, "sets")
        fact = book.facts.get(sets)
        if sets and fact is None:
            close = difflib.get_close_matches(sets, list(book.facts), n=1)
            reader.problem(
                reader.where(m, "sets"),
                f"rule `{rule_id}` sets undefined fact `{sets}`",
                f"did you mean `{close[0]}`?" if close else "declare it under `facts:`",
            )
        for field_name in m:
            if field_name not in _RULE_FIELDS:
                close = difflib.get_close_matches(str(field_name), _RULE_FIELDS, n=1)
                reader.problem(
                    m.key_pos.get(field_name),
                    f"unknown rule field `{field_name}`",
                    f"did you mean `{close[0]}`?" if close else "see docs/rules.md",
                )
        when = reader.expression(m, "when", required=False)
        value = reader.expression(m, "value", required=False)
        reader.typecheck(when, BOOLEAN, "`when`")
        if fact is not None:
            if value is None and "value" not in m and fact.type.kind != "boolean":
                reader.problem(entry_pos, f"rule `{rule_id}` needs a `value`", "value: <expr>")
            reader.typecheck(value, fact.type if fact.type.kind != "boolean" else BOOLEAN)
        valid_from = reader.date(m, "valid_from")
        valid_to = reader.date(m, "valid_to", required=False)
        if valid_from and valid_to and valid_to < valid_from:
            reader.problem(
                reader.where(m, "valid_to"),
                "valid_to is before valid_from",
                "swap the dates or fix the year",
            )
        exception_to = m.get("exception_to")
        if exception_to is not None and not isinstance(exception_to, str):
            reader.problem(
                reader.where(m, "exception_to"),
                "`exception_to` is a rule id",
                "write the id of the base rule",
            )
            exception_to = None
        if rule_id and sets and fact and valid_from:
            book.rules.append(
                Rule(
                    rule_id,
                    source,
                    sets,
                    when,
                    value,
                    valid_from,
                    valid_to,
                    exception_to,
                    reader.text(m, "note", required=False),
                    reader.at(entry_pos),
                )
            )


def _fact_ref(reader: Reader, book: LoadedRulebook, m: YMap, key: str) -> str:
    name = reader.text(m, key)
    if name and name not in book.facts:
        close = difflib.get_close_matches(name, list(book.facts), n=1)
        reader.problem(
            reader.where(m, key),
            f"undefined fact `{name}`",
            f"did you mean `{close[0]}`?" if close else "declare it under `facts:`",
        )
    return name


def read_questions(reader: Reader, book: LoadedRulebook, section: object, pos: Pos) -> None:
    derived = book.derived
    for _, entry_pos, m in reader.entries(section, pos, "questions"):
        asks = _fact_ref(reader, book, m, "asks")
        if asks in derived:
            reader.problem(reader.where(m, "asks"), f"`{asks}` is derived by rules", "ask inputs")
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
                f"unknown suggestion kind `{kind}`",
                ", ".join(SUGGESTION_KINDS),
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
        reader.typecheck(covered, BOOLEAN, "`covered_when`")
        reader.typecheck(relevant, BOOLEAN, "`relevant_when`")
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
        places = m.get("places", [])
        if not isinstance(places, list) or not all(isinstance(p, str) for p in places):
            reader.problem(reader.where(m, "places"), "`places` lists place ids", "[erbil]")
            places = []
        for place in places:
            if place not in book.places:
                reader.problem(
                    reader.where(m, "places"), f"unknown place `{place}`", "add it under `places:`"
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
                "`period` needs from/to dates",
                "period: {from: YYYY-MM-DD, to: YYYY-MM-DD}",
            )
        country = m.get("country")
        if country is not None and not (isinstance(country, str) and is_country(country)):
            reader.problem(
                reader.where(m, "country"), "`country` is an ISO alpha-3 code", "e.g. IRQ"
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
        questions = m.get("questions", [])
        if not isinstance(questions, list) or not all(isinstance(q, str) for q in questions):
            reader.problem(
                reader.where(m, "questions"), "`questions` lists question ids", "[q-one, q-two]"
            )
            questions = []
        for question in questions:
            if question not in known:
                reader.problem(
                    reader.where(m, "questions"),
                    f"unknown question `{question}`",
                    "declare it under `questions:`",
                )
        book.stages.append(
            Stage(
                reader.name(m, "id"),
                reader.texts(m, "title"),
                tuple(questions),
                reader.at(entry_pos),
            )
        )
