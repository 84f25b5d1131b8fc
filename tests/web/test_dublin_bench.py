"""`akte bench dublin-web`'s filler: every procedure answered by the engine once and stored as
the web stores it (case, events, deadlines), in bulk; and the timeline shows a moved last day."""

import datetime as dt
import random

from akte.web.bench.dublin import fill_procedures
from akte.web.dublin.models import DublinCase, DublinDeadline, DublinEvent
from akte.web.dublin.services import answer
from akte.web.dublin.timeline import explanation_lines
from akte.words import render

TODAY = dt.date(2026, 12, 2)


def test_the_filler_stores_what_the_engine_answers(db):
    counts = fill_procedures(40, random.Random(3), TODAY)
    assert DublinCase.objects.count() == 40
    assert counts["events"] == DublinEvent.objects.count() > 40
    assert counts["deadlines"] == DublinDeadline.objects.count() >= 40
    assert {c.regulation for c in DublinCase.objects.all()} == {"dublin-iii", "ammr"}
    for case in DublinCase.objects.order_by("pk")[:10]:
        expected = {d["id"]: d for d in answer(case, as_of=TODAY)["deadlines"]}
        stored = {d.kind: d for d in case.deadlines.all()}
        assert set(stored) == set(expected)
        for kind, row in stored.items():
            assert (row.due.isoformat() if row.due else None) == expected[kind]["due"]
            assert row.state_on(TODAY) == expected[kind]["state"]
            assert row.member_state == case.member_state and row.office == case.procedure.office


def test_the_timeline_says_which_holiday_moved_a_last_day():
    tree = {
        "fact": "take_charge_reply_deadline",
        "value": "2027-06-03",
        "kind": "derived",
        "rules": [{"id": "art40-1-reply-within-1-month", "source": "Art. 40(1)"}],
        "not_applied": [],
        "missing": [],
        "moved": {
            "code": "rules.explain.moved_holiday",
            "params": {
                "start": "2027-06-02",
                "end": "2027-06-03",
                "region": "IT",
                "holidays": "2027-06-02 Festa della Repubblica",
            },
        },
        "because": [],
    }
    said = [render(message, "de") for _depth, message in explanation_lines(tree)]
    assert any("Festa della Repubblica" in line and "2027-06-03" in line for line in said)
