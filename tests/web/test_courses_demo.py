"""The demo's courses load: signatures, an approved exam centre, certificates, invoices."""

from __future__ import annotations

import random

from akte.web.accounts.roles import Role
from akte.web.courses.models import ExamCentre, ExamResult, Invoice, Mark


def test_the_demo_courses_load_with_signatures_centres_and_certificates(users):
    from akte.web.demo.courses import create_demo_courses

    provider = users[Role.COURSE_PROVIDER]
    create_demo_courses(random.Random(7), users[Role.REGISTRY_CLERK], provider)
    assert Mark.objects.filter(attendance="present", signed=True).exists()
    assert not Mark.objects.exclude(attendance="present").filter(signed=True).exists()
    assert ExamCentre.objects.filter(approved_on__isnull=False).count() == 1
    passed = ExamResult.objects.filter(passed=True)
    assert passed.exists() and not passed.filter(certificate="").exists()
    assert Invoice.objects.filter(first__year=2022, first__month=8).exists()
