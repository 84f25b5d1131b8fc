"""`akte bench web`: server time of the procedure list and the procedure page.

Builds a throw-away database with N procedures, then times requests through Django's test
client (no network). A trivial page (the login form) is timed in the same run as the baseline,
so the figures can be compared across machines as ratios.
"""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable

from akte.core.stats import percentile


def _fill(procedures: int, rng: random.Random) -> None:
    from akte.web.accounts.models import User
    from akte.web.cases.models import NameSpelling, Person, Procedure, Status, StatusEvent

    families = ["Haddad", "Rahimi", "Tesfay", "Yilmaz", "Al-Hassan", "Karimi", "Berhane"]
    given = ["Mohammed", "Ahmad", "Senait", "Ayse", "Omar", "Fatima", "Yonas"]
    persons = Person.objects.bulk_create(
        Person(sex="M", nationality="SYR", languages="ar", birth_place="Homs")
        for _ in range(procedures)
    )
    NameSpelling.objects.bulk_create(
        NameSpelling(
            person=p,
            given_names=rng.choice(given),
            family_name=rng.choice(families),
            is_primary=True,
        )
        for p in persons
    )
    rows = Procedure.objects.bulk_create(
        Procedure(
            file_number=f"{1_000_000 + i}-475",
            person=p,
            status=rng.choice(Status.values),
            office=rng.choice(["BER", "MUC", "NUE"]),
            country="SYR",
        )
        for i, p in enumerate(persons)
    )
    StatusEvent.objects.bulk_create(StatusEvent(procedure=p, status=p.status) for p in rows)
    User.objects.create(username="bench", role="registry_clerk")


def _time(client, urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    return times


def _summary(times: list[float]) -> dict:
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
    }


def run_web_bench(*, procedures: int, requests: int, echo: Callable[[str], None]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("AKTE_BENCH_DB", os.path.join(tmp, "bench.sqlite3"))
        os.environ["DJANGO_SETTINGS_MODULE"] = "akte.web.settings.bench"
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client

        from akte.web.accounts.models import User
        from akte.web.cases.models import Procedure

        call_command("migrate", verbosity=0)
        rng = random.Random(7)
        start = time.perf_counter()
        _fill(procedures, rng)
        fill_s = time.perf_counter() - start
        client = Client(HTTP_ACCEPT_LANGUAGE="de")
        client.force_login(User.objects.get(username="bench"))
        ids = list(Procedure.objects.values_list("pk", flat=True))
        _time(client, ["/"] * 3)  # warm up
        anonymous = Client()
        result = {
            "benchmark": "web",
            "procedures": procedures,
            "requests_per_page": requests,
            "fill_s": round(fill_s, 2),
            "baseline_login_page": _summary(_time(anonymous, ["/accounts/login/"] * requests)),
            "procedure_list": _summary(
                _time(client, [f"/?page={rng.randrange(1, 50)}" for _ in range(requests)])
            ),
            "procedure_list_filtered": _summary(
                _time(client, ["/?status=decided&office=BER&q=Hadd"] * requests)
            ),
            "procedure_page": _summary(
                _time(client, [f"/procedures/{rng.choice(ids)}/" for _ in range(requests)])
            ),
            "database": django.db.connection.vendor,
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        }
        for key in ("procedure_list", "procedure_list_filtered", "procedure_page"):
            result[key]["p95_vs_baseline"] = round(
                result[key]["p95_ms"] / max(result["baseline_login_page"]["p95_ms"], 1e-6), 2
            )
        echo(json.dumps(result, indent=2))
        return result
