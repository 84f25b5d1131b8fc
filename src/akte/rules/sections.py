"""Read and check the sections of a rulebook that the engine evaluates: manifest, places,
facts, rules (the sections for the hearing assistant: `sections_hearing.py`).
"""

from __future__ import annotations

import difflib

from akte.core.countries import is_country
from akte.rules.codes import note
from akte.rules.model import (
    Fact,
    LoadedRulebook,
    Manifest,
    Place,
    Rule,
)
from akte.rules.reader import (
    RESERVED,
    SECTIONS,
    Reader,
    is_fact_name,
    is_name,
)
from akte.rules.values import BOOLEAN, FACT_TYPES, UNKNOWN, FactValueError, Type, read_value
from akte.rules.yamlpos import Pos

_MANIFEST_FIELDS = ("name", "version", "languages", "description", "outcomes", "case_date")


def read_manifest(reader: Reader, raw: object) -> Manifest:
    reader.file = str(reader.root / "rulebook.yaml")
    m = reader.mapping(raw, None, "rulebook.yaml") if raw is not None else None
    if m is None:
        if raw is None:
            reader.problem(
                None, note("rules.load.empty_manifest"), note("rules.hint.manifest_fields")
            )
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
            reader.where(m, "languages"),
            note("rules.load.not_languages"),
            note("rules.hint.example", example="[de, en]"),
        )
    outcomes = reader.strings(
        m, "outcomes", note("rules.load.not_outcomes"), note("rules.hint.example", example="[a, b]")
    )
    for key in m:
        if key not in _MANIFEST_FIELDS + SECTIONS:
            reader.problem(
                m.key_pos.get(key),
                note("rules.load.unknown_manifest_field", name=str(key)),
                note("rules.hint.remove"),
            )
    return Manifest(
        reader.name(m, "name"),
        reader.text(m, "version"),
        languages,
        reader.text(m, "description", required=False),
        tuple(outcomes),
        reader.at(m.pos),
        reader.text(m, "case_date", required=False) or None,
    )


def read_places(reader: Reader, book: LoadedRulebook, section: object, pos: Pos) -> None:
    for key, key_pos, m in reader.entries(section, pos, "places", keyed=True):
        if not is_name(str(key)):
            reader.problem(
                key_pos,
                note("rules.load.not_a_place_id", key=str(key)),
                note("rules.hint.place_id"),
            )
            continue
        country = reader.text(m, "country")
        if country and not is_country(country):
            reader.problem(
                reader.where(m, "country"),
                note("rules.load.not_a_country", value=country),
                note("rules.hint.country"),
            )
        if key in book.places:
            reader.problem(
                key_pos, note("rules.load.place_twice", key=key), note("rules.hint.keep_one")
            )
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
                note("rules.load.unknown_parent", place=place.id, parent=place.parent),
                note("rules.hint.parent"),
            )


def read_facts(reader: Reader, book: LoadedRulebook, section: object, pos: Pos) -> None:
    for key, key_pos, m in reader.entries(section, pos, "facts", keyed=True):
        if not is_fact_name(key) or key in RESERVED:
            reader.problem(
                key_pos,
                note("rules.load.not_a_fact_name", key=str(key)),
                note("rules.hint.fact_name"),
            )
            continue
        if key in book.facts:
            reader.problem(
                key_pos,
                note("rules.load.fact_twice", key=key),
                note("rules.hint.keep_one_declaration"),
            )
            continue
        kind = reader.text(m, "type")
        choices: tuple[str, ...] = ()
        if kind and kind not in FACT_TYPES:
            close = difflib.get_close_matches(kind, FACT_TYPES, n=1)
            reader.problem(
                reader.where(m, "type"),
                note("rules.load.unknown_type", kind=kind),
                note("rules.hint.did_you_mean", name=close[0])
                if close
                else note("rules.hint.use_one_of", names=", ".join(FACT_TYPES)),
            )
            kind = ""
        if kind in ("choice", "choices"):
            raw = m.get("choices")
            if isinstance(raw, list) and raw and all(isinstance(c, str) for c in raw):
                choices = tuple(raw)
            else:
                reader.problem(
                    reader.where(m, "choices"),
                    note("rules.load.no_choices"),
                    note("rules.hint.example", example="[a, b]"),
                )
        fact_type = Type(kind or "text", choices)
        default = UNKNOWN
        if "default" in m:
            try:
                default = read_value(fact_type, m["default"], frozenset(book.places))
            except FactValueError as error:
                reader.problem(
                    reader.where(m, "default"),
                    note("rules.load.bad_default"),
                    note("rules.hint.value_of_type"),
                    error.message,
                )
        fields = ("type", "choices", "choice_labels", "label", "help", "default", "note")
        for field_name in m:
            if field_name not in fields:
                reader.problem(
                    m.key_pos.get(field_name),
                    note("rules.load.unknown_fact_field", name=str(field_name)),
                    note("rules.hint.use", names=", ".join(fields)),
                )
        book.facts[key] = Fact(
            key,
            fact_type,
            reader.texts(m, "label", required=False),
            reader.texts(m, "help", required=False),
            reader.at(key_pos),
            default,
            _choice_labels(reader, m, choices),
        )


_RULE_FIELDS = ("id", "source", "sets", "when", "value", "valid_from", "valid_to")
_RULE_FIELDS += ("exception_to", "note", "verify")


def read_rules(reader: Reader, book: LoadedRulebook, section: object, pos: Pos) -> None:
    for _, entry_pos, m in reader.entries(section, pos, "rules"):
        rule_id = reader.name(m, "id")
        source = reader.text(m, "source")
        if "source" in m and not source.strip():
            reader.problem(
                entry_pos, note("rules.load.empty_source", rule=rule_id), note("rules.hint.cite")
            )
        sets = reader.text(m, "sets")
        fact = book.facts.get(sets)
        if sets and fact is None:
            close = difflib.get_close_matches(sets, list(book.facts), n=1)
            reader.problem(
                reader.where(m, "sets"),
                note("rules.load.sets_undefined_fact", rule=rule_id, name=sets),
                note("rules.hint.did_you_mean", name=close[0])
                if close
                else note("rules.hint.declare_fact"),
            )
        for field_name in m:
            if field_name not in _RULE_FIELDS:
                close = difflib.get_close_matches(str(field_name), _RULE_FIELDS, n=1)
                reader.problem(
                    m.key_pos.get(field_name),
                    note("rules.load.unknown_rule_field", name=str(field_name)),
                    note("rules.hint.did_you_mean", name=close[0]) if close else None,
                )
        when = reader.expression(m, "when", required=False)
        value = reader.expression(m, "value", required=False)
        reader.typecheck(when, BOOLEAN, "when")
        if fact is not None:
            if value is None and "value" not in m and fact.type.kind != "boolean":
                reader.problem(
                    entry_pos,
                    note("rules.load.no_value", rule=rule_id),
                    note("rules.hint.example", example="value: <expr>"),
                )
            reader.typecheck(value, fact.type if fact.type.kind != "boolean" else BOOLEAN)
        valid_from = reader.date(m, "valid_from")
        valid_to = reader.date(m, "valid_to", required=False)
        if valid_from and valid_to and valid_to < valid_from:
            reader.problem(
                reader.where(m, "valid_to"),
                note("rules.load.ends_before_start"),
                note("rules.hint.swap_dates"),
            )
        exception_to = m.get("exception_to")
        if exception_to is not None and not isinstance(exception_to, str):
            reader.problem(
                reader.where(m, "exception_to"),
                note("rules.load.not_a_rule_id"),
                note("rules.hint.base_rule_id"),
            )
            exception_to = None
        verify = m.get("verify", False)
        if not isinstance(verify, bool):
            reader.problem(
                reader.where(m, "verify"),
                note("rules.load.verify_not_boolean", raw=repr(verify)),
                note("rules.hint.verify_flag"),
            )
            verify = False
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
                    verify,
                )
            )


def _choice_labels(reader: Reader, m, choices) -> dict:
    """`choice_labels: {isis: {de: ..., en: ...}}`: words for the choices, each a choice."""
    raw = m.get("choice_labels")
    if raw is None:
        return {}
    if not hasattr(raw, "items"):
        reader.problem(
            reader.where(m, "choice_labels"),
            note("rules.load.not_texts", key="choice_labels"),
            note("rules.hint.texts"),
        )
        return {}
    labels = {}
    for choice in raw:
        if choice not in (choices or ()):
            reader.problem(
                raw.key_pos.get(choice),
                note("rules.load.unknown_fact_field", name=f"choice_labels.{choice}"),
                note("rules.hint.use", names=", ".join(choices or ())),
            )
            continue
        labels[str(choice)] = reader.texts(raw, choice)
    return labels
