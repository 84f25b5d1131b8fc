"""The procedure's lifecycle and the outcomes of a decision, as data (`statuses.yaml`,
`outcomes.yaml` beside this module), loaded and checked once at start.

Plain Python (no Django): `load()` returns a `Lifecycle`; `Lifecycle.check(...)` says whether
a transition may be made, by whom or by which event, as a `Refusal` with a code (the web
says it in German or English, `cases.transitions.REASONS`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent
EVENTS = frozenset(
    {
        "hearing_sealed",
        "decision_recorded",
        "appeal_lodged",
        "court_final",
        "court_annulled",
        "dublin_case_opened",
    }
)


class LifecycleError(ValueError):
    """The data file is wrong: which file, where and what."""


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    step: str
    roles: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()
    exceptional: bool = False
    approvers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Refusal:
    code: str  # same_status, not_allowed, event_only, role, needs_reason, ...
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Lifecycle:
    initial: str
    initial_step: str
    statuses: tuple[str, ...]
    steps: dict[str, str]  # step -> legal basis
    transitions: dict[tuple[str, str], Transition]

    def transition(self, source: str, target: str) -> Transition | None:
        return self.transitions.get((source, target))

    def check(
        self, source: str, target: str, *, role: str | None = None, event: str | None = None
    ) -> Transition | Refusal:
        """The transition `source -> target` made by a user of `role` or by `event`."""
        if target not in self.statuses:
            return Refusal("unknown_status", {"status": target})
        if source == target:
            return Refusal("same_status", {"status": target})
        found = self.transition(source, target)
        if found is None:
            return Refusal("not_allowed", {"source": source, "target": target})
        if event is not None:
            if event not in found.events:
                return Refusal("not_by_event", {"event": event, "target": target})
            return found
        if not found.roles:
            return Refusal("event_only", {"events": sorted(found.events), "target": target})
        if role not in found.roles:
            return Refusal("role", {"role": role or "", "target": target})
        return found

    def next_for(self, source: str, role: str) -> list[Transition]:
        """What a user of `role` may do from `source` (the status form's choices)."""
        return [t for (s, _), t in self.transitions.items() if s == source and role in t.roles]


@dataclass(frozen=True)
class OutcomeVersion:
    basis: str
    appeal_days: int
    lodged_from: dt.date | None = None
    lodged_until: dt.date | None = None
    verified: bool = True

    def applies(self, lodged_on: dt.date | None) -> bool:
        if lodged_on is None:  # unknown: the version in force today decides
            lodged_on = dt.date.today()
        return (self.lodged_from is None or self.lodged_from <= lodged_on) and (
            self.lodged_until is None or lodged_on <= self.lodged_until
        )


@dataclass(frozen=True)
class Outcome:
    code: str
    protection: bool
    versions: dict[str, tuple[OutcomeVersion, ...]]  # ground ("" when none) -> versions

    @property
    def grounds(self) -> list[str]:
        return [g for g in self.versions if g]

    def version(self, ground: str, lodged_on: dt.date | None) -> OutcomeVersion | None:
        return next((v for v in self.versions.get(ground, ()) if v.applies(lodged_on)), None)


def _fail(path: Path, where: str, what: str) -> LifecycleError:
    return LifecycleError(f"{path.name}: {where}: {what}")


def _names(value, path: Path, where: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, where, "expected a list of names")
    return frozenset(value)


def parse_lifecycle(data: dict, roles: frozenset[str], path: Path = HERE / "statuses.yaml"):
    """Check and build the lifecycle; `roles` are the role keys that exist."""
    if not isinstance(data, dict):
        raise _fail(path, "top", "expected a mapping")
    statuses = tuple(data.get("statuses") or ())
    steps = {k: (v or {}).get("basis", "") for k, v in (data.get("steps") or {}).items()}
    initial = data.get("initial") or {}
    if initial.get("status") not in statuses:
        raise _fail(path, "initial.status", f"unknown status {initial.get('status')!r}")
    if initial.get("step") not in steps:
        raise _fail(path, "initial.step", f"unknown step {initial.get('step')!r}")
    transitions: dict[tuple[str, str], Transition] = {}
    for i, row in enumerate(data.get("transitions") or ()):
        where = f"transitions[{i}]"
        if not isinstance(row, dict):
            raise _fail(path, where, "expected a mapping")
        unknown = set(row) - {"from", "to", "step", "roles", "events", "exceptional", "approvers"}
        if unknown:
            raise _fail(path, where, f"unknown key(s) {sorted(unknown)}")
        source, target, step = row.get("from"), row.get("to"), row.get("step")
        for key, value in (("from", source), ("to", target)):
            if value not in statuses:
                raise _fail(path, f"{where}.{key}", f"unknown status {value!r}")
        if source == target:
            raise _fail(path, where, "a transition to the same status is never allowed")
        if step not in steps:
            raise _fail(path, f"{where}.step", f"unknown step {step!r}")
        t = Transition(
            source,
            target,
            step,
            roles=_names(row.get("roles"), path, f"{where}.roles"),
            events=_names(row.get("events"), path, f"{where}.events"),
            exceptional=bool(row.get("exceptional", False)),
            approvers=_names(row.get("approvers"), path, f"{where}.approvers"),
        )
        for key in ("roles", "approvers"):
            bad = getattr(t, key) - roles
            if bad:
                raise _fail(path, f"{where}.{key}", f"unknown role(s) {sorted(bad)}")
        if t.events - EVENTS:
            raise _fail(path, f"{where}.events", f"unknown event(s) {sorted(t.events - EVENTS)}")
        if not t.roles and not t.events:
            raise _fail(path, where, "nobody may make it: give roles or events")
        if t.exceptional and (not t.approvers or t.events):
            raise _fail(path, where, "an exceptional transition needs approvers and no events")
        if (source, target) in transitions:
            raise _fail(path, where, f"{source} -> {target} is given twice")
        transitions[(source, target)] = t
    return Lifecycle(initial["status"], initial["step"], statuses, steps, transitions)


def _date(value, path: Path, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    raise _fail(path, where, f"expected a date YYYY-MM-DD, got {value!r}")


def _versions(rows, path: Path, where: str) -> tuple[OutcomeVersion, ...]:
    if not isinstance(rows, list) or not rows:
        raise _fail(path, where, "expected a non-empty list of versions")
    versions = []
    for i, row in enumerate(rows):
        at = f"{where}[{i}]"
        if not isinstance(row, dict) or not row.get("basis"):
            raise _fail(path, at, "a version needs its legal basis")
        days = row.get("appeal_days")
        if not isinstance(days, int) or not 1 <= days <= 366:
            raise _fail(path, f"{at}.appeal_days", "expected a number of days (1-366)")
        versions.append(
            OutcomeVersion(
                basis=row["basis"],
                appeal_days=days,
                lodged_from=_date(row.get("lodged_from"), path, f"{at}.lodged_from"),
                lodged_until=_date(row.get("lodged_until"), path, f"{at}.lodged_until"),
                verified=bool(row.get("verified", True)),
            )
        )
    ordered = sorted(versions, key=lambda v: v.lodged_from or dt.date.min)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if earlier.lodged_until is None or (
            later.lodged_from is not None and later.lodged_from <= earlier.lodged_until
        ):
            raise _fail(path, where, "versions overlap")
    return tuple(versions)


def parse_outcomes(data: dict, path: Path = HERE / "outcomes.yaml") -> dict[str, Outcome]:
    outcomes = {}
    for code, row in ((data or {}).get("outcomes") or {}).items():
        where = f"outcomes.{code}"
        if not isinstance(row, dict) or ("versions" in row) == ("grounds" in row):
            raise _fail(path, where, "give either versions or grounds")
        if "grounds" in row:
            versions = {
                ground: _versions(rows, path, f"{where}.grounds.{ground}")
                for ground, rows in row["grounds"].items()
            }
        else:
            versions = {"": _versions(row["versions"], path, f"{where}.versions")}
        outcomes[code] = Outcome(code, bool(row.get("protection", False)), versions)
    if not outcomes:
        raise _fail(path, "outcomes", "no outcomes")
    return outcomes


def _read(path: Path) -> dict:
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@cache
def load(roles: frozenset[str]) -> Lifecycle:
    return parse_lifecycle(_read(HERE / "statuses.yaml"), roles)


@cache
def outcomes() -> dict[str, Outcome]:
    return parse_outcomes(_read(HERE / "outcomes.yaml"))
