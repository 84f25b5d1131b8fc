"""Read YAML and keep where every key and value stands (1-based line and column)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

from akte.core.message import Message
from akte.rules.codes import note

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MAX_NODES = 2_000_000
_MAX_DEPTH = 200
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True, slots=True)
class Pos:
    line: int
    column: int
    style: str | None = None  # the scalar's quoting: None (plain), "'", '"', "|", ">"


class YMap(dict):
    """A mapping that remembers the position of itself, its keys and its values."""

    pos: Pos
    key_pos: dict
    value_pos: dict


class YList(list):
    """A sequence that remembers the position of itself and its items."""

    pos: Pos
    item_pos: list


class YamlProblem(ValueError):
    """YAML that cannot be read, at `pos`: `message` and `hint` are codes (rules/codes.py)."""

    def __init__(self, message: Message, pos: Pos, hint: Message) -> None:
        super().__init__(message.code)
        self.message, self.pos, self.hint = message, pos, hint


def _pos(node: yaml.Node) -> Pos:
    mark = node.start_mark
    return Pos(mark.line + 1, mark.column + 1, getattr(node, "style", None))


class _Builder:
    def __init__(self) -> None:
        self.constructor = yaml.constructor.SafeConstructor()
        self.count = 0
        self.duplicates: list[YamlProblem] = []

    def build(self, node: yaml.Node, depth: int = 0) -> object:
        self.count += 1
        if self.count > _MAX_NODES or depth > _MAX_DEPTH:
            raise YamlProblem(
                note("rules.yaml.too_large"), _pos(node), note("rules.hint.split_file")
            )
        if isinstance(node, yaml.MappingNode):
            result = YMap()
            result.pos, result.key_pos, result.value_pos = _pos(node), {}, {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlProblem(
                        note("rules.yaml.merge_key"), _pos(key_node), note("rules.hint.write_keys")
                    )
                key = self.build(key_node, depth + 1)
                if isinstance(key, list | dict):
                    raise YamlProblem(
                        note("rules.yaml.complex_key"), _pos(key_node), note("rules.hint.plain_key")
                    )
                if key in result:
                    self.duplicates.append(
                        YamlProblem(
                            note("rules.yaml.duplicate_key", key=repr(key)),
                            _pos(key_node),
                            note("rules.hint.keep_one_of_them"),
                        )
                    )
                result[key] = self.build(value_node, depth + 1)
                result.key_pos[key] = _pos(key_node)
                result.value_pos[key] = _pos(value_node)
            return result
        if isinstance(node, yaml.SequenceNode):
            items = YList()
            items.pos, items.item_pos = _pos(node), []
            for item in node.value:
                items.append(self.build(item, depth + 1))
                items.item_pos.append(_pos(item))
            return items
        tag, text = node.tag, node.value
        if tag == _STR:
            return text
        if tag == _INT and text.isdigit() and (text == "0" or text[0] != "0"):
            return int(text)
        try:
            if tag == _TIMESTAMP and len(text) == 10 and _DAY.fullmatch(text):
                # what PyYAML's timestamp constructor makes of a plain day, without its regex
                return dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as error:
            raise YamlProblem(
                note("rules.yaml.bad_value", reason=str(error).splitlines()[0][:120]),
                _pos(node),
                note("rules.hint.quote_value"),
            ) from None


def read_yaml(text: str) -> tuple[object, list[YamlProblem]]:
    """Parse one YAML document; raises `YamlProblem` on syntax errors, returns duplicates."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        pos = Pos(mark.line + 1, mark.column + 1) if mark else Pos(1, 1)
        reason = error.problem or error.context  # the YAML parser's own words (English)
        raise YamlProblem(
            note("rules.yaml.syntax", reason=reason)
            if reason
            else note("rules.yaml.syntax_unexplained"),
            pos,
            note("rules.hint.yaml_syntax"),
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(
            note("rules.yaml.error", reason=str(error).splitlines()[0][:120]),
            Pos(1, 1),
            note("rules.hint.fix_yaml"),
        ) from None
    except (ValueError, RecursionError) as error:
        raise YamlProblem(
            note("rules.yaml.error", reason=type(error).__name__),
            Pos(1, 1),
            note("rules.hint.fix_yaml"),
        ) from None
    if node is None:
        return None, []
    builder = _Builder()
    try:
        value = builder.build(node)
    except RecursionError:
        raise YamlProblem(
            note("rules.yaml.too_deep"), Pos(1, 1), note("rules.hint.flatten")
        ) from None
    return value, builder.duplicates
