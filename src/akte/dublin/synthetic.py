"""Synthetic, legal event sets (benchmarks, property tests, demo data): no real person, no real case.

`events(rng)` returns a contract input `{"role", "events"}` for one procedure: a take charge or a
take back, under Dublin III or the AMMR (registration on either side of 1 July 2026), with or
without a hit, detention, an urgent reply, a refusal and re-examination, an appeal, absconding,
imprisonment and a transfer, dates in order, each event a few days to weeks after the one before.
"""

from __future__ import annotations

import datetime as dt
import random

FIRST_DAY = dt.date(2025, 1, 1)
MEMBER_STATES = ("AT", "BE", "BG", "ES", "FR", "GR", "HR", "IT", "NL", "PL", "SE")  # a sample


def _event(kind: str, day: dt.date, **fields) -> dict:
    return {"type": kind, "date": day.isoformat(), **fields}


def events(rng: random.Random, start: dt.date | None = None) -> dict:
    day = start or FIRST_DAY + dt.timedelta(days=rng.randrange(900))
    role = rng.choice(("requesting", "requested"))
    registered = day + dt.timedelta(days=rng.randrange(3))
    ammr = registered >= dt.date(2026, 7, 1)  # Art. 84: the registration decides
    state = rng.choice(MEMBER_STATES)
    out = [_event("application_lodged", day)]
    if ammr or rng.random() < 0.5:
        out.append(_event("application_registered", registered))
    elif registered != day:
        ammr = day >= dt.date(2026, 7, 1)  # without a registration, the lodging decides

    def later(low: int = 1, high: int = 20) -> dt.date:
        nonlocal day
        day = day + dt.timedelta(days=rng.randrange(low, high))
        return day

    hit = rng.random() < 0.6
    if hit:
        out.append(
            _event(rng.choice(("eurodac_hit", "vis_hit")) if ammr else "eurodac_hit", later())
        )
    if rng.random() < 0.15:
        out.append(_event("detained", later()))
    kind = rng.choice(("take_charge", "take_back"))
    if rng.random() < 0.1:
        return {"role": role, "events": out}  # no request yet: both kinds open
    noun = "notification" if kind == "take_back" and ammr else "request"
    sent = later(3, 40)
    request = {"eurodac": hit, "vis": False, "member_state": state}
    out.append(_event(f"{kind}_{noun}_sent", sent, **request))
    out.append(_event(f"{kind}_{noun}_received", sent))
    if kind == "take_charge" and not ammr and rng.random() < 0.2:
        out.append(
            _event("urgent_reply_requested", sent, by=(sent + dt.timedelta(days=10)).isoformat())
        )
    pattern = rng.random()
    if pattern < 0.25:
        return {"role": role, "events": out}  # no reply (yet): deemed accepted when the period ends
    if pattern < 0.4:
        out.append(_event("reply", later(), answer="refused"))
        if rng.random() < 0.5:
            return {"role": role, "events": out}
        out.append(_event("reexamination_requested", later(1, 10)))
        out.append(_event("reply", later(1, 15), answer=rng.choice(("accepted", "refused"))))
        if out[-1]["answer"] == "refused":
            return {"role": role, "events": out}
    else:
        out.append(_event("reply", later(), answer="accepted"))
    if ammr:
        out.append(_event("transfer_decision_notified", later(1, 18)))
    extra = rng.random()
    if extra < 0.1:
        out.append(_event("appeal_final_decision", later(20, 90), suspensive=True))
    elif extra < 0.2:
        out.append(_event("absconded", later(10, 60)))
    elif extra < 0.25:
        out.append(_event("imprisoned", later(10, 60)))
    if rng.random() < 0.5:
        out.append(_event("transfer_carried_out", later(10, 200)))
    rng.shuffle(out)  # the contract takes events in any order
    return {"role": role, "events": out}
