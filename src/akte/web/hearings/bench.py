"""`akte bench hearing`: server time of saving a segment and refreshing the three panels.

Times the real request (HTMX POST of a segment through Django's test client, the rulebook
evaluated as of the hearing date, the workspace fragment rendered) with the demo rulebook,
and the same request with an assistant that has no rulebook as the baseline in the same run.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable

from akte.core.machine import machine as machine_info
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


def _run(client, hearing_pk: int, segments: int, rng: random.Random, tags=()) -> list[float]:
    """Save `segments` segments as a hearing goes: questions and answers, every third answer
    tagged with a legal element (realistic: 80-150 segments, several places, tags)."""
    times = []
    for i in range(segments):
        speaker = "interviewer" if i % 2 == 0 else "applicant"
        text = rng.choice(SENTENCES) if speaker == "applicant" else "Was geschah dann?"
        data = {"speaker": speaker, "text": text}
        if speaker == "applicant" and tags and i % 6 == 1:
            data["tags"] = [rng.choice(tags)]
        start = time.perf_counter()
        response = client.post(
            f"/hearings/{hearing_pk}/segments/", data, headers={"HX-Request": "true"}
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

        from django.conf import settings

        settings.AKTE_LEDGER_CONFIG = os.path.join(tmp, "ledger", "ledger.toml")
        rng = random.Random(3)
        _run(client, hearing().pk, 5, rng)  # warm up
        timed = hearing()
        tags = [item for item, _title in services.checklist_choices(timed)]
        _answer(client, timed, book)
        with_rules = _run(client, timed.pk, segments, rng, tags)
        chunks = _upload_chunks(client, timed)
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
            "tags": timed.segments.exclude(checklist_items="").count(),
            "answers": timed.answers.count(),
            "save_refresh_p50_ms": round(statistics.median(with_rules), 2),
            "save_refresh_p95_ms": round(percentile(with_rules, 0.95), 2),
            **chunks,
            "save_segment_and_refresh_ms_p50": round(statistics.median(with_rules), 2),
            "save_segment_and_refresh_ms_p95": round(percentile(with_rules, 0.95), 2),
            "baseline_without_rulebook_ms_p50": round(statistics.median(baseline), 2),
            "baseline_without_rulebook_ms_p95": round(percentile(baseline, 0.95), 2),
            "machine": {**machine_info(), "cpus": os.cpu_count()},
        }
        result["p95_vs_baseline"] = round(
            result["save_segment_and_refresh_ms_p95"]
            / max(result["baseline_without_rulebook_ms_p95"], 1e-6),
            2,
        )
        echo(json.dumps(result, indent=2))
        return result


def _answer(client, hearing, book) -> None:
    """Record the structured answers a hearing has (the first choice of each choice fact)."""
    if book is None:
        return
    for question in book.questions[:4]:
        fact = book.facts[question.asks]
        value = fact.type.choices[0] if fact.type.choices else None
        if value is not None:
            client.post(f"/hearings/{hearing.pk}/answers/", {"fact": question.asks, "value": value})


def _upload_chunks(client, hearing, count: int = 40, size: int = 12_000) -> dict:
    """p50/p95 of acknowledging one recording chunk (3 s of 32 kbit/s Opus is ~12 kB), and
    the throughput: encryption, hash check, commit, access log entry."""
    import hashlib

    from akte.hearing.synthetic_audio import speech_like
    from akte.web.hearings import services

    services.add_note(hearing, "recording_notice", "")
    client.post(f"/hearings/{hearing.pk}/recording/start/")
    header = speech_like(0.2)
    rng = random.Random(5)
    times = []
    began = time.perf_counter()
    for sequence in range(1, count + 1):
        body = (
            header if sequence == 1 else bytes([0x1F, 0x43, 0xB6, 0x75]) + rng.randbytes(size - 4)
        )
        start = time.perf_counter()
        response = client.generic(
            "POST",
            f"/hearings/{hearing.pk}/recording/chunks/",
            body,
            content_type="audio/webm;codecs=opus",
            headers={
                "X-Chunk-Sequence": str(sequence),
                "X-Chunk-SHA256": hashlib.sha256(body).hexdigest(),
            },
        )
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(
                f"a chunk answered {response.status_code}: {response.content[:200]!r}"
            )
    seconds = time.perf_counter() - began
    return {
        "chunk_upload_count": count,
        "chunk_bytes": size,
        "chunk_upload_p50_ms": round(statistics.median(times), 2),
        "chunk_upload_p95_ms": round(percentile(times, 0.95), 2),
        "chunk_upload_per_s": round(count / seconds, 1),
        "chunk_upload_kb_per_s": round(count * size / 1000 / seconds, 1),
    }
