"""Read YAML and keep where every key and value stands (1-based line and column)."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MAX_NODES = 2_000_000
_MAX_DEPTH = 200
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"


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
    def __init__(self, message: str, pos: Pos, hint: str) -> None:
        super().__init__(message)
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
                "the YAML is too large or too deeply nested", _pos(node), "split the file"
            )
        if isinstance(node, yaml.MappingNode):
            result = YMap()
            result.pos, result.key_pos, result.value_pos = _pos(node), {}, {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlProblem(
                        "merge keys (<<) are not supported", _pos(key_node), "write the keys out"
                    )
                key = self.build(key_node, depth + 1)
                if isinstance(key, list | dict):
                    raise YamlProblem(
                        "a key must be a plain name", _pos(key_node), "write `name: value`"
                    )
                if key in result:
                    self.duplicates.append(
                        YamlProblem(f"duplicate key {key!r}", _pos(key_node), "keep one of them")
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
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as error:
            raise YamlProblem(
                f"cannot read the value: {str(error).splitlines()[0][:120]}",
                _pos(node),
                "quote the value or fix its format",
            ) from None


def read_yaml(text: str) -> tuple[object, list[YamlProblem]]:
    """Parse one YAML document; raises `YamlProblem` on syntax errors, returns duplicates."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        pos = Pos(mark.line + 1, mark.column + 1) if mark else Pos(1, 1)
        message = error.problem or error.context or "YAML syntax error"
        raise YamlProblem(
            f"YAML syntax error: {message}",
            pos,
            "check indentation, colons and quotes around this position",
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(
            f"YAML error: {str(error).splitlines()[0][:120]}", Pos(1, 1), "fix the YAML"
        ) from None
    except (ValueError, RecursionError) as error:
        raise YamlProblem(
            f"YAML error: {type(error).__name__}", Pos(1, 1), "fix the YAML"
        ) from None
    if node is None:
        return None, []
    builder = _Builder()
    try:
        value = builder.build(node)
    except RecursionError:
        raise YamlProblem("the YAML is too deeply nested", Pos(1, 1), "flatten it") from None
    return value, builder.duplicates
