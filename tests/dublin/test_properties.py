"""Properties over synthetic procedures: no deadline before its trigger, unrelated events change
nothing, the event-by-event tracker answers as the whole-procedure engine does."""

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from akte.dublin.bench import _ordered
from akte.dublin.config import DublinConfig
from akte.dublin.deadlines import deadlines
from akte.dublin.synthetic import events
from akte.dublin.tracker import Tracker

AS_OF = dt.date(2026, 12, 1)
CONFIG = DublinConfig()
seeds = st.integers(min_value=0, max_value=2**32 - 1)


def answer(case):
    return deadlines(case, AS_OF, explain=False, settings=CONFIG)


def first(case, *types):
    days = [e["date"] for e in case["events"] if e["type"] in types]
    return min(days) if days else None


@settings(max_examples=300, deadline=None)
@given(seeds)
def test_no_deadline_lies_before_its_trigger(seed):
    case = events(random.Random(seed))
    starts = first(
        case, "application_lodged", "application_registered", "eurodac_hit", "vis_hit", "detained"
    )
    received = first(
        case,
        "take_charge_request_sent",
        "take_charge_request_received",
        "take_back_request_sent",
        "take_back_request_received",
        "take_back_notification_sent",
        "take_back_notification_received",
    )
    for item in answer(case)["deadlines"]:
        if item["due"] is None:
            continue
        if item["id"].endswith(("_request", "_notification")):
            assert item["due"] > starts, item
        else:
            assert received is not None and item["due"] > received, item
        if "counted_from" in item and item["counted_from"]:
            assert item["due"] > item["counted_from"]


@settings(max_examples=200, deadline=None)
@given(seeds, st.integers(min_value=-400, max_value=400), st.randoms(use_true_random=False))
def test_an_unrelated_event_changes_nothing(seed, offset, shuffle):
    case = events(random.Random(seed))
    before = answer(case)
    extra = [dict(e, note="unrelated", x=[1, 2]) for e in case["events"]]  # unknown fields
    shuffle.shuffle(extra)
    start = dt.date.fromisoformat(min(e["date"] for e in case["events"]))
    if before["regulation"] == "dublin-iii":  # a VIS hit means nothing to Dublin III
        day = max(start, start + dt.timedelta(days=offset))
        extra.append({"type": "vis_hit", "date": day.isoformat()})
    assert answer({"role": case["role"], "events": extra}) == before


@settings(max_examples=150, deadline=None)
@given(seeds)
def test_the_tracker_answers_as_the_engine(seed):
    case = _ordered(events(random.Random(seed)))
    tracker = Tracker(case["role"], AS_OF, CONFIG)
    for count, event in enumerate(case["events"], 1):
        tracker.add(event)
        prefix = {"role": case["role"], "events": case["events"][:count]}
        assert tracker.deadlines() == answer(prefix)


def test_the_tracker_follows_a_late_registration_into_the_ammr():
    tracker = Tracker("requesting", AS_OF, CONFIG)
    tracker.add({"type": "application_lodged", "date": "2026-06-29"})
    assert tracker.deadlines()["regulation"] == "dublin-iii"
    tracker.add({"type": "application_registered", "date": "2026-07-01"})
    answer_now = tracker.deadlines()
    assert answer_now["regulation"] == "ammr"
    assert answer_now == answer(
        {
            "role": "requesting",
            "events": [
                {"type": "application_lodged", "date": "2026-06-29"},
                {"type": "application_registered", "date": "2026-07-01"},
            ],
        }
    )
