import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akte import words
from akte.rules import Rulebook, RulebookError
from conftest import write_rulebook

FACTS = """\
facts:
  lodged_on: {type: date}
  count: {type: integer}
  flag: {type: boolean}
  kind: {type: choice, choices: [a, b]}
  out: {type: date}
  other: {type: integer}
"""


def problems(tmp_path, rules: str, facts: str = FACTS) -> list[str]:
    folder = write_rulebook(tmp_path / "book", {"facts.yaml": facts, "rules.yaml": rules})
    with pytest.raises(RulebookError) as caught:
        Rulebook.load(folder)
    for problem in caught.value.problems:
        assert problem.location.file and problem.location.line >= 1
    return [p.render(lambda message: words.render(message, "en")) for p in caught.value.problems]


def test_every_problem_is_listed_with_file_line_column_and_hint(tmp_path):
    found = problems(
        tmp_path,
        """\
rules:
  - id: r1
    source: Art. 1
    valid_from: 2014-01-01
    sets: out
    when: lodged_on > 3
    value: lodged_on + 1 month
  - id: r2
    valid_from: 2014-01-01
    sets: other
    value: countt + 1
  - id: r3
    source: Art. 3
    valid_from: 2014-01-01
    sets: out
    when: kind == "c"
    value: lodged_on
""",
    )
    text = "\n".join(found)
    assert "rules.yaml:6:11: cannot compare a date with a integer" in text
    assert "missing `source`" in text
    assert "undefined fact `countt`" in text and "did you mean `count`?" in text
    assert 'rules.yaml:16:19: "c" is not a choice of this fact' in text
    assert len(found) == 4


def test_cycle_is_reported(tmp_path):
    found = problems(
        tmp_path,
        """\
rules:
  - {id: r1, source: s, valid_from: 2014-01-01, sets: count, value: other + 1}
  - {id: r2, source: s, valid_from: 2014-01-01, sets: other, value: count + 1}
""",
    )
    assert any("cycle between derived facts" in p for p in found)


def test_overlapping_windows_of_the_same_rule(tmp_path):
    found = problems(
        tmp_path,
        """\
rules:
  - {id: r1, source: s, valid_from: 2014-01-01, valid_to: 2019-12-31, sets: count, value: 1}
  - {id: r1, source: s, valid_from: 2019-06-01, sets: count, value: 2}
""",
    )
    assert any("overlapping validity windows" in p and ":3:5:" in p for p in found)


def test_unconditional_rules_of_equal_rank_conflict_at_load(tmp_path):
    found = problems(
        tmp_path,
        """\
rules:
  - {id: r1, source: s, valid_from: 2014-01-01, sets: count, value: 1}
  - {id: r2, source: s, valid_from: 2014-01-01, sets: count, value: 2}
""",
    )
    assert any("always apply together" in p for p in found)


def test_yaml_syntax_error_has_position(tmp_path):
    found = problems(tmp_path, "rules:\n  - id: r1\n    source: [unclosed\n")
    assert any("YAML syntax error" in p and "rules.yaml:" in p for p in found)


def test_expression_syntax_error_position_inside_yaml(tmp_path):
    found = problems(
        tmp_path,
        """\
rules:
  - id: r1
    source: s
    valid_from: 2014-01-01
    sets: flag
    when: "count > > 2"
""",
    )
    assert found[0].startswith(f"{tmp_path}/book/rules.yaml:6:20: unexpected '>'")


def test_missing_manifest(tmp_path):
    with pytest.raises(RulebookError, match="rules.load.no_manifest"):
        Rulebook.load(tmp_path)


def test_exception_to_unknown_rule_and_unknown_fields(tmp_path):
    found = problems(
        tmp_path,
        """\
rules:
  - {id: r1, source: s, valid_from: 2014-01-01, sets: flag, exception_to: r0, wen: flag}
""",
    )
    assert any("exception to unknown rule `r0`" in p for p in found)
    assert any("unknown rule field `wen`" in p and "did you mean `when`" in p for p in found)


def test_test_files_are_checked(tmp_path):
    folder = write_rulebook(
        tmp_path / "book",
        {
            "facts.yaml": FACTS,
            "rules.yaml": "rules:\n  - {id: r1, source: s, valid_from: 2014-01-01, sets: flag, when: count > 1}\n",
            "tests/t.yaml": "tests:\n  - name: t\n    as_of: 2020-01-01\n    input: {count: seven, flag: true}\n",
        },
    )
    with pytest.raises(RulebookError) as caught:
        Rulebook.load(folder)
    text = caught.value.render(lambda message: words.render(message, "en"))
    assert "t.yaml:4:20: `count`: expected a whole number" in text
    assert "`flag` is derived" in text


# -- fuzzing: malformed input always gives a RulebookError -------------------------------

VALID_RULES = """\
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
    when: flag
    value: lodged_on + 2 weeks
"""

yaml_noise = st.text(
    alphabet=st.sampled_from(list("abc:-[]{}\"'#&*!|>%@`, \n\t0123456789.=<()")), max_size=200
)


def _mutate(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        position = rng.randrange(len(chars))
        action = rng.randrange(4)
        if action == 0:
            del chars[position]
        elif action == 1:
            chars.insert(position, rng.choice(":-[]{}\"'&*!|> \n\t#x0"))
        elif action == 2:
            chars[position] = rng.choice(":-[]{}\"' \n()=<>")
        else:
            chars[position:position] = chars[rng.randrange(len(chars)) :][:10]
    return "".join(chars)


FUZZ = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _load_or_rulebook_error(folder):
    try:
        Rulebook.load(folder)
    except RulebookError as error:
        assert error.problems
        assert all(p.message.code != "rules.load.internal_error" for p in error.problems)
        assert all(p.hint for p in error.problems), [str(p) for p in error.problems if not p.hint]


@FUZZ
@given(st.integers(min_value=0, max_value=2**32))
def test_fuzz_mutated_rulebooks(tmp_path_factory, seed):
    rng = random.Random(seed)
    folder = tmp_path_factory.mktemp("fuzz")
    target = rng.choice(["facts.yaml", "rules.yaml", "rulebook.yaml"])
    files = {"facts.yaml": FACTS, "rules.yaml": VALID_RULES}
    manifest = "name: demo\nversion: '1'\nlanguages: [de, en]\n"
    if target == "rulebook.yaml":
        manifest = _mutate(manifest, rng)
    else:
        files[target] = _mutate(files[target], rng)
    write_rulebook(folder, files, manifest)
    _load_or_rulebook_error(folder)


@FUZZ
@given(yaml_noise, st.sampled_from(["facts.yaml", "rules.yaml", "rulebook.yaml", "tests/t.yaml"]))
def test_fuzz_noise(tmp_path_factory, noise, target):
    folder = tmp_path_factory.mktemp("noise")
    files = {"facts.yaml": FACTS, "rules.yaml": VALID_RULES}
    manifest = "name: demo\nversion: '1'\nlanguages: [de, en]\n"
    if target == "rulebook.yaml":
        manifest = noise
    else:
        files[target] = noise
    write_rulebook(folder, files, manifest)
    _load_or_rulebook_error(folder)


values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12), st.dates()),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


@FUZZ
@given(
    values, values, st.sampled_from(["when", "value", "sets", "valid_from", "id", "exception_to"])
)
def test_fuzz_structured_values(tmp_path_factory, first, second, field):
    import yaml

    rule = {
        "id": "r1",
        "source": "s",
        "valid_from": "2014-01-01",
        "sets": "out",
        "value": "lodged_on",
    }
    rule[field] = first
    documents = {
        "facts.yaml": FACTS,
        "rules.yaml": yaml.safe_dump({"rules": [rule, second]}),
        "tests/t.yaml": yaml.safe_dump({"tests": [{"name": "x", "as_of": second, "input": first}]}),
    }
    folder = tmp_path_factory.mktemp("structured")
    write_rulebook(folder, documents)
    _load_or_rulebook_error(folder)


def test_unknown_fields_in_tests_and_checklist_are_named(tmp_path):
    folder = write_rulebook(
        tmp_path / "book",
        {
            "facts.yaml": FACTS,
            "checklist.yaml": "checklist:\n  - {id: c, title: t, covered_when: known(flag), reason: r, source: s, covred: x}\n",
            "tests/t.yaml": "tests:\n  - {name: t, as_of: 2020-01-01, ouput: {flag: true}}\n",
        },
    )
    with pytest.raises(RulebookError) as caught:
        Rulebook.load(folder)
    text = caught.value.render(lambda message: words.render(message, "en"))
    assert "unknown field `covred` in checklist" in text
    assert "unknown field `ouput` in tests" in text and "did you mean `output`?" in text


expression_noise = st.lists(
    st.sampled_from(
        list('abxy_019 ()[],."\\+-*/<>=!\n')
        + ["and ", "or ", "not ", "in ", "known(", "date(", " months", "count", "lodged_on"]
    ),
    max_size=20,
).map("".join)


@FUZZ
@given(expression_noise, st.sampled_from(["when", "value"]))
def test_fuzz_expressions(tmp_path_factory, text, field):
    import yaml

    rule = {"id": "r1", "source": "s", "valid_from": "2014-01-01", "sets": "count", field: text}
    if field == "when":
        rule["value"] = "1"
    folder = tmp_path_factory.mktemp("expr")
    write_rulebook(folder, {"facts.yaml": FACTS, "rules.yaml": yaml.safe_dump({"rules": [rule]})})
    _load_or_rulebook_error(folder)


def test_unknown_function_is_a_problem_not_a_crash(tmp_path):
    found = problems(
        tmp_path,
        "rules:\n  - {id: r1, source: s, valid_from: 2014-01-01, sets: flag, when: kown(count)}\n",
    )
    assert any("unknown function kown()" in p and "did you mean known()?" in p for p in found)


def test_choice_labels_name_only_the_facts_choices(tmp_path):
    facts = FACTS.replace(
        "kind: {type: choice, choices: [a, b]}",
        "kind: {type: choice, choices: [a, b], choice_labels: {a: {de: Eins, en: One}, c: {de: X, en: X}}}",
    )
    found = problems(tmp_path, "rules: []\n", facts)
    assert len(found) == 1 and "choice_labels.c" in found[0]
    good = write_rulebook(
        tmp_path / "good",
        {
            "facts.yaml": FACTS.replace(
                "choices: [a, b]}", "choices: [a, b], choice_labels: {a: {de: Eins, en: One}}}"
            ),
            "rules.yaml": "rules: []\n",
        },
    )
    assert Rulebook.load(good).facts["kind"].choice_labels == {"a": {"de": "Eins", "en": "One"}}


def test_plain_days_read_as_pyyaml_reads_them():
    import datetime as dt

    import yaml

    from akte.rules.yamlpos import YamlProblem, read_yaml

    for text in ("2014-01-05", "2020-02-29", "2014-01-05 10:00:00", "2014-1-5", "99999-01-01"):
        expected = yaml.load(f"a: {text}", Loader=yaml.SafeLoader)["a"]  # noqa: S506
        value, _ = read_yaml(f"a: {text}")
        assert value["a"] == expected and type(value["a"]) is type(expected)
    assert read_yaml("a: 2014-01-05")[0]["a"] == dt.date(2014, 1, 5)
    with pytest.raises(YamlProblem):
        read_yaml("a: 2014-02-30")  # not a day: the same error as before, not a crash
