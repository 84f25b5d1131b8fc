"""`akte bench dublin-web`: server time of the Dublin worklist with N procedures' deadlines.

Builds a throw-away database (as `akte bench web` does) with N Dublin procedures and three stored
deadlines each (due dates spread over four months around today, offices and Member States
mixed), then times worklist requests through Django's test client (no network): the windows,
filters, a sort and a deep page. The login page is timed in the same run as the baseline. The
deadlines are stored rows, as the web stores them with each event: nothing is computed per
request.
"""

from __future__ import annotations

import datetime as dt
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

KINDS = ("take_charge_request", "take_charge_reply", "transfer")
STATES = ("AT", "BE", "FR", "GR", "IT", "NL", "PL", "SE")
OFFICES = ("BER", "MUC", "NUE", "BIE", "DOR")


def _fill(procedures: int, rng: random.Random, today: dt.date, batch: int = 5000) -> None:
    from akte.web.accounts.models import User
    from akte.web.cases.models import Person, Procedure

    from .models import DublinCase, DublinDeadline

    for start in range(0, procedures, batch):
        count = min(batch, procedures - start)
        persons = Person.objects.bulk_create(
            Person(sex="M", nationality="SYR") for _ in range(count)
        )
        rows = Procedure.objects.bulk_create(
            Procedure(
                file_number=f"{2_000_000 + start + i}-475",
                person=p,
                status="dublin",
                office=rng.choice(OFFICES),
                country="SYR",
            )
            for i, p in enumerate(persons)
        )
        cases = DublinCase.objects.bulk_create(
            DublinCase(
                procedure=p, role="requesting", regulation="ammr", member_state=rng.choice(STATES)
            )
            for p in rows
        )
        DublinDeadline.objects.bulk_create(
            DublinDeadline(
                case=c,
                kind=kind,
                regulation="ammr",
                due=today + dt.timedelta(days=rng.randrange(-60, 60)),
                done_on=None if rng.random() < 0.6 else today,
                article="Art. 39(1) Regulation (EU) 2024/1351",
                consequence="dublin.consequence.registering",
                office=p.office,
                member_state=c.member_state,
                file_number=p.file_number,
                procedure=p,
            )
            for c, p in zip(cases, rows, strict=True)
            for kind in KINDS
        )
    User.objects.create(username="bench", role="dublin_officer", office="BER")


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


def run_worklist_bench(*, procedures: int, requests: int, echo: Callable[[str], None]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("AKTE_BENCH_DB", os.path.join(tmp, "bench.sqlite3"))
        os.environ["DJANGO_SETTINGS_MODULE"] = "akte.web.settings.bench"
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client
        from django.utils import timezone

        from akte.web.accounts.models import User

        call_command("migrate", verbosity=0)
        rng = random.Random(7)
        start = time.perf_counter()
        _fill(procedures, rng, timezone.localdate())
        fill_s = time.perf_counter() - start
        client = Client(HTTP_ACCEPT_LANGUAGE="de")
        client.force_login(User.objects.get(username="bench"))
        pages = {
            "week": "/dublin/?window=week",
            "today": "/dublin/?window=today",
            "overdue": "/dublin/?window=overdue",
            "open_office_member_state": "/dublin/?window=open&office=BER&member_state=IT",
            "open_kind_sorted": "/dublin/?window=open&kind=transfer&sort=-due",
            "open_page_20": "/dublin/?window=open&page=20",
        }
        _time(client, list(pages.values()))  # warm up
        result: dict = {
            "benchmark": "dublin-web",
            "machine": {
                **machine_info(),
                "cpu_count": os.cpu_count(),
                "python": platform.python_version(),
                "platform": platform.platform(),
            },
            "workload": {
                "procedures": procedures,
                "deadlines": procedures * len(KINDS),
                "requests_per_page": requests,
                "fill_s": round(fill_s, 2),
                "database": django.db.connection.vendor,
            },
            "baseline_login_page": _summary(_time(Client(), ["/accounts/login/"] * requests)),
        }
        for name, url in pages.items():
            summary = _summary(_time(client, [url] * requests))
            result[f"worklist_{name}_p50_ms"] = summary["p50_ms"]
            result[f"worklist_{name}_p95_ms"] = summary["p95_ms"]
        echo(json.dumps(result, indent=2))
        return result
