"""`verify: true` marks a rule whose figure or date is not yet checked against its source."""

from pathlib import Path

import pytest

from akte import words
from akte.rules import Rulebook, RulebookError
from conftest import write_rulebook

FACTS = "facts:\n  rate: {type: decimal}\n"
RULE = """\
rules:
  - id: rate
    source: § 25 Abs. 1 DeuFöV
    valid_from: 2022-08-01
    sets: rate
    value: 4.84
"""
ROOT = Path(__file__).parents[2]


def test_a_rule_is_not_marked_unless_it_says_so(tmp_path):
    book = Rulebook.load(write_rulebook(tmp_path, {"f.yaml": FACTS, "r.yaml": RULE}))
    assert [rule.verify for rule in book.rules] == [False]


def test_verify_true_marks_the_rule(tmp_path):
    rules = RULE + "    verify: true\n"
    book = Rulebook.load(write_rulebook(tmp_path, {"f.yaml": FACTS, "r.yaml": rules}))
    assert [rule.verify for rule in book.rules] == [True]


def test_verify_must_be_a_boolean(tmp_path):
    rules = RULE + "    verify: maybe\n"
    with pytest.raises(RulebookError) as caught:
        Rulebook.load(write_rulebook(tmp_path, {"f.yaml": FACTS, "r.yaml": rules}))
    (problem,) = caught.value.problems
    assert problem.message.code == "rules.load.verify_not_boolean"
    assert "verify: true" in problem.render(lambda m: words.render(m, "en"))


def test_every_deufoev_rule_to_verify_is_listed_in_the_docs():
    book = Rulebook.load(ROOT / "rulebooks" / "deufoev")
    docs = (ROOT / "docs" / "courses.md").read_text(encoding="utf-8")
    marked = [rule.key for rule in book.rules if rule.verify]
    assert marked, "the DeuFöV rulebook marks the figures it could not verify"
    assert [key for key in marked if f"`{key}`" not in docs] == []
    unmarked = [rule.key for rule in book.rules if not rule.verify]
    assert [key for key in unmarked if f"`{key}`" in docs.split("## Not verified")[1]] == []


def test_the_cli_lists_the_rules_to_verify():
    from typer.testing import CliRunner

    from akte.rules.cli import app

    result = CliRunner().invoke(app, ["check", str(ROOT / "rulebooks/deufoev"), "--to-verify"])
    assert result.exit_code == 0, result.output
    assert "rules to verify:" in result.output
    assert "deufoev-25-1-rate@2021-01-01" in result.output
    assert "deufoev-25-1-rate@2022-08-01" not in result.output
