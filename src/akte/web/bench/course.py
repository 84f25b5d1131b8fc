"""A procedure's course for `akte bench web`: the statuses it passes through, walked along
the lifecycle's transitions (`cases/lifecycle/statuses.yaml`; `tests/web/test_bench_fill.py`
checks every step against it), with the days each step waits and the decision's outcome.

Registration, lodging, sometimes a Dublin check (some end in an inadmissibility decision),
hearing dates (some postponed: back to "lodged" and scheduled again), the hearing, the
decision after the office's backlog, then either the decision becomes final or (mostly for
negative outcomes) an appeal: the court dismisses it (final) or annuls the decision (the
procedure goes back to "lodged" and is heard and decided again). Final procedures are often
closed later. A full course has 5–15 status events; `fill` cuts it at today, so the youngest
procedures are still early in theirs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

MAX_EVENTS = 15

OUTCOMES = [  # (choice, weight, protection): roughly the mix of a year's decisions
    ("refugee", 30, True),
    ("subsidiary", 14, True),
    ("deportation_ban_5", 3, True),
    ("deportation_ban_7", 3, True),
    ("unfounded", 24, False),
    ("manifestly_unfounded", 6, False),
    ("inadmissible:safe_third_country", 2, False),
    ("discontinued_withdrawn", 4, False),
    ("discontinued_not_pursued", 4, False),
]
DUBLIN_OUTCOME = "inadmissible:dublin"


@dataclass(frozen=True)
class Step:
    status: str
    wait_days: int  # after the previous step
    outcome: str = ""  # a decision's outcome choice (`code` or `code:ground`)


def _outcome(rng: random.Random) -> tuple[str, bool]:
    choice, _, protection = rng.choices(OUTCOMES, [w for _, w, _ in OUTCOMES])[0]
    return choice, protection


def course(rng: random.Random) -> list[Step]:
    steps = [Step("registered", 0), Step("lodged", rng.randint(1, 14))]
    dublin_decided = False
    if rng.random() < 0.25:
        steps.append(Step("dublin", rng.randint(5, 30)))
        if rng.random() < 0.4:  # a transfer: inadmissible (§ 29 (1) 1 AsylG)
            steps.append(Step("decided", rng.randint(30, 120), DUBLIN_OUTCOME))
            dublin_decided = True
        elif rng.random() < 0.15:  # no other state responsible after all
            steps.append(Step("lodged", rng.randint(20, 90)))
    protection = False
    if not dublin_decided:
        protection = _heard_and_decided(rng, steps)
    while len(steps) < MAX_EVENTS:
        last = steps[-1]
        if last.status == "decided" and (protection or rng.random() < 0.35):
            steps.append(Step("final", rng.randint(16, 30)))  # the appeal period passed
        elif last.status == "decided":  # an action (§ 74 AsylG)
            steps.append(Step("appeal", rng.randint(3, 14)))
        elif last.status == "appeal" and rng.random() < 0.75:
            steps.append(Step("final", rng.randint(120, 720)))  # dismissed
        elif last.status == "appeal":  # annulled: heard and decided again
            steps.append(Step("lodged", rng.randint(120, 720)))
            if len(steps) + 3 > MAX_EVENTS:
                break
            protection = _heard_and_decided(rng, steps)
        elif last.status == "final" and rng.random() < 0.5:
            steps.append(Step("closed", rng.randint(30, 365)))
            break
        else:
            break
    return steps


def _heard_and_decided(rng: random.Random, steps: list[Step]) -> bool:
    """Hearing scheduled (postponed sometimes), held (the Niederschrift sealed), decided
    after the backlog; whether the outcome grants protection."""
    steps.append(Step("hearing_scheduled", rng.randint(7, 45)))
    while rng.random() < 0.2 and len(steps) < MAX_EVENTS - 5:  # postponed
        steps.append(Step("lodged", rng.randint(5, 30)))
        steps.append(Step("hearing_scheduled", rng.randint(3, 20)))
    steps.append(Step("hearing_held", rng.randint(14, 60)))
    choice, protection = _outcome(rng)
    steps.append(Step("decided", rng.randint(14, 180), choice))
    return protection
