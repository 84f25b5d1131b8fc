"""Run `akte bench web`: fill, warm up, time each registered page, print JSON."""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable

from akte.core.machine import machine as machine_info
from akte.core.stats import percentile

TARGET_P95_MS = 150


def _setup(tmp: str) -> None:
    os.environ.setdefault("AKTE_BENCH_DB", os.path.join(tmp, "bench.sqlite3"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "akte.web.settings.bench"
    import django

    django.setup()


def _users() -> dict:
    from akte.web.accounts.models import User
    from akte.web.accounts.roles import Role

    users = {role.value: [User.objects.create(username=role.value, role=role, office="BER")]
             for role in Role}  # fmt: skip
    users["interviewer"] += [
        User.objects.create(username=f"interviewer{i}", role=Role.INTERVIEWER, office="BER")
        for i in range(1, 20)
    ]
    return users


def _fill(procedures: int, rng: random.Random, users: dict):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from .fill import fill

    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("procedures", total=procedures)
        return fill(procedures, rng, users, progress=lambda n: bar.advance(task, n))


def _time(client, requests: list[tuple[str, str, dict]], cpu: list | None = None) -> list[float]:
    """Wall-clock ms per request; the process's CPU ms into `cpu` (with SQLite that holds the
    database's work too: the figure a shared, busy machine disturbs least)."""
    times = []
    for method, path, data in requests:
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.post(path, data) if method == "post" else client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - start_cpu) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{method.upper()} {path} answered {response.status_code}")
    return times


def _load_average() -> list[float]:
    """1, 5 and 15 minute load averages (as `uptime` shows them): the machine is shared."""
    return [round(x, 2) for x in os.getloadavg()]


def _machine() -> dict:
    import sqlite3

    return {
        **machine_info(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }


def run_web_bench(*, procedures: int, requests: int, echo: Callable[[str], None]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        _setup(tmp)
        import django
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from akte.web.cases.models import NameSpelling, Procedure
        from akte.web.cases.views import PAGE_SIZE

        from .pages import PAGES, World

        call_command("migrate", verbosity=0)
        if Procedure.objects.exists():
            raise RuntimeError("the bench database is not empty: give it an empty one")
        rng = random.Random(7)
        start = time.perf_counter()
        users = _users()
        counts = _fill(procedures, rng, users)
        with connection.cursor() as cursor:  # fresh statistics for the planner; on PostgreSQL
            # also the visibility map a live database's autovacuum keeps (index-only counts)
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        fill_s = time.perf_counter() - start
        # the bench's users are Berlin's: they see Berlin's procedures (need-to-know), and the
        # pages they ask for are those; the others would answer with the break-glass form
        ids = list(Procedure.objects.filter(office="BER").values_list("pk", flat=True))
        latin = (
            NameSpelling.objects.filter(script="Latn")
            .order_by("?")
            .values_list("family_name", flat=True)[:200]
        )
        world = World(procedure_ids=ids, pages=max(1, -(-len(ids) // PAGE_SIZE)), names=list(latin))
        clients = {}
        for page in PAGES:
            if page.role not in clients:
                clients[page.role] = Client(HTTP_ACCEPT_LANGUAGE="de")
                clients[page.role].force_login(users[page.role][0])
        load_before = _load_average()
        baseline = _time(Client(), [("get", "/accounts/login/", {})] * requests)
        result = {
            "benchmark": "web",
            "machine": _machine(),
            "database": connection.vendor,
            "database_version": ".".join(map(str, connection.Database.sqlite_version_info))
            if connection.vendor == "sqlite"
            else str(connection.pg_version),
            "workload": {
                "procedures": procedures,
                **{k: v for k, v in vars(counts).items() if k != "procedures"},
                "requests_per_page": requests,
                "fill_s": round(fill_s, 2),
                "fill_procedures_per_s": round(procedures / max(fill_s, 1e-6)),
            },
            "baseline": "the login page (a trivial view), same run",
            "baseline_p50_ms": round(statistics.median(baseline), 2),
            "baseline_p95_ms": round(percentile(baseline, 0.95), 2),
            "target_p95_ms": TARGET_P95_MS,
        }
        over = []
        for page in PAGES:
            client = clients[page.role]
            _time(client, [page.request(world, rng) for _ in range(3)])  # warm up
            cpu: list[float] = []
            times = _time(client, [page.request(world, rng) for _ in range(requests)], cpu)
            p95 = percentile(times, 0.95)
            result[f"{page.name}_cpu_p50_ms"] = round(statistics.median(cpu), 2)
            result[f"{page.name}_p50_ms"] = round(statistics.median(times), 2)
            result[f"{page.name}_p95_ms"] = round(p95, 2)
            result[f"{page.name}_p95_vs_baseline"] = round(
                p95 / max(result["baseline_p95_ms"], 1e-6), 2
            )
            if p95 > TARGET_P95_MS:
                over.append(page.name)
        result["load_average"] = {"before": load_before, "after": _load_average()}
        result["pages"] = [page.name for page in PAGES]
        result["over_target"] = over
        result["django"] = django.get_version()
        echo(json.dumps(result, indent=2))
        return result
