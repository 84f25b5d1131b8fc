"""Load a rulebook folder: read every YAML file, check everything, report every problem.

A rulebook is a folder with `rulebook.yaml` (the manifest) and any number of YAML files whose
top level holds one or more sections: `facts`, `rules`, `questions`, `suggestions`,
`checklist`, `places`, `country_information`, `stages`. YAML tests live in `tests/*.yaml`.
"""

from __future__ import annotations

import difflib
import gc
from collections import defaultdict
from pathlib import Path

from akte.rules.checks import check_outcomes, check_rules
from akte.rules.codes import note
from akte.rules.model import (
    LoadedRulebook,
    RulebookError,
)
from akte.rules.reader import (
    SECTIONS,
    Reader,
)
from akte.rules.sections import read_facts, read_manifest, read_places, read_rules
from akte.rules.sections_hearing import (
    read_checklist,
    read_country_information,
    read_questions,
    read_stages,
    read_suggestions,
)
from akte.rules.testcases import read_tests
from akte.rules.typecheck import TypeChecker
from akte.rules.values import Type
from akte.rules.yamlpos import Pos, YamlProblem, YMap, read_yaml

__all__ = ["LoadedRulebook", "SECTIONS", "load"]


def load(path: str | Path) -> LoadedRulebook:
    """Read and check a rulebook folder; raise `RulebookError` listing every problem."""
    root = Path(path)
    reader = Reader(root)
    collecting = gc.isenabled()
    gc.disable()  # loading makes many objects and no cycles worth collecting until it ends
    try:
        result = _load(root, reader)
    except RecursionError:
        reader.problem(None, note("rules.load.too_deep"), note("rules.hint.flatten"))
        result = None
    except Exception as error:  # a bug in the checks must still answer as a RulebookError
        reader.problem(
            None,
            note("rules.load.internal_error", error=type(error).__name__, text=str(error)[:200]),
            note("rules.hint.report_bug"),
        )
        result = None
    finally:
        if collecting:
            gc.enable()
    if reader.problems or result is None:
        raise RulebookError(reader.problems)
    return result


def _read_file(reader: Reader, file: Path) -> object:
    reader.file = str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reader.problem(
            None, note("rules.load.unreadable", error=type(error).__name__), note("rules.hint.utf8")
        )
        return None
    try:
        value, duplicates = read_yaml(text)
    except YamlProblem as error:
        reader.problem(error.pos, error.message, error.hint)
        return None
    for duplicate in duplicates:
        reader.problem(duplicate.pos, duplicate.message, duplicate.hint)
    return value


def _load(root: Path, reader: Reader) -> LoadedRulebook | None:
    manifest_file = root / "rulebook.yaml"
    if not manifest_file.is_file():
        reader.file = str(root)
        reader.problem(
            None,
            note("rules.load.no_manifest"),
            note("rules.hint.manifest"),
        )
        return None
    raw_manifest = _read_file(reader, manifest_file)
    manifest = read_manifest(reader, raw_manifest)
    reader.languages = manifest.languages
    book = LoadedRulebook(root, manifest)

    sections: dict[str, list[tuple[str, object, Pos]]] = defaultdict(list)
    files = [manifest_file] + sorted(
        f
        for f in root.rglob("*.y*ml")
        if f != manifest_file and "tests" not in f.relative_to(root).parts
    )
    for file in files:
        content = raw_manifest if file == manifest_file else _read_file(reader, file)
        reader.file = str(file)
        if content is None:
            continue
        if not isinstance(content, YMap):
            reader.problem(
                None,
                note("rules.load.top_level"),
                note("rules.hint.use", names=", ".join(SECTIONS)),
            )
            continue
        for key, value in content.items():
            if key in SECTIONS:
                sections[key].append((str(file), value, content.value_pos.get(key)))
            elif file != manifest_file:
                close = difflib.get_close_matches(str(key), SECTIONS, n=1)
                reader.problem(
                    content.key_pos.get(key),
                    note("rules.load.unknown_section", name=str(key)),
                    note("rules.hint.did_you_mean", name=close[0])
                    if close
                    else note("rules.hint.use_one_of", names=", ".join(SECTIONS)),
                )

    for file, section, pos in sections["places"]:
        reader.file = file
        read_places(reader, book, section, pos)
    reader.places_country.update({p.id: p.country for p in book.places.values()})
    for file, section, pos in sections["facts"]:
        reader.file = file
        read_facts(reader, book, section, pos)
    reader.checker = TypeChecker(
        {name: fact.type for name, fact in book.facts.items()} | {"as_of": Type("date")},
        reader.places_country,
    )
    for file, section, pos in sections["rules"]:
        reader.file = file
        read_rules(reader, book, section, pos)
    check_rules(reader, book)
    for file, section, pos in sections["questions"]:
        reader.file = file
        read_questions(reader, book, section, pos)
    for file, section, pos in sections["suggestions"]:
        reader.file = file
        read_suggestions(reader, book, section, pos)
    for file, section, pos in sections["checklist"]:
        reader.file = file
        read_checklist(reader, book, section, pos)
    for file, section, pos in sections["country_information"]:
        reader.file = file
        read_country_information(reader, book, section, pos)
    for file, section, pos in sections["stages"]:
        reader.file = file
        read_stages(reader, book, section, pos)
    check_outcomes(reader, book)
    tests_dir = root / "tests"
    if tests_dir.is_dir():
        for file in sorted(tests_dir.rglob("*.y*ml")):
            content = _read_file(reader, file)
            if content is not None:
                read_tests(reader, book, content)
    return book
