"""`akte bench courses-page`: server time of a course's attendance list (GET, and POST of
a full list of 25) through Django's test client, in a throw-away database with a course of
25 participants and 80 recorded days; the login page is timed in the same run as baseline."""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable

from akte.core.machine import machine as machine_info
from akte.core.stats import percentile


def _time(call, n: int) -> list[float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        response = call()
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code not in (200, 302):
            raise RuntimeError(f"answered {response.status_code}")
    return times


def run_page_bench(*, requests: int, echo: Callable[[str], None]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("AKTE_BENCH_DB", os.path.join(tmp, "bench.sqlite3"))
        os.environ["DJANGO_SETTINGS_MODULE"] = "akte.web.settings.bench"
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client

        from akte.web.accounts.models import User
        from akte.web.cases.models import NameSpelling, Person
        from akte.web.courses.models import Course, CourseDay, Mark, Participant, Provider

        call_command("migrate", verbosity=0)
        user = User.objects.create(username="bench", role="course_provider", organisation="BENCH")
        provider = Provider.objects.create(code="BENCH", name="Bench", region="Berlin")
        start = dt.date(2023, 1, 2)
        course = Course.objects.create(
            provider=provider,
            number="BSK-BENCH",
            module="basic_b2",
            region="Berlin",
            starts_on=start,
            ends_on=start + dt.timedelta(days=140),
            planned_units=400,
            status="approved",
        )
        people = []
        for n in range(25):
            person = Person.objects.create(sex="F", nationality="SYR")
            NameSpelling.objects.create(
                person=person, given_names="Lina", family_name=f"Bench{n}", is_primary=True
            )
            people.append(Participant.objects.create(course=course, person=person, joined_on=start))
        days = [
            start + dt.timedelta(days=d)
            for d in range(140)
            if (start + dt.timedelta(days=d)).weekday() < 5
        ]
        for day in days[:80]:
            course_day = CourseDay.objects.create(course=course, day=day, units=5)
            Mark.objects.bulk_create(
                Mark(day=course_day, participant=p, attendance="present", signed=True)
                for p in people
            )
        client = Client()
        client.force_login(user)
        url = f"/courses/courses/{course.pk}/days/{days[40].isoformat()}/"
        new_day = days[81]
        post_url = f"/courses/courses/{course.pk}/days/{new_day.isoformat()}/"
        form = {
            "units": "5",
            **{f"a{p.pk}": "present" for p in people},
            **{f"s{p.pk}": "yes" for p in people},
        }
        _time(lambda: client.get(url), 5)  # warm up
        get_times = _time(lambda: client.get(url), requests)
        post_times = _time(lambda: client.post(post_url, form), requests)
        anonymous = Client()
        baseline = _time(lambda: anonymous.get("/accounts/login/"), requests)
        result = {
            "benchmark": "courses-page",
            "participants": len(people),
            "recorded_days": 80,
            "requests": requests,
            "attendance_page_ms_p50": round(statistics.median(get_times), 2),
            "attendance_page_ms_p95": round(percentile(get_times, 0.95), 2),
            "record_list_of_25_ms_p50": round(statistics.median(post_times), 2),
            "record_list_of_25_ms_p95": round(percentile(post_times, 0.95), 2),
            "baseline_login_page_ms_p95": round(percentile(baseline, 0.95), 2),
            "target_p95_ms": 150,
            "machine": {**machine_info(), "cpus": os.cpu_count()},
        }
        echo(json.dumps(result, indent=2))
        return result
