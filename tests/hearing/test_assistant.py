"""The interview assistant on a small rulebook: places named, suggestions with reasons,
opportunities to explain, checklist, goal-directed questions, replay by hearing date."""

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akte import words
from akte.hearing.assistant import RulebookAssistant
from akte.hearing.places import PlaceFinder, fold
from akte.hearing.record import Segment, Speaker
from akte.rules.rulebook import Rulebook

BOOK = Rulebook.load(Path(__file__).parent / "mini-rulebook")
T = dt.datetime(2019, 6, 1, tzinfo=dt.UTC)


def seg(number, speaker, text):
    return Segment(number, Speaker(speaker), text, T)


def assistant(day=dt.date(2019, 7, 1), **kw):
    return RulebookAssistant(BOOK, day, country="IRQ", skeleton=kw.get("skeleton", "short"))


def ids(panels):
    return {s.id for s in panels.all_suggestions}


def test_place_named_by_the_applicant_brings_information_and_a_question():
    panels = assistant().panels([seg(1, "applicant", "Ich komme aus ERBIL, Stadtteil Ainkawa.")])
    assert panels.facts["hearing_places_named"] == ["erbil", "ankawa"]
    info = next(s for s in panels.information if s.id == "coi:erbil-2014")
    assert info.reason.code == "hearing.reason.place_named"
    assert words.render(info.reason, "de") == "Genannter Ort: Erbil"
    assert "Demo source (2015-01-01)" == info.source
    assert info.validity == "2014-08-01 – 2014-12-31"
    question = next(s for s in panels.suggestions if s.id == "erbil-when")
    assert question.text == "Wann genau kam es zu Angriffen?" and question.reason


def test_interviewer_mentions_do_not_count_as_the_applicants_account():
    panels = assistant().panels([seg(1, "interviewer", "Waren Sie in Erbil?")])
    assert panels.facts["hearing_places_named"] == []
    assert not ids(panels)


def test_opportunity_to_explain_appears_only_with_the_conflicting_answers():
    a = assistant()
    segments = [seg(1, "applicant", "Aus Erbil.")]
    assert "erbil-explain" not in ids(a.panels(segments, answers={"hearing_answers_actor": "isis"}))
    panels = a.panels(
        segments, answers={"hearing_answers_actor": "isis", "hearing_answers_attack_year": 2014}
    )
    explain = next(s for s in panels.suggestions if s.id == "erbil-explain")
    assert explain.kind == "opportunity_to_explain"
    assert "falsch" not in explain.text.lower() and "false" not in explain.text.lower()


def test_checklist_from_answers_and_from_tags():
    a = assistant()
    open_ = a.panels([seg(1, "applicant", "…")]).checklist[0]
    assert not open_.covered
    by_answer = a.panels([seg(1, "applicant", "…")], answers={"hearing_answers_actor": "state"})
    assert by_answer.checklist[0].covered
    by_tag = assistant().panels(
        [seg(1, "applicant", "…"), seg(2, "applicant", "…")], {2: {"actor"}}
    )
    assert by_tag.checklist[0].covered and by_tag.checklist[0].segments == (2,)


def test_goal_directed_questions_never_ask_what_is_known():
    a = assistant()
    asked = [q.fact for q in a.panels([]).questions]
    assert "hearing_answers_actor" in asked
    answered = a.panels([], answers={"hearing_answers_actor": "militia"})
    assert "hearing_answers_actor" not in [q.fact for q in answered.questions]
    question = next(q for q in a.panels([]).questions if q.fact == "hearing_answers_actor")
    assert question.type == "choice" and ("isis", "isis") in question.options


def test_replay_uses_the_guideline_version_of_the_hearing_date():
    segments = [seg(1, "applicant", "Ich lebte in Mossul.")]
    old = assistant(dt.date(2019, 5, 1)).panels(segments)
    new = assistant(dt.date(2019, 7, 1)).panels(segments)
    guideline = next(s for s in old.information if s.id == "guideline-conflict")
    assert guideline.kind == "guideline"
    assert "v2017" in guideline.source and guideline.validity == "2017-01-01 – 2019-05-31"
    assert "guideline-conflict" not in ids(new)


def test_model_questions_follow_the_chosen_skeleton():
    short = assistant(skeleton="short").panels([]).model_questions
    long = RulebookAssistant(BOOK, dt.date(2019, 7, 1), skeleton="long").panels([]).model_questions
    assert [len(q) for _, q in short] == [1] and [len(q) for _, q in long] == [2]


def test_incremental_refresh_gives_the_same_panels_as_a_fresh_evaluation():
    a = assistant()
    steps = [
        [seg(1, "applicant", "Aus Mossul.")],
        [seg(1, "applicant", "Aus Mossul."), seg(2, "applicant", "Dann Erbil.")],
        [seg(1, "applicant", "Aus Erbil.")],
    ]
    for segments in steps:
        answers = {"hearing_answers_actor": "isis", "hearing_answers_attack_year": 2014}
        incremental = a.panels(segments, answers=answers)
        fresh = assistant().panels(segments, answers=answers)
        assert ids(incremental) == ids(fresh)
        assert incremental.checklist == fresh.checklist


@given(st.text(max_size=300))
def test_place_finder_is_total(text):
    finder = PlaceFinder({"erbil": ["Erbil", "Arbil"], "x": ["", "a"]})
    found = finder.find(text)
    assert set(found) <= {"erbil"}
    assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize("text", ["Erbilstraße", "Terbil", "Arbils"])
def test_place_finder_matches_whole_words_only(text):
    assert PlaceFinder({"erbil": ["Erbil", "Arbil"]}).find(text) == []


def test_tagging_a_segment_sets_the_items_account_fact():
    book = Rulebook.load(Path(__file__).parents[2] / "rulebooks" / "asylum-de")
    a = RulebookAssistant(book, dt.date(2026, 11, 23), country="IRQ")
    panels = a.panels(
        [seg(1, "applicant", "Sie haben mich geschlagen.")], {1: {"act-of-persecution"}}
    )
    entry = next(c for c in panels.checklist if c.item_id == "act-of-persecution")
    assert entry.covered and entry.segments == (1,)
    assert panels.facts["account_persecution_acts"] == "Abschnitt 1"
    other = next(c for c in panels.checklist if c.item_id == "fear-on-return")
    assert not other.covered


def test_an_unchanged_places_fact_is_no_change():
    # the places fact is stored as a frozenset and given as a list: equal means no update
    a = assistant()
    segments = [seg(1, "applicant", "Ich komme aus Erbil.")]
    a.panels(segments)
    updates = []
    original = a._evaluation.update
    a._evaluation.update = lambda changes: (updates.append(dict(changes)), original(changes))[1]
    a.panels(segments + [seg(2, "interviewer", "Was geschah dann?")])
    assert all("hearing_places_named" not in u for u in updates)
    a.panels(segments + [seg(3, "applicant", "Dann nach Ankawa.")])
    assert any("hearing_places_named" in u for u in updates)
