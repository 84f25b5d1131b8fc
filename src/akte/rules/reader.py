"""Reading typed fields from positioned YAML, collecting problems instead of stopping."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from akte.core.message import Message
from akte.rules.codes import note
from akte.rules.compiler import compile_expression
from akte.rules.expressions import KEYWORDS, ExpressionSyntaxError, parse
from akte.rules.model import (
    Expression,
    Location,
    Problem,
)
from akte.rules.typecheck import TypeChecker, TypeProblem
from akte.rules.values import BOOLEAN, Type
from akte.rules.yamlpos import Pos, YList, YMap

SECTIONS = (
    "facts",
    "rules",
    "questions",
    "suggestions",
    "checklist",
    "places",
    "country_information",
    "stages",
)
RESERVED = frozenset({"as_of"})
SUGGESTION_KINDS = ("question", "information", "opportunity_to_explain")
FIELDS: dict[str, tuple[str, ...]] = {
    "places": ("name", "country", "kind", "parent", "note"),
    "questions": ("id", "asks", "text", "help", "relevant_when", "stage", "note"),
    "suggestions": ("id", "kind", "when", "text", "reason", "source", "note"),
    "checklist": ("id", "title", "covered_when", "relevant_when", "reason", "source", "note"),
    "country_information": (
        "id",
        "places",
        "country",
        "text",
        "source",
        "published",
        "period",
        "when",
        "note",
    ),
    "stages": ("id", "title", "questions", "note"),
    "tests": ("name", "as_of", "input", "output", "checklist", "fired", "note"),
}


class Reader:
    """Walks the YAML of one rulebook, collecting problems instead of stopping at the first."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.file = ""
        self.places_country: dict[str, str] = {}
        self.checker: TypeChecker | None = None
        self.languages: tuple[str, ...] = ("de", "en")  # the manifest's, once it is read

    # -- problems and positions ----------------------------------------------------------

    def at(self, pos: Pos | None) -> Location:
        pos = pos or Pos(1, 1)
        return Location(self.file, pos.line, pos.column)

    def problem(
        self,
        pos: Pos | None,
        message: Message,
        hint: Message | None = None,
        detail: Message | None = None,
    ) -> None:
        """Note a problem at `pos` (the file's start if None); the hint defaults to the docs."""
        hint = hint or note("rules.hint.see_docs")
        self.problems.append(Problem(self.at(pos), message, hint, detail))

    def where(self, mapping: YMap, key: str) -> Pos:
        return mapping.value_pos.get(key) or mapping.key_pos.get(key) or mapping.pos

    # -- typed fields --------------------------------------------------------------------

    def mapping(self, value: object, pos: Pos | None, what: Message | str) -> YMap | None:
        if isinstance(value, YMap):
            return value
        self.problem(pos, note("rules.load.not_a_mapping", what=what), note("rules.hint.indent"))
        return None

    def text(self, m: YMap, key: str, required: bool = True, default: str = "") -> str:
        if key not in m or m[key] is None:
            if required:
                self.problem(
                    m.pos, note("rules.load.missing", key=key), note("rules.hint.add", key=key)
                )
            return default
        value = m[key]
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return str(value)
        self.problem(
            self.where(m, key), note("rules.load.not_text", key=key), note("rules.hint.quote")
        )
        return default

    def strings(self, m: YMap, key: str, problem: Message, hint: Message) -> list[str]:
        """A list of strings (ids, names) under `key`, empty if absent; anything else is a
        problem (`problem`, `hint`) and reads as empty."""
        value = m.get(key, [])
        if isinstance(value, list) and all(isinstance(x, str) for x in value):
            return value
        self.problem(self.where(m, key), problem, hint)
        return []

    def name(self, m: YMap, key: str, required: bool = True) -> str:
        value = self.text(m, key, required)
        if value and not is_name(value):
            self.problem(
                self.where(m, key),
                note("rules.load.not_a_name", value=value),
                note("rules.hint.name"),
            )
        return value

    def texts(self, m: YMap, key: str, required: bool = True) -> dict[str, str]:
        """A text per language: `{de: ..., en: ...}`, or one text used for every language."""
        value = m.get(key)
        if value is None:
            if required:
                self.problem(
                    m.pos,
                    note("rules.load.missing", key=key),
                    note("rules.hint.add_texts", key=key),
                )
            return {}
        if isinstance(value, str):
            return {language: value for language in self.languages}
        if isinstance(value, YMap) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            for language in self.languages:
                if language not in value:
                    self.problem(
                        value.pos,
                        note("rules.load.no_text_in", key=key, language=language),
                        note("rules.hint.add", key=language),
                    )
            return dict(value)
        self.problem(
            self.where(m, key), note("rules.load.not_texts", key=key), note("rules.hint.texts")
        )
        return {}

    def date(self, m: YMap, key: str, required: bool = True) -> dt.date | None:
        value = m.get(key)
        if value is None:
            if required:
                self.problem(
                    m.pos, note("rules.load.missing", key=key), note("rules.hint.add_date", key=key)
                )
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(
            self.where(m, key), note("rules.load.not_date", key=key), note("rules.hint.date")
        )
        return None

    def expression(self, m: YMap, key: str, required: bool = True) -> Expression | None:
        value = m.get(key)
        pos = self.where(m, key)
        if value is None:
            if required:
                self.problem(
                    m.pos,
                    note("rules.load.missing", key=key),
                    note("rules.hint.add_expression", key=key),
                )
            return None
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, int | float) or isinstance(value, dt.date):
            value = str(value) if not isinstance(value, dt.date) else f'date("{value}")'
        if not isinstance(value, str):
            self.problem(
                pos, note("rules.load.not_expression", key=key), note("rules.hint.one_line")
            )
            return None
        try:
            tree = parse(value)
        except ExpressionSyntaxError as error:
            self.problems.append(
                Problem(self._inner(pos, error.line, error.column), error.message, error.hint)
            )
            return None
        location = self.at(pos)
        return Expression(value, tree, compile_expression(tree, self.places_country), location)

    def _inner(self, pos: Pos, line: int, column: int) -> Location:
        """The file position of a line/column inside an expression string."""
        if pos.style in ("|", ">"):
            return Location(self.file, pos.line + line, column)
        shift = 1 if pos.style in ("'", '"') else 0
        if line == 1:
            return Location(self.file, pos.line, pos.column + shift + column - 1)
        return Location(self.file, pos.line + line - 1, column)

    def typecheck(self, expression: Expression | None, expect: Type | None = BOOLEAN, what=""):
        if expression is None or self.checker is None:
            return
        try:
            if expect is BOOLEAN:
                part = note("rules.type.field", field=what) if what else None
                self.checker.expect_boolean(expression.tree, part or note("rules.type.condition"))
            elif expect is not None:
                self.checker.check_value(expression.tree, expect)
        except TypeProblem as error:
            pos = Pos(expression.location.line, expression.location.column)
            self.problems.append(
                Problem(
                    Location(self.file, pos.line, pos.column + error.node.column - 1)
                    if error.node.line == 1
                    else self._inner(pos, error.node.line, error.node.column),
                    error.message,
                    error.hint,
                )
            )
        except RecursionError:
            self.problem(None, note("rules.load.expression_too_deep"), note("rules.hint.simplify"))

    def entries(self, section: object, pos: Pos, what: str, keyed: bool = False):
        """Yield (key or None, mapping) for a list of mappings or a mapping of mappings."""
        allowed = FIELDS.get(what)
        for key, where, entry in self._entries(section, pos, what, keyed):
            if allowed is not None:
                for name in entry:
                    if name not in allowed:
                        close = difflib.get_close_matches(str(name), allowed, n=1)
                        self.problem(
                            entry.key_pos.get(name),
                            note("rules.load.unknown_field", name=str(name), section=what),
                            note("rules.hint.did_you_mean", name=close[0])
                            if close
                            else note("rules.hint.use", names=", ".join(allowed)),
                        )
            yield key, where, entry

    def _entries(self, section: object, pos: Pos, what: str, keyed: bool):
        if keyed and isinstance(section, YMap):
            for key, value in section.items():
                entry = self.mapping(
                    value,
                    section.value_pos.get(key),
                    note("rules.load.entry", section=what, key=key),
                )
                if entry is not None:
                    yield key, section.key_pos.get(key), entry
            return
        if isinstance(section, YList):
            for index, value in enumerate(section):
                entry = self.mapping(
                    value, section.item_pos[index], note("rules.load.each", section=what)
                )
                if entry is not None:
                    yield None, entry.pos, entry
            return
        shape = "rules.load.not_keyed_section" if keyed else "rules.load.not_listed_section"
        self.problem(pos, note(shape, section=what), note("rules.hint.format"))


def empty_map(pos: Pos) -> YMap:
    empty = YMap()
    empty.pos, empty.key_pos, empty.value_pos = pos, {}, {}
    return empty


def is_name(value: str) -> bool:
    return (
        bool(value)
        and value[0].isascii()
        and value[0].isalpha()
        and value[0].islower()
        and all(c.isascii() and (c.isalnum() or c in "_-") for c in value)
        and value == value.lower()
    )


def is_fact_name(value: object) -> bool:
    return isinstance(value, str) and is_name(value) and "-" not in value and value not in KEYWORDS
