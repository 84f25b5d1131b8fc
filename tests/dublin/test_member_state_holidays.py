"""The other Member State's public holidays (Regulation 1182/71 Art. 2(1), 3(4)) under the AMMR:
the state that must act chooses the calendar, the explanation names the holiday, and Dublin III
(Art. 42) moves nothing."""

import datetime as dt

import pytest

from akte.core.message import Message
from akte.dublin.config import DublinConfig
from akte.dublin.deadlines import deadlines
from akte.dublin.events import MEMBER_STATES, DublinInputError, read_event
from akte.rules.calendar import holidays, moved_over, working_day
from akte.words import render

BY = DublinConfig(land="BY")


def ev(kind, day, **fields):
    return {"type": kind, "date": day, **fields}


def run(events, role="requesting", as_of=dt.date(2027, 5, 3)):
    result = deadlines({"role": role, "events": events}, as_of, settings=BY)
    return {d["id"]: d for d in result["deadlines"]}


def moves(tree):
    found = [tree["moved"]] if tree.get("moved") else []
    for child in tree["because"]:
        found += moves(child)
    return found


def italian_request(role="requesting", state="IT", registered="2027-04-20"):
    received = (
        "take_charge_request_sent" if role == "requesting" else "take_charge_request_received"
    )
    return [
        ev("application_registered", registered),
        ev(received, "2027-05-02", member_state=state),
    ]


def test_a_reply_due_on_italys_festa_della_repubblica_moves_to_3_june():
    reply = run(italian_request())["take_charge_reply"]
    assert reply["due"] == "2027-06-03"
    (moved,) = {m["params"]["start"]: m for m in moves(reply["explanation"])}.values()
    assert moved["code"] == "rules.explain.moved_holiday"
    assert moved["params"]["region"] == "IT"
    assert "Festa della Repubblica" in moved["params"]["holidays"]
    line = render(_message(moved), "en")
    assert "Festa della Repubblica" in line and "2027-06-03" in line


def _message(data):
    return Message.from_dict(data)


def test_another_state_without_that_holiday_moves_nothing():
    assert run(italian_request(state="AT"))["take_charge_reply"]["due"] == "2027-06-02"


def test_the_state_that_must_act_chooses_the_calendar():
    """Requested, Germany replies: Bavaria's calendar, not Italy's (2 June is a working day)."""
    reply = run(italian_request(role="requested"), role="requested")["take_charge_reply"]
    assert reply["due"] == "2027-06-02"
    assert not moves(reply["explanation"])


def test_dublin_iii_counts_holidays_and_moves_nothing():
    """Art. 42 Dublin III: lodged and requested before 1 July 2026, a reply due on Italy's
    2 June (a Tuesday in 2026) stays on 2 June."""
    events = [
        ev("application_lodged", "2026-03-20"),
        ev("take_charge_request_sent", "2026-04-02", member_state="IT"),
    ]
    reply = run(events, as_of=dt.date(2026, 4, 3))["take_charge_reply"]
    assert reply["regulation"] == "dublin-iii"
    assert reply["due"] == "2026-06-02"
    assert not moves(reply["explanation"])


def test_an_explanation_names_a_weekend_as_such():
    """Registered 20 April 2027: the request's two months end on Sunday 20 June."""
    request = run(italian_request())["take_charge_request"]
    assert request["due"] == "2027-06-21"
    (moved,) = moves(request["explanation"])
    assert moved["code"] == "rules.explain.moved_weekend"
    assert "Sonntag" in render(_message(moved), "de")


@pytest.mark.parametrize("state", MEMBER_STATES)
def test_every_dublin_state_has_a_calendar_with_new_year(state):
    days = holidays(state, 2027)
    assert dt.date(2027, 1, 1) in days
    assert len(days) >= 4  # Switzerland keeps four national ones (the cantons add their own)


def test_a_holiday_before_a_weekend_moves_over_all_three_days():
    """Friday 1 January 2027 in Italy: the last day moves to Monday 4 January."""
    assert working_day(dt.date(2027, 1, 1), "IT") == dt.date(2027, 1, 4)
    skipped = moved_over(dt.date(2027, 1, 1), "IT")
    assert [d.day for d, _ in skipped] == [1, 2, 3]
    assert skipped[0][1] and skipped[1][1] is None


@pytest.mark.parametrize(
    ("given", "read"), [("it", "IT"), (" IT ", "IT"), ("EL", "GR"), ("", None), (None, None)]
)
def test_member_state_is_read_in_any_case(given, read):
    assert (
        read_event(0, ev("take_charge_request_sent", "2027-05-02", member_state=given)).member_state
        == read
    )


@pytest.mark.parametrize("bad", ["DE", "XX", "ITA", "US", 7, ["IT"], "I"])
def test_a_member_state_outside_the_dublin_system_is_refused_with_its_place(bad):
    events = [
        ev("application_registered", "2027-04-20"),
        ev("take_charge_request_sent", "2027-05-02", member_state=bad),
    ]
    with pytest.raises(DublinInputError) as caught:
        run(events)
    assert caught.value.to_dict() == {
        "code": "dublin.input.bad_member_state",
        "event_index": 1,
        "field": "member_state",
    }
