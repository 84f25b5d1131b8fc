"""The demo's Dublin procedures keep every deadline state under both regulations however late
the demo is loaded: the dates move with the load day (demo/dublin.py)."""

import datetime as dt

import pytest

from akte.dublin.config import DublinConfig
from akte.dublin.deadlines import STATES, deadlines
from akte.web.demo.dublin import SCENARIOS, scenario_events
from akte.web.dublin.models import DublinEvent

LOAD_DAYS = [
    dt.date(2026, 12, 2),
    dt.date(2027, 2, 28),
    dt.date(2027, 6, 2),
    dt.date(2027, 12, 24),
    dt.date(2028, 2, 29),
    dt.date(2029, 7, 1),
    dt.date(2031, 1, 1),
    dt.date(2036, 11, 30),
]


def states_on(today: dt.date) -> set[tuple[str, str]]:
    seen = set()
    for role, state, events in SCENARIOS:
        contract = [DublinEvent(**row).contract() for row in scenario_events(state, events, today)]
        assert all(dt.date.fromisoformat(e["date"]) <= today for e in contract)  # none ahead
        answer = deadlines({"role": role, "events": contract}, today, settings=DublinConfig())
        seen |= {(d["regulation"], d["state"]) for d in answer["deadlines"]}
    return seen


@pytest.mark.parametrize("today", LOAD_DAYS, ids=str)
def test_every_state_under_both_regulations_whenever_the_demo_is_loaded(today):
    seen = states_on(today)
    for regulation in ("dublin-iii", "ammr"):
        for state in STATES:
            assert (regulation, state) in seen, (regulation, state)


def test_the_dublin_iii_cases_stay_dublin_iii_and_the_ammr_cases_ammr():
    """Loaded on the earliest day the code could be (today), the AMMR's registrations still
    fall on or after 1 July 2026."""
    today = dt.date(2026, 12, 2)
    for role, state, events in SCENARIOS:
        contract = [DublinEvent(**row).contract() for row in scenario_events(state, events, today)]
        regulation = deadlines({"role": role, "events": contract}, today)["regulation"]
        fixed_first = not isinstance(events[0][1], int)
        assert regulation == ("dublin-iii" if fixed_first else "ammr"), state
