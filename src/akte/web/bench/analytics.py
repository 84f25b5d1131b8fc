"""`akte bench analytics-web`: the snapshot from the live database, the same figure by the
Django ORM over that database (the naive baseline), and the dashboard page over a synthetic
snapshot with its cubes, beside the login page, in one run.

The database is a throw-away SQLite file (or AKTE_BENCH_DATABASE_URL), filled in bulk by the
web bench's filler (`akte.web.bench.fill`: persons, spellings, procedures, status events,
documents, hearings, decisions with their outcomes, appeals and the status log).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from akte.core.stats import percentile


def _orm_protection_rate() -> dict:
    """The protection rate by year and nationality by the ORM over the live database."""
    from django.db.models import Count, Q
    from django.db.models.functions import ExtractYear

    from akte.analytics.reports import catalogue
    from akte.web.cases.models import Decision

    rows = (
        Decision.objects.annotate(year=ExtractYear("decided_on"))
        .values("year", "procedure__person__nationality")
        .annotate(
            total=Count("id"),
            hits=Count("id", filter=Q(outcome__in=catalogue().protection)),
            persons=Count("procedure__person", distinct=True),
        )
        .order_by("year", "procedure__person__nationality")
    )
    return {(r["year"], r["procedure__person__nationality"]): r["hits"] / r["total"] for r in rows}


def _ms(samples: list[float]) -> dict[str, float]:
    return {"p50_ms": round(statistics.median(samples), 1),
            "p95_ms": round(percentile(samples, 0.95), 1)}  # fmt: skip


def _get(client, path: str) -> float:
    start = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}")
    return elapsed


def run(*, procedures: int, synthetic: Path, requests: int, echo=None) -> dict:
    say = echo or (lambda _text: None)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("AKTE_BENCH_DB", os.path.join(tmp, "bench.sqlite3"))
        os.environ["DJANGO_SETTINGS_MODULE"] = "akte.web.settings.bench"
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client

        from akte.web.accounts.models import User
        from akte.web.accounts.roles import Role
        from akte.web.analytics import figures
        from akte.web.analytics.snapshot import write

        from .run import _fill, _machine, _users

        call_command("migrate", verbosity=0)
        start = time.perf_counter()
        counts = _fill(procedures, random.Random(7), _users())
        fill_s = time.perf_counter() - start
        result: dict[str, object] = {
            "benchmark": "analytics-web",
            "machine": {**_machine(), "load_average": os.getloadavg()},
            "workload": {"procedures": procedures, **vars(counts), "fill_s": round(fill_s, 1),
                         "dashboard_snapshot": str(synthetic), "requests": requests},
        }  # fmt: skip
        say(f"filled {procedures:,} procedures in {fill_s:.0f} s")
        root = Path(tmp) / "snapshots"
        start = time.perf_counter()
        write(root, echo=say)
        result["snapshot_s"] = round(time.perf_counter() - start, 2)
        say(f"snapshot from the database: {result['snapshot_s']} s")
        orm = []
        for _ in range(3):
            start = time.perf_counter()
            _orm_protection_rate()
            orm.append((time.perf_counter() - start) * 1000)
        result["baseline_orm_protection_rate"] = {"how": "Django ORM over the live DB", **_ms(orm)}
        say(f"ORM protection rate: {result['baseline_orm_protection_rate']}")

        os.environ["AKTE_ANALYTICS_SNAPSHOTS"] = str(synthetic)
        from akte.analytics.config import settings

        settings.cache_clear()
        figures.result.cache_clear()
        manager = User.objects.get(username=Role.MANAGEMENT.value)
        client = Client(HTTP_ACCEPT_LANGUAGE="de")
        client.force_login(manager)
        login = [_get(Client(), "/accounts/login/") for _ in range(requests)]
        years = [(y, y + span) for y in range(2015, 2027) for span in (0, 1, 2)]
        from akte.web.cases.offices import Office

        offices = ["", *Office.values[:3]]
        cold = [
            _get(client, f"/analytics/?year_from={a}&year_to={min(b, 2026)}&office={o}")
            for (a, b), o in list(zip(years, offices * 9, strict=True))[:requests]
        ]  # each a filter not asked before: every figure from its cube
        warm = [_get(client, "/analytics/?year_from=2020&year_to=2024") for _ in range(requests)]
        from akte.analytics.reports import catalogue

        names = list(catalogue().reports)
        charts = [f"/analytics/{names[i % len(names)]}.svg?year_from={2015 + i % 12}"
                  for i in range(requests)]  # fmt: skip
        chart_first = [_get(client, path) for path in charts]  # each chart rendered anew
        chart_again = [_get(client, path) for path in charts]
        result["baseline_login_page"] = _ms(login)
        result["dashboard_first_filter"] = _ms(cold)
        result["dashboard_repeated"] = _ms(warm)
        result["chart_svg_first"] = _ms(chart_first)
        result["chart_svg_repeated"] = _ms(chart_again)
        result["dashboard_p50_ms"] = result["dashboard_first_filter"]["p50_ms"]
        result["dashboard_p95_ms"] = result["dashboard_first_filter"]["p95_ms"]
        result["target_dashboard_p95_ms"] = 300
        result["load_average_end"] = os.getloadavg()
        result["at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        return result
