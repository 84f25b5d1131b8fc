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
from akte.dublin import synthetic

OFFICES = ("BER", "MUC", "NUE", "BIE", "DOR")
BATCH = 5_000  # procedures per transaction


def fill_procedures(procedures: int, rng: random.Random, today: dt.date) -> dict:
    """`procedures` synthetic Dublin procedures (akte/dublin/synthetic.py, first events up to
    14 months before today, so both regulations and every state occur), each answered by the
    engine once and stored as the web stores it: the case, its events, its deadlines. Written
    with executemany (COPY on PostgreSQL) in batches, one transaction each."""
    from django.db import transaction
    from django.utils import timezone

    from akte.dublin.deadlines import answer
    from akte.dublin.events import read_procedure
    from akte.web.accounts.models import User
    from akte.web.bench.rows import Rows
    from akte.web.cases.models import Person, Procedure
    from akte.web.dublin.models import OPEN, DublinCase, DublinDeadline, DublinEvent
    from akte.web.dublin.services import OFFICE_LAND, settings_for

    now = timezone.now()
    settings = {o: settings_for(Procedure(office=o)) for o in OFFICE_LAND}
    for start in range(0, procedures, BATCH):
        persons = Rows(Person, ["sex", "nationality", "created_at", "updated_at"])
        cases_ = Rows(Procedure, ["file_number", "person", "status", "office", "country",
                                  "created_at", "updated_at"])  # fmt: skip
        dublin = Rows(DublinCase, ["procedure", "role", "regulation", "member_state",
                                   "started_at", "updated_at"])  # fmt: skip
        events = Rows(DublinEvent, ["case", "type", "date", "member_state", "eurodac", "vis",
                                    "suspensive", "answer", "reply_by", "entered_at"])  # fmt: skip
        deadlines = Rows(DublinDeadline, ["case", "kind", "regulation", "due", "done_on",
                                          "applicable", "latest", "article", "consequence",
                                          "office", "member_state", "file_number", "procedure"])  # fmt: skip
        for i in range(start, min(start + BATCH, procedures)):
            data = synthetic.events(rng, today - dt.timedelta(days=rng.randrange(5, 420)))
            office = rng.choice(OFFICES)
            result = answer(read_procedure(data), today, explain=False, settings=settings[office])
            state = next((e["member_state"] for e in data["events"] if "member_state" in e), "")
            file_number = f"{2_000_000 + i}-475"
            person = persons.add("M", "SYR", now, now)
            procedure = cases_.add(file_number, person, "dublin", office, "SYR", now, now)
            case = dublin.add(procedure, data["role"], result["regulation"], state, now, now)
            for e in data["events"]:
                events.add(case, e["type"], _day(e["date"]), e.get("member_state", ""),
                           e.get("eurodac", False), e.get("vis", False),
                           e.get("suspensive", False), e.get("answer", ""), _day(e.get("by")),
                           now)  # fmt: skip
            for d in result["deadlines"]:
                deadlines.add(case, d["id"], d["regulation"], _day(d["due"]),
                              _day(d.get("done_on")), d["state"] != "not_applicable",
                              _day(d.get("latest")), (d["article"] or "")[:300],
                              d["consequence"], office, state, file_number, procedure)  # fmt: skip
        with transaction.atomic():
            for table in (persons, cases_, dublin, events, deadlines):
                table.write()
    User.objects.create(username="bench", role="dublin_officer", office="BER")
    return {
        "events": DublinEvent.objects.count(),
        "deadlines": DublinDeadline.objects.count(),
        "open_deadlines": DublinDeadline.objects.filter(OPEN).count(),
    }


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


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


PAGES = {
    "today": "/dublin/?window=today",
    "week": "/dublin/?window=week",
    "overdue": "/dublin/?window=overdue",
    "member_state": "/dublin/?window=open&member_state=IT",
    "open_office_member_state": "/dublin/?window=open&office=BER&member_state=IT",
    "open_kind_sorted": "/dublin/?window=open&kind=transfer&sort=-due",
    "open_page_20": "/dublin/?window=open&page=20",
    "csv_week_office": "/dublin/deadlines.csv?window=week&office=BER",
    "csv_today": "/dublin/deadlines.csv?window=today",
}


def run_worklist_bench(*, procedures: int, requests: int, echo: Callable[[str], None]) -> dict:
    """Fill (SQLite in a temporary file, or AKTE_BENCH_DATABASE_URL emptied first), then time
    each worklist view `requests` times after a warm-up, the login page as the baseline."""
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("AKTE_BENCH_DB", os.path.join(tmp, "bench.sqlite3"))
        os.environ["DJANGO_SETTINGS_MODULE"] = "akte.web.settings.bench"
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.utils import timezone

        from akte.web.accounts.models import User

        call_command("migrate", verbosity=0)
        call_command("flush", interactive=False, verbosity=0)  # a PostgreSQL bench database
        rng = random.Random(7)
        start = time.perf_counter()
        counts = fill_procedures(procedures, rng, timezone.localdate())
        fill_s = time.perf_counter() - start
        with connection.cursor() as cursor:  # what autovacuum does to a database in use:
            # statistics, and on PostgreSQL the visibility map (index-only counts after COPY)
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        client = Client(HTTP_ACCEPT_LANGUAGE="de")
        client.force_login(User.objects.get(username="bench"))
        _time(client, list(PAGES.values()))  # warm up
        result: dict = {
            "benchmark": "dublin-web",
            "machine": {
                **machine_info(),
                "cpu_count": os.cpu_count(),
                "python": platform.python_version(),
                "platform": platform.platform(),
                "load_average_before": [round(x, 2) for x in os.getloadavg()],
            },
            "workload": {
                "procedures": procedures,
                **counts,
                "requests_per_view": requests,
                "fill_s": round(fill_s, 2),
                "database": connection.vendor,
            },
        }
        baseline = _summary(_time(Client(), ["/accounts/login/"] * requests))
        result["baseline_login_page_p50_ms"] = baseline["p50_ms"]
        result["baseline_login_page_p95_ms"] = baseline["p95_ms"]
        for name, url in PAGES.items():
            summary = _summary(_time(client, [url] * requests))
            result[f"worklist_{name}_p50_ms"] = summary["p50_ms"]
            result[f"worklist_{name}_p95_ms"] = summary["p95_ms"]
        result["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
        echo(json.dumps(result, indent=2))
        return result
