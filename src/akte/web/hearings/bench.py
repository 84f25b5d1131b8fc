"""`akte bench hearing`: server time of saving a segment and refreshing the three panels.

Times the real request (HTMX POST of a segment through Django's test client, the rulebook
evaluated as of the hearing date, the workspace fragment rendered) with the demo rulebook,
and the same request with an assistant that has no rulebook as the baseline in the same run.
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

SENTENCES = [
    "Ich komme aus Erbil, aus dem Stadtteil Ankawa.",
    "Wir wohnten in Mossul, bis der IS kam.",
    "Später bin ich nach Duhok gegangen.",
    "In Aleppo wurde unser Viertel bombardiert.",
    "Ich sollte zum Militärdienst.",
    "Die Taliban haben meinen Vater in Kabul bedroht.",
    "Ich habe Angst, zurückzukehren.",
    "Danach lebte ich in Herat.",
]


def _run(client, hearing_pk: int, segments: int, rng: random.Random) -> list[float]:
    times = []
    for i in range(segments):
        speaker = "interviewer" if i % 2 == 0 else "applicant"
        text = rng.choice(SENTENCES) if speaker == "applicant" else "Was geschah dann?"
        start = time.perf_counter()
        response = client.post(
            f"/hearings/{hearing_pk}/segments/",
            {"speaker": speaker, "text": text},
            headers={"HX-Request": "true"},
        )
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"saving a segment answered {response.status_code}")
    return times


def run_hearing_bench(*, segments: int, echo: Callable[[str], None]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("AKTE_BENCH_DB", os.path.join(tmp, "bench.sqlite3"))
        os.environ["DJANGO_SETTINGS_MODULE"] = "akte.web.settings.bench"
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client

        from akte.hearing.assistant import Assistant
        from akte.web.accounts.models import User
        from akte.web.cases.models import Person, Procedure
        from akte.web.hearings import assistant as assistant_module
        from akte.web.hearings import services

        call_command("migrate", verbosity=0)
        user = User.objects.create(username="bench", role="interviewer", office="BER")
        client = Client()
        client.force_login(user)
        book = assistant_module.rulebook()

        def hearing():
            person = Person.objects.create(sex="M", nationality="IRQ")
            procedure = Procedure.objects.create(
                file_number=f"{7_000_000 + Person.objects.count()}-438",
                person=person,
                status="lodged",
                office="BER",
                country="IRQ",
            )
            return services.start(procedure, user, skeleton="short", interpreter="", language="ku")

        rng = random.Random(3)
        _run(client, hearing().pk, 5, rng)  # warm up
        with_rules = _run(client, hearing().pk, segments, rng)
        original = assistant_module.assistant_for
        assistant_module.assistant_for = lambda h: Assistant()
        services.assistant_for = assistant_module.assistant_for
        try:
            baseline = _run(client, hearing().pk, segments, rng)
        finally:
            assistant_module.assistant_for = original
            services.assistant_for = original
        result = {
            "benchmark": "hearing",
            "rulebook": f"{book.name} {book.version}" if book else None,
            "rules": len(book.rules) if book else 0,
            "suggestions": len(book.suggestions) if book else 0,
            "segments": segments,
            "save_segment_and_refresh_ms_p50": round(statistics.median(with_rules), 2),
            "save_segment_and_refresh_ms_p95": round(percentile(with_rules, 0.95), 2),
            "baseline_without_rulebook_ms_p50": round(statistics.median(baseline), 2),
            "baseline_without_rulebook_ms_p95": round(percentile(baseline, 0.95), 2),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        }
        result["p95_vs_baseline"] = round(
            result["save_segment_and_refresh_ms_p95"]
            / max(result["baseline_without_rulebook_ms_p95"], 1e-6),
            2,
        )
        echo(json.dumps(result, indent=2))
        return result
