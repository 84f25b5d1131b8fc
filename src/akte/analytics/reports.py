"""The figures of `reports.yaml`, loaded once and turned into one SQL query each.

`query(report, ...)` writes the query in DuckDB's dialect; `akte.analytics.engines` runs it on
DuckDB as it is and on Spark after sqlglot has transpiled it, so each figure is defined once.
Only names from the report's own lists reach the SQL (dimensions are checked against `by`,
dates are parsed), never text as given.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

KINDS = ("count", "rate", "ratio", "quantiles")
PERIODS = {
    "month": "strftime(day, '%Y-%m')",
    "year": "CAST(year(day) AS VARCHAR)",
    "none": None,
}
EARLIEST = dt.date(1990, 1, 1)
_CODE = re.compile(r"[A-Za-z0-9_-]{1,40}")  # a filter value is a code (SYR, BER, refugee)
LATEST = dt.date(2100, 12, 31)


class ReportError(ValueError):
    """A report that does not exist, or an option it does not take (code, params)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Report:
    name: str
    source: str
    kind: str
    period: str
    dimension: str
    by: tuple[str, ...]
    additive: bool
    facts: str


@dataclass(frozen=True)
class Catalogue:
    reports: dict[str, Report]
    protection: tuple[str, ...]
    formal: tuple[str, ...]


@cache
def catalogue() -> Catalogue:
    data = yaml.safe_load(resources.files(__package__).joinpath("reports.yaml").read_text())
    reports = {}
    for name, spec in data["reports"].items():
        report = Report(
            name=name,
            source=spec["source"],
            kind=spec["kind"],
            period=spec["period"],
            dimension=spec["dimension"],
            by=tuple(spec["by"]),
            additive=bool(spec["additive"]),
            facts=spec["facts"],
        )
        if report.kind not in KINDS or report.period not in PERIODS:
            raise ValueError(f"reports.yaml: {name}: unknown kind or period")
        if report.dimension not in report.by:
            raise ValueError(f"reports.yaml: {name}: dimension {report.dimension} not in by")
        reports[name] = report
    outcomes = data["outcomes"]
    return Catalogue(reports, tuple(outcomes["protection"]), tuple(outcomes["formal"]))


def report(name: str) -> Report:
    found = catalogue().reports.get(name)
    if found is None:
        raise ReportError("analytics.unknown_report", name=name)
    return found


def dimensions(rep: Report, by: str | None) -> tuple[str, ...]:
    """The report's dimensions: its period (if any) and one more, `by` or its own."""
    second = by or rep.dimension
    if second not in rep.by:
        raise ReportError("analytics.unknown_dimension", name=second, allowed=", ".join(rep.by))
    return ("period", second) if rep.period != "none" else (second,)


def _quoted(codes: tuple[str, ...]) -> str:
    return ", ".join("'" + code.replace("'", "''") + "'" for code in codes)


AGGREGATES = {
    "count": "COUNT(*) AS value, COUNT(DISTINCT person_key) AS persons",
    "rate": (
        "CAST(SUM(hit) AS DOUBLE) / COUNT(*) AS value, COUNT(DISTINCT person_key) AS persons, "
        "COUNT(DISTINCT CASE WHEN hit = 1 THEN person_key END) AS numerator_persons"
    ),
    "ratio": (
        "CASE WHEN SUM(den) > 0 THEN CAST(SUM(num) AS DOUBLE) / SUM(den) END AS value, "
        "COUNT(DISTINCT person_key) AS persons"
    ),
    "quantiles": (
        "percentile_cont(0.5) WITHIN GROUP (ORDER BY measure) AS median, "
        "percentile_cont(0.9) WITHIN GROUP (ORDER BY measure) AS p90, "
        "COUNT(DISTINCT person_key) AS persons"
    ),
}


def facts_sql(rep: Report, *, as_of: dt.date) -> str:
    """The report's facts (DuckDB dialect), with the outcome codes and the reference date."""
    cat = catalogue()
    return rep.facts.format(
        protection=_quoted(cat.protection), formal=_quoted(cat.formal), as_of=as_of.isoformat()
    ).strip()


AGGREGATE_COLUMNS = {  # the names of the columns of AGGREGATES, in their order
    "count": ("value", "persons"),
    "rate": ("value", "persons", "numerator_persons"),
    "ratio": ("value", "persons"),
    "quantiles": ("median", "p90", "persons"),
}


def query(
    rep: Report,
    *,
    by: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    filters: dict[str, str] | None = None,
) -> str:
    """The report's SQL (DuckDB dialect) for a period [date_from, date_to] (both included),
    where each filter field (one of the report's dimensions) has the value given."""
    date_from, date_to = date_from or EARLIEST, date_to or LATEST
    if date_from > date_to:
        raise ReportError("analytics.empty_period", date_from=date_from, date_to=date_to)
    facts = facts_sql(rep, as_of=date_to)
    dims = dimensions(rep, by)
    second = dims[-1]
    selected = [second]
    if rep.period != "none":
        selected.insert(0, f"{PERIODS[rep.period]} AS period")
    where = (
        ""
        if rep.period == "none"
        else (
            f"WHERE day >= DATE '{date_from.isoformat()}' AND day <= DATE '{date_to.isoformat()}'"
        )
    )
    conditions = [where] if where else []
    for field, value in (filters or {}).items():
        if field not in rep.by:
            raise ReportError("analytics.unknown_dimension", name=field, allowed=", ".join(rep.by))
        if not _CODE.fullmatch(value):
            raise ReportError("analytics.bad_filter_value", name=field, value=value)
        conditions.append(f"{field} = '{value}'")
    if conditions:
        where = "WHERE " + " AND ".join(c.removeprefix("WHERE ") for c in conditions)
    group = ", ".join(str(i + 1) for i in range(len(dims)))
    return (
        f"WITH facts AS ({facts})\n"
        f"SELECT {', '.join(selected)}, {AGGREGATES[rep.kind]}\n"
        f"FROM facts {where}\nGROUP BY {group}\nORDER BY {group}"
    )
