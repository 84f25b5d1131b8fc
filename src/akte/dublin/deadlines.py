"""Every deadline of a procedure: due date, article, state, consequence and explanation.

`deadlines(data, as_of)` is the contract of `akte dublin deadlines` (docs/dublin.md): the
regulation follows from the case's dates (regulation.py), the rulebook of that regulation computes
the dates (its rules cite the articles), and this module says for each deadline which event meets
it and what missing it means. `as_of` changes only the `state`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from akte.dublin.config import DublinConfig, config
from akte.dublin.events import Event, Procedure, read_procedure
from akte.dublin.facts import REQUEST_EVENTS, facts_for, kind_of
from akte.dublin.regulation import AMMR, DUBLIN_III, regulation_of, rulebook
from akte.rules.resolution import NOT_APPLICABLE
from akte.rules.values import UNKNOWN

OPEN, MET, MISSED, NOT_APPLICABLE_STATE = "open", "met", "missed", "not_applicable"
STATES = (OPEN, MET, MISSED, NOT_APPLICABLE_STATE)
BOTH = ("requesting", "requested")


@dataclass(frozen=True)
class Spec:
    """One deadline of the contract: which fact gives it, which event meets it, for whom."""

    id: str
    kind: str | None  # take_charge | take_back | None: after either
    fact: str
    done_by: tuple[str, ...]
    consequence: str
    roles: tuple[str, ...] = BOTH
    detention_fact: str | None = None
    article_fact: str | None = None  # the fact whose rule names the article, if not `fact`


def _request(kind: str, fact: str, consequence: str) -> Spec:
    return Spec(
        f"{kind}_request"
        if fact != "take_back_notification_deadline"
        else "take_back_notification",
        kind,
        fact,
        REQUEST_EVENTS[kind],
        consequence,
        ("requesting",),
        "detention_request_deadline",
    )


_TRANSFER = Spec(
    "transfer",
    None,
    "transfer_deadline",
    ("transfer_carried_out",),
    "dublin.consequence.responsibility_shifts",
    BOTH,
    "detention_transfer_deadline",
)


def _reply(id: str, kind: str, consequence: str, cited: str) -> Spec:
    return Spec(id, kind, "reply_deadline", ("reply",), consequence, BOTH, None, cited)


_ACCEPTED = "dublin.consequence.deemed_accepted"
SPECS: dict[str, tuple[Spec, ...]] = {
    DUBLIN_III: (
        _request("take_charge", "take_charge_request_deadline", "dublin.consequence.requesting"),
        _reply("take_charge_reply", "take_charge", _ACCEPTED, "take_charge_reply_deadline"),
        _request("take_back", "take_back_request_deadline", "dublin.consequence.requesting"),
        _reply("take_back_reply", "take_back", _ACCEPTED, "take_back_reply_deadline"),
        _TRANSFER,
    ),
    AMMR: (
        _request("take_charge", "take_charge_request_deadline", "dublin.consequence.registering"),
        _reply("take_charge_reply", "take_charge", _ACCEPTED, "take_charge_reply_deadline"),
        _request("take_back", "take_back_notification_deadline", "dublin.consequence.no_shift"),
        _reply(
            "take_back_confirmation",
            "take_back",
            "dublin.consequence.deemed_confirmed",
            "take_back_confirmation_deadline",
        ),
        Spec(
            "transfer_decision",
            None,
            "transfer_decision_deadline",
            ("transfer_decision_notified",),
            "dublin.consequence.none_stated",
            ("requesting",),
        ),
        _TRANSFER,
    ),
}
RELEASE = "dublin.consequence.release_from_detention"


def deadlines(
    data: object, as_of: dt.date, *, explain: bool = True, settings: DublinConfig | None = None
) -> dict:
    """The contract's answer for a JSON-like input; raises `DublinInputError` (events.py)."""
    return answer(read_procedure(data), as_of, explain=explain, settings=settings)


def answer(
    procedure: Procedure,
    as_of: dt.date,
    *,
    explain: bool = True,
    settings: DublinConfig | None = None,
) -> dict:
    settings = settings or config()
    regulation = regulation_of(procedure)
    book = rulebook(regulation)
    evaluations = {}
    for kind in kinds_open(procedure):
        facts = facts_for(procedure, regulation, kind, settings)
        evaluations[kind] = book.evaluate(facts, as_of=as_of)
    return listing(procedure, regulation, evaluations, as_of, explain)


def kinds_open(procedure: Procedure) -> tuple[str, ...]:
    """The kind a request settled, or both while none is made (both are listed)."""
    settled = kind_of(procedure)
    return (settled,) if settled else ("take_charge", "take_back")


def listing(procedure: Procedure, regulation: str, evaluations: dict, as_of, explain) -> dict:
    """The deadlines from the evaluations per kind of request (one per kind still open)."""
    kinds = tuple(evaluations)
    result = []
    for spec in SPECS[regulation]:
        if procedure.role not in spec.roles or (spec.kind and spec.kind not in kinds):
            continue
        evaluation = evaluations[spec.kind or kinds[0]]
        result.append(deadline_entry(spec, procedure, regulation, evaluation, as_of, explain))
    return {"regulation": regulation, "deadlines": result}


def _first_done(procedure: Procedure, spec: Spec) -> Event | None:
    if spec.done_by == ("reply",):
        return procedure.first("reply")
    return procedure.first(*spec.done_by)


def _source(evaluation, fact: str) -> str | None:
    state, rules = evaluation.outcome(fact)
    return rules[0].source if rules else None


def deadline_entry(spec, procedure, regulation, evaluation, as_of, explain) -> dict:
    due = evaluation[spec.fact]
    state_code, _ = evaluation.outcome(spec.fact)
    cited = spec.article_fact or spec.fact
    article = _source(evaluation, cited) or _static_article(evaluation, cited)
    consequence = spec.consequence
    entry: dict = {"id": spec.id, "regulation": regulation}
    if spec.detention_fact:
        held = evaluation[spec.detention_fact]
        if held is not UNKNOWN and held is not None and (due is UNKNOWN or held < due):
            entry["latest"] = _iso(due)  # the period of the general rule, still running
            entry["latest_consequence"] = consequence
            entry["latest_article"] = article
            due, consequence = held, RELEASE
            article = _source(evaluation, spec.detention_fact) or article
    done = _first_done(procedure, spec)
    applicable = state_code != NOT_APPLICABLE or due is not UNKNOWN
    if spec.kind is None and not _accepted_path(evaluation):
        applicable = False
    entry |= {
        "due": _iso(due),
        "article": article,
        "state": state_of(due if due is not UNKNOWN else None, done, as_of, applicable),
        "consequence": consequence,
    }
    if done is not None:
        entry["done_on"] = done.date.isoformat()
    if spec.id in ("transfer", "transfer_decision"):
        start = evaluation["transfer_period_starts_on" if spec.id == "transfer" else "accepted_on"]
        entry["counted_from"] = _iso(start)
        entry["deemed_accepted"] = evaluation["tacitly_accepted"] is True
    if explain:
        entry["explanation"] = evaluation.explain(spec.fact).to_dict()
    return entry


def _accepted_path(evaluation) -> bool:
    """False once the requested state refused for good: no transfer follows."""
    return not (evaluation["tacitly_accepted"] is False and evaluation["reply"] == "refused")


def _static_article(evaluation, fact: str) -> str | None:
    rules = evaluation.rules_for(fact)
    return rules[0].source if rules else None


def state_of(due: dt.date | None, done, as_of: dt.date, applicable: bool) -> str:
    """open / met / missed / not_applicable; `done` is the event (or date) that met it."""
    if not applicable:
        return NOT_APPLICABLE_STATE
    if done is not None:
        day = done.date if isinstance(done, Event) else done
        return MET if due is None or day <= due else MISSED
    if due is None:
        return OPEN
    return MISSED if as_of > due else OPEN


def _iso(value: object) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None
