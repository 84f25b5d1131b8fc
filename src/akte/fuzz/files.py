"""Parsers of files: a rulebook folder (`akte.rules` loader) and person records as JSON Lines
(`akte match index build`)."""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml
from hypothesis import strategies as st

from akte.fuzz.runner import Target
from akte.fuzz.text import NASTY, mutate
from akte.matching.index import PersonIndex
from akte.matching.record import PersonRecord, RecordError, read_jsonl
from akte.rules import Rulebook, RulebookError
from akte.rules.codes import CODES as RULES_CODES

_WORKDIR: list[Path] = []


def _setup() -> Callable[[], None]:
    _WORKDIR.append(Path(tempfile.mkdtemp(prefix="akte-fuzz-")))
    return lambda: shutil.rmtree(_WORKDIR.pop(), ignore_errors=True)


def _fresh(name: str) -> Path:
    if not _WORKDIR:
        _setup()
    folder = Path(tempfile.mkdtemp(prefix=name, dir=_WORKDIR[-1]))
    return folder


# -- rulebooks ------------------------------------------------------------------------------

RULEBOOK = {
    "rulebook.yaml": "name: demo\nversion: '1'\nlanguages: [de, en]\n"
    "places:\n  erbil: {name: {de: Erbil, en: Arbil}, country: IRQ, kind: city}\n",
    "facts.yaml": """\
facts:
  lodged_on: {type: date}
  count: {type: integer}
  flag: {type: boolean}
  kind: {type: choice, choices: [a, b]}
  out: {type: date}
  places_named: {type: choices, choices: [erbil]}
""",
    "rules.yaml": """\
rules:
  - id: r1
    source: Art. 1
    valid_from: 2014-01-01
    valid_to: 2019-12-31
    sets: out
    when: kind == "a" and known(lodged_on)
    value: lodged_on + 3 months
  - id: r2
    source: Art. 2
    valid_from: 2014-01-01
    sets: out
    exception_to: r1
    when: flag and "erbil" in places_named
    value: lodged_on + 2 weeks
""",
    "checklist.yaml": """\
checklist:
  - {id: c1, title: {de: Einreise, en: Entry}, covered_when: known(lodged_on), reason: r, source: s}
""",
    "questions.yaml": """\
questions:
  - id: q-count
    asks: count
    text: {de: Wie viele?, en: How many?}
""",
    "tests/t.yaml": """\
tests:
  - name: three months
    as_of: 2016-01-01
    input: {kind: a, lodged_on: 2015-01-31, flag: false, places_named: []}
    output: {out: 2015-04-30}
""",
}
YAML_PIECES = list(":-[]{}\"'#&*!|>%@`, \n\t0123456789.=<()") + [
    "\n  ",
    "!!python/object",
    "<<: *a",
]


def _mutate(text: str, rng: random.Random) -> str:
    return mutate(
        text,
        rng,
        rounds=8,
        inserts=YAML_PIECES + NASTY,
        replacements=":-[]{}\"' \n()=<>",
        copy=12,
        cut_spans=True,
    )


_values = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12), st.dates()
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
_FIELDS = ["when", "value", "sets", "valid_from", "valid_to", "id", "exception_to", "source"]


def _structured(data) -> dict[str, str]:
    first, second, field = data
    rule = {
        "id": "r1",
        "source": "s",
        "valid_from": "2014-01-01",
        "sets": "out",
        "value": "lodged_on",
    }
    rule[field] = first
    return {
        "rules.yaml": yaml.safe_dump({"rules": [rule, second]}, allow_unicode=True),
        "tests/t.yaml": yaml.safe_dump(
            {"tests": [{"name": "x", "as_of": second, "input": first, "output": second}]}
        ),
    }


def rulebook_inputs() -> st.SearchStrategy[dict[str, str]]:
    """Files to replace in the small valid rulebook: mutated, noise, or structured values."""
    names = st.sampled_from(sorted(RULEBOOK))
    mutated = st.tuples(names, st.integers(0, 2**32)).map(
        lambda a: {a[0]: _mutate(RULEBOOK[a[0]], random.Random(a[1]))}
    )
    noise = st.tuples(
        names, st.lists(st.sampled_from(YAML_PIECES + NASTY + ["a", "b"]), max_size=120)
    ).map(lambda a: {a[0]: "".join(a[1])})
    structured = st.tuples(_values, _values, st.sampled_from(_FIELDS)).map(_structured)
    return st.one_of(mutated, noise, structured)


def check_rulebook(replaced: dict[str, str]) -> None:
    folder = _fresh("book")
    for name, text in {**RULEBOOK, **replaced}.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        Rulebook.load(folder)
    except RulebookError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.message.code != "rules.load.internal_error", problem.message.params
            assert problem.message.code in RULES_CODES, problem.message.code
            assert problem.hint, problem.message
    finally:
        shutil.rmtree(folder, ignore_errors=True)


RULEBOOK_LOADER = Target(
    "rulebook_loader",
    "akte.rules.Rulebook.load (a folder of YAML)",
    "RulebookError",
    rulebook_inputs,
    check_rulebook,
    setup=_setup,
)

# -- person records (JSON Lines) ------------------------------------------------------------

VALID_RECORD = {
    "id": "P-1",
    "names": [
        {"given_names": "Mohammed", "family_name": "al-Hassan"},
        {"given_names": "محمد", "family_name": "الحسن", "script": "Arab"},
    ],
    "birth_date": "1990-03",
    "birth_place": "Aleppo",
    "nationality": "SYR",
    "sex": "M",
}
_json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        st.text(max_size=20),
        st.sampled_from(["1990", "31.02.1990", "0000", "", " ", "x", "M", "syr"]),
    ),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["given_names", "family_name", "script", "x"]), children)
    ),
    max_leaves=6,
)


def _record_line(data) -> bytes:
    key, value, drop = data
    record = dict(VALID_RECORD)
    if drop:
        record.pop(key, None)
    else:
        record[key] = value
    return json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")


def _raw_line(data) -> bytes:
    seed, how = data
    text = json.dumps(VALID_RECORD, ensure_ascii=False)
    rng = random.Random(seed)
    if how == 0:
        return _mutate(text, rng).encode("utf-8", "surrogatepass")
    if how == 1:
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 40)))
    if how == 2:
        return b"[" * rng.randint(500, 5000)  # deeper than the JSON decoder recurses
    return ("9" * rng.randint(4000, 6000)).encode()  # more digits than int() converts


def record_inputs() -> st.SearchStrategy[bytes]:
    line = st.one_of(
        st.tuples(
            st.sampled_from(sorted(VALID_RECORD) + ["extra"]), _json_values, st.booleans()
        ).map(_record_line),
        st.tuples(st.integers(0, 2**32), st.integers(0, 3)).map(_raw_line),
        st.binary(max_size=60),
        st.text(max_size=60).map(lambda t: t.encode("utf-8", "surrogatepass")),
    )
    return st.lists(line, min_size=1, max_size=4).map(b"\n".join)


def check_records(content: bytes) -> None:
    path = _fresh("records") / "records.jsonl"
    path.write_bytes(content)
    try:
        records = list(read_jsonl(path))
    except RecordError as error:
        assert str(error).startswith(f"{path}:"), f"{error} does not say where"
        return
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
    index = PersonIndex()
    for record in records:
        assert PersonRecord.from_dict(record.to_dict()) == record
        index.add(record)
    assert len(index) == len({r.id for r in records})


RECORDS = Target(
    "record_jsonl",
    "akte.matching.record.read_jsonl + PersonIndex.add",
    "RecordError",
    record_inputs,
    check_records,
    setup=_setup,
)
