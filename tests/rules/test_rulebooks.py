"""Every YAML test of the shipped rulebooks runs as a pytest test."""

from pathlib import Path

import pytest

from akte.rules import Rulebook
from akte.rules.testing import coverage, run_case, run_tests

ROOT = Path(__file__).parents[2] / "rulebooks"
BOOKS = {
    name: Rulebook.load(ROOT / name) for name in ("asylum-de", "dublin-iii", "ammr", "deufoev")
}
CASES = [
    pytest.param(name, case, id=f"{name}: {case.name}")
    for name, book in BOOKS.items()
    for case in book.tests
]


@pytest.mark.parametrize(("name", "case"), CASES)
def test_yaml_case(name, case):
    outcome = run_case(BOOKS[name], case)
    assert outcome.passed, outcome.report()


@pytest.mark.parametrize("name", sorted(BOOKS))
def test_tests_reach_every_rule_and_branch(name):
    book = BOOKS[name]
    assert coverage(run_tests(book)).gaps(book) == []


def test_dublin_tests_cover_each_article():
    sources = " ".join(r.source for r in BOOKS["dublin-iii"].rules)
    for article in ("Art. 21", "Art. 22", "Art. 23", "Art. 25", "Art. 29"):
        assert article in sources
    names = " ".join(c.name for c in BOOKS["dublin-iii"].tests)
    for article in ("Art. 21", "Art. 22", "Art. 23", "Art. 25", "Art. 29"):
        assert article in names


def test_every_rule_and_checklist_item_has_a_source():
    for book in BOOKS.values():
        assert all(rule.source.strip() for rule in book.rules)
        assert all(item.source.strip() for item in book.checklist)


def test_asylum_checklist_holds_the_legal_elements():
    sources = {item.source for item in BOOKS["asylum-de"].checklist}
    for expected in (
        "§ 3 Abs. 1 AsylG",
        "§ 3a AsylG",
        "§ 3b AsylG",
        "§ 3a Abs. 3 AsylG",
        "§ 3c AsylG",
        "§ 3d AsylG",
        "§ 3e AsylG",
        "§ 3 Abs. 2 AsylG",
        "§ 4 Abs. 1 Satz 2 Nr. 1 AsylG",
        "§ 4 Abs. 1 Satz 2 Nr. 2 AsylG",
        "§ 4 Abs. 1 Satz 2 Nr. 3 AsylG",
        "§ 60 Abs. 7 AufenthG",
    ):
        assert expected in sources
    assert any(s.startswith("§ 60 Abs. 5 AufenthG") for s in sources)


def test_ammr_and_dublin_rules_cite_their_article_and_list_what_is_unverified():
    for name, regulation in (("ammr", "2024/1351"), ("dublin-iii", "604/2013")):
        for rule in BOOKS[name].rules:
            assert "Art. " in rule.source and regulation in rule.source, rule.id
    assert {r.id for r in BOOKS["ammr"].rules if r.verify} == {
        "tacit-acceptance",
        "art46-1-transfer-within-6-months",
        "art46-2-imprisonment-1-year",
        "art46-2-absconding-3-years",
        "art45-3-detained-transfer-within-5-weeks",
    }
    assert {r.id for r in BOOKS["dublin-iii"].rules if r.verify} == {
        "art23-2-eurodac-capped-at-3-months",
        "art28-3-detained-transfer-within-6-weeks",  # Art. 28(3) subpara. 2 checked, 3 not
    }
    for name in ("ammr", "dublin-iii"):
        assert all(not r.reads & {"as_of"} for r in BOOKS[name].rules)  # the clock chooses nothing
