import datetime as dt
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akte import words
from akte.core.partial_date import PartialDate
from akte.rules import UNKNOWN, FactValueError, Rulebook, RulebookError
from akte.rules.bench_rulebook import generate

DUBLIN = Path(__file__).parents[2] / "rulebooks" / "dublin-iii"
ASYLUM = Path(__file__).parents[2] / "rulebooks" / "asylum-de"
DAY = dt.date(2020, 6, 1)

FACTS = """\
facts:
  a: {type: boolean}
  b: {type: boolean}
  c: {type: boolean}
  n: {type: integer}
  born: {type: partial_date}
  result: {type: integer, default: 0}
  grade: {type: text}
"""


@pytest.fixture
def layered(make_rulebook):
    return Rulebook.load(
        make_rulebook(
            {
                "facts.yaml": FACTS,
                "rules.yaml": """\
rules:
  - {id: base, source: "§ 1", valid_from: 2014-01-01, valid_to: 2019-12-31, sets: result, when: a, value: 1}
  - {id: base, source: "§ 1 (2020)", valid_from: 2020-01-01, sets: result, when: a, value: 10}
  - {id: exc, source: "§ 1 Abs. 2", valid_from: 2014-01-01, sets: result, exception_to: base, when: b, value: 2}
  - {id: exc-exc, source: "§ 1 Abs. 3", valid_from: 2014-01-01, sets: result, exception_to: exc, when: c, value: 3}
  - {id: side, source: "§ 2", valid_from: 2014-01-01, sets: grade, when: n > 5, value: '"high"'}
  - {id: side2, source: "§ 3", valid_from: 2014-01-01, sets: grade, when: n > 8, value: '"very high"'}
""",
            }
        )
    )


def test_base_rule_exceptions_and_dated_versions(layered):
    assert layered.evaluate({"a": True, "b": False, "c": False}, as_of=DAY)["result"] == 10
    assert (
        layered.evaluate({"a": True, "b": False, "c": False}, as_of=dt.date(2019, 1, 1))["result"]
        == 1
    )
    assert layered.evaluate({"a": True, "b": True, "c": False}, as_of=DAY)["result"] == 2
    assert layered.evaluate({"a": False, "b": True, "c": True}, as_of=DAY)["result"] == 3
    assert layered.evaluate({"a": False, "b": False, "c": False}, as_of=DAY)["result"] == 0
    # an exception that may apply keeps the value unknown
    assert layered.evaluate({"a": True, "c": False}, as_of=DAY)["result"] is UNKNOWN
    # the exception of the exception decides whatever b is
    assert layered.evaluate({"a": True, "c": True}, as_of=DAY)["result"] == 3


def test_conflict_is_reported_never_picked(layered):
    evaluation = layered.evaluate({"n": 9}, as_of=DAY)
    assert evaluation["grade"] is UNKNOWN
    [conflict] = evaluation.conflicts
    assert {r.id for r in conflict.rules} == {"side", "side2"}
    assert "conflict" in evaluation.explain("grade").render(lambda m: words.render(m, "en"))
    assert layered.evaluate({"n": 6}, as_of=DAY)["grade"] == "high"


def test_fired_rules_and_explanation(layered):
    evaluation = layered.evaluate({"a": True, "b": True, "c": False}, as_of=DAY)
    assert [(f.rule.id, f.value) for f in evaluation.fired] == [("exc", 2)]
    text = evaluation.explain("result").render(lambda m: words.render(m, "en"))
    assert "result = 2" in text
    assert "by rule exc (§ 1 Abs. 2)" in text
    assert "b = true (input)" in text
    assert "rule exc-exc did not apply: c is false" in text
    unknown = layered.evaluate({"a": True}, as_of=DAY).explain("result")
    assert unknown.kind == "unknown"
    assert set(unknown.missing) == {"b", "c"}
    assert unknown.to_dict()["missing"] == unknown.missing


def test_input_errors_are_actionable(layered):
    def said(facts, language="en"):
        with pytest.raises(FactValueError) as caught:
            layered.evaluate(facts, as_of=DAY)
        return words.render(caught.value.message, language)

    assert said({"zz": 1}) == "unknown fact 'zz': it is not declared in the rulebook"
    assert said({"result": 1}) == "'result' is derived by rules and cannot be given as input"
    assert said({"n": "five"}) == "n: expected a whole number, got 'five'"
    assert said({"n": "five"}, "de") == "n: erwartet wird eine ganze Zahl, nicht 'five'"


def test_partial_dates_compare_by_their_range(make_rulebook):
    rulebook = Rulebook.load(
        make_rulebook(
            {
                "facts.yaml": FACTS.replace(
                    "result: {type: integer, default: 0}", "minor: {type: boolean}"
                ),
                "rules.yaml": """\
rules:
  - id: minor
    source: demo
    valid_from: 2014-01-01
    sets: minor
    value: born > date("2002-06-01")
""",
            }
        )
    )
    assert rulebook.evaluate({"born": "2005"}, as_of=DAY)["minor"] is True
    assert rulebook.evaluate({"born": "1990"}, as_of=DAY)["minor"] is False
    assert rulebook.evaluate({"born": "2002"}, as_of=DAY)["minor"] is UNKNOWN
    assert rulebook.evaluate({"born": "2002-07"}, as_of=DAY)["minor"] is True
    assert rulebook.evaluate({"born": PartialDate(2002, 6, 1)}, as_of=DAY)["minor"] is False


def test_next_questions_rank_and_never_ask_what_is_known():
    rulebook = Rulebook.load(DUBLIN)
    evaluation = rulebook.evaluate({"procedure": "take_charge"}, as_of=dt.date(2019, 6, 1))
    asked = [q.fact for q in evaluation.next_questions()]
    assert "procedure" not in asked
    assert asked[0] == "application_lodged_on" or asked[0] in ("eurodac_hit", "request_received_on")
    served = {q.fact: q.goals for q in evaluation.next_questions()}
    assert "take_charge_request_deadline" in served["eurodac_hit"]
    # eurodac_hit_on is only relevant after a hit
    assert "eurodac_hit_on" not in asked
    evaluation.update({"application_lodged_on": "2019-01-31", "eurodac_hit": True})
    asked = [q.fact for q in evaluation.next_questions(goals=["take_charge_request_deadline"])]
    assert asked == ["eurodac_hit_on"]
    evaluation.set("eurodac_hit_on", "2019-02-28")
    assert evaluation.next_questions(goals=["take_charge_request_deadline"]) == []
    assert evaluation["take_charge_request_deadline"] == dt.date(2019, 4, 28)


def test_the_case_date_chooses_the_rules_never_the_evaluation_date():
    rulebook = Rulebook.load(DUBLIN)
    facts = {
        "procedure": "take_charge",
        "application_lodged_on": "2019-01-31",
        "eurodac_hit": False,
    }
    for day in (dt.date(2019, 2, 1), dt.date(2027, 1, 1), dt.date(2040, 1, 1)):
        assert rulebook.evaluate(facts, as_of=day)["take_charge_request_deadline"] == dt.date(
            2019, 4, 30
        )
    before = facts | {"application_lodged_on": "2013-12-01"}
    assert (
        rulebook.evaluate(before, as_of=dt.date(2019, 1, 1))["take_charge_request_deadline"]
        is UNKNOWN
    )


VERSIONED = """
rules:
  - {id: period-old, source: Art. 1 old law, valid_from: 2000-01-01, valid_to: 2019-12-31,
     sets: deadline, value: start + 3 months}
  - {id: period-new, source: Art. 1 new law, valid_from: 2020-01-01,
     sets: deadline, value: start + 2 months}
facts:
  start: {type: date, label: {de: Beginn, en: Start}}
  deadline: {type: date, label: {de: Frist, en: Deadline}}
"""


def test_versions_by_case_date_and_a_session_that_changes_it(tmp_path):
    (tmp_path / "rulebook.yaml").write_text(
        "name: versioned\nversion: '1'\nlanguages: [de, en]\ncase_date: start\n"
        "outcomes: [deadline]\n"
    )
    (tmp_path / "rules.yaml").write_text(VERSIONED)
    book = Rulebook.load(tmp_path)
    late = dt.date(2030, 1, 1)
    assert book.evaluate({"start": "2019-12-31"}, as_of=late)["deadline"] == dt.date(2020, 3, 31)
    assert book.evaluate({"start": "2020-01-01"}, as_of=late)["deadline"] == dt.date(2020, 3, 1)
    session = book.session(dt.date(2019, 6, 1))
    session.set("start", "2019-06-01")
    assert session["deadline"] == dt.date(2019, 9, 1)
    changed = session.set("start", "2020-06-01")
    assert "deadline" in changed and session["deadline"] == dt.date(2020, 8, 1)
    assert session.derived == book.evaluate({"start": "2020-06-01"}, as_of=late).derived


def test_case_date_must_be_an_input_date(tmp_path):
    (tmp_path / "rulebook.yaml").write_text(
        "name: bad\nversion: '1'\nlanguages: [de, en]\ncase_date: deadline\n"
    )
    (tmp_path / "rules.yaml").write_text(VERSIONED)
    with pytest.raises(RulebookError) as error:
        Rulebook.load(tmp_path)
    assert "rules.check.case_date_not_an_input_date" in str(error.value)


def test_checklist_suggestions_and_country_information():
    rulebook = Rulebook.load(ASYLUM)
    evaluation = rulebook.evaluate({"place_of_origin": "erbil"}, as_of=dt.date(2019, 6, 1))
    assert [s.id for s in evaluation.suggestions] == ["erbil-attacks"]
    assert [i.id for i in evaluation.country_information] == ["erbil-placeholder"]
    # not yet published on an earlier date
    earlier = rulebook.evaluate({"place_of_origin": "erbil"}, as_of=dt.date(2018, 6, 1))
    assert earlier.country_information == []
    states = {s.item.id: s for s in evaluation.checklist}
    assert states["torture"].state == "open" and states["torture"].missing == ("account_torture",)
    changed = evaluation.set("country_of_origin", "AFG")
    assert "suggestion:place-country-mismatch" in changed
    assert {s.id for s in evaluation.suggestions} == {"erbil-attacks", "place-country-mismatch"}
    evaluation.set("account_torture", "segment 3: was not ill-treated")
    assert {s.item.id: s.state for s in evaluation.checklist}["torture"] == "covered"


def test_session_set_unset_matches_fresh_evaluation():
    rulebook = Rulebook.load(DUBLIN)
    session = rulebook.session(dt.date(2019, 12, 1))
    answers = {
        "procedure": "take_charge",
        "request_received_on": "2019-01-31",
        "urgent_reply_requested": False,
        "reply_given": False,
        "detained": False,
        "appeal_with_suspensive_effect": False,
        "imprisoned": False,
        "absconded": True,
    }
    for fact, value in answers.items():
        session.set(fact, value)
    fresh = rulebook.evaluate(answers, as_of=dt.date(2019, 12, 1))
    assert session.derived == fresh.derived
    assert session["transfer_deadline"] == dt.date(2020, 9, 30)
    session.unset("absconded")
    assert session["transfer_deadline"] is UNKNOWN


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated") / "book"
    generate(folder, rules=300, facts=120, seed=7)
    return Rulebook.load(folder)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(min_value=0, max_value=2**32))
def test_incremental_equals_full_evaluation(generated, seed):
    rng = random.Random(seed)
    inputs = sorted(set(generated.facts) - generated.derived)
    day = rng.choice([dt.date(2018, 1, 1), dt.date(2021, 1, 1)])

    def random_value(name):
        if rng.random() < 0.15:
            return None
        return rng.randrange(100) if name.startswith("i") else rng.random() < 0.5

    answers = {name: random_value(name) for name in rng.sample(inputs, 30)}
    session = generated.evaluate(answers, as_of=day)
    for _ in range(25):
        name = rng.choice(inputs)
        answers[name] = random_value(name)
        session.set(name, answers[name])
    fresh = generated.evaluate(answers, as_of=day)
    assert session.same_as(fresh)
    goals = tuple(generated.manifest.outcomes)
    assert generated.evaluate_goals(answers, day, goals) == {g: fresh.value(g) for g in goals}


def test_checklist_relevance_and_unknown_suggestions(make_rulebook):
    rulebook = Rulebook.load(
        make_rulebook(
            {
                "facts.yaml": FACTS,
                "content.yaml": """\
checklist:
  - id: minor-care
    title: {de: Minderjährige, en: Minors}
    source: Art. 25 Directive 2013/32/EU
    relevant_when: a
    covered_when: known(grade)
    reason: {de: Sorgfalt, en: Care}
suggestions:
  - id: ask-more
    when: a and n > 2
    text: t
    reason: r
    source: s
questions:
  - {id: q-a, asks: a, text: {de: A?, en: A?}}
  - {id: q-grade, asks: grade, text: {de: G?, en: G?}}
""",
            }
        )
    )
    evaluation = rulebook.evaluate({"n": 3}, as_of=DAY)
    [state] = evaluation.checklist
    assert state.state == "open" and state.missing == ("grade",)
    assert evaluation.suggestions == []  # unknown is not shown
    assert [q.fact for q in evaluation.next_questions()] == ["a", "grade"]  # a tie: rulebook order
    evaluation.set("a", False)
    assert evaluation.checklist[0].state == "not_relevant"
    assert evaluation.next_questions() == []
    evaluation.set("a", True)
    assert [s.id for s in evaluation.suggestions] == ["ask-more"]
    evaluation.set("grade", "reported")
    assert evaluation.checklist[0].covered


def test_an_explanation_is_structure_the_caller_says(layered):
    explanation = layered.evaluate({"a": True, "b": True, "c": False}, as_of=DAY).explain("result")
    assert [(rule.id, why.code) for rule, why in explanation.not_applied] == [
        ("exc-exc", "rules.explain.false")
    ]
    first = explanation.lines()[0]
    assert (first.depth, first.message.code) == (0, "rules.explain.value")
    german = explanation.render(lambda m: words.render(m, "de"))
    assert "Regel exc-exc greift nicht: c ist nicht erfüllt" in german
