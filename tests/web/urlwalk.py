"""The URLs of the whole app with their parameters filled from a marker person's records:
the pages from the URL resolver, the API operations from the OpenAPI document (no list of
URLs anywhere). Used by the access walk and the method walk."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from akte.core.partial_date import PartialDate
from akte.web.accounts.models import ApiToken
from akte.web.accounts.roles import Role
from akte.web.api.views import api
from akte.web.cases.models import Document, NameSpelling, Person, Procedure, StatusEvent
from akte.web.hearings.models import Segment, SuggestionShown

GIVEN, FAMILY, ORIGINAL = "Quirinus", "Zwetschkenbaum", "ኲሪኑስ"
BORN = dt.date(1987, 3, 14)
FORMATS = ("pdf", "docx", "json", "svg", "xml")


@pytest.fixture
def marker(make_user, users, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    person = Person.objects.create(
        sex="M", birth_date=PartialDate.from_date(BORN), birth_place="Keren", nationality="ERI"
    )
    NameSpelling.objects.create(
        person=person, given_names=GIVEN, family_name=FAMILY, is_primary=True
    )
    NameSpelling.objects.create(person=person, given_names=ORIGINAL, family_name="", script="Ethi")
    procedure = Procedure.objects.create(
        file_number="7654321-224", person=person, status="lodged", office="BER", country="ERI"
    )
    procedure.counsel.add(users[Role.COUNSEL])
    StatusEvent.objects.create(procedure=procedure, status="lodged")
    document = Document.objects.create(
        procedure=procedure,
        title="Brief",
        kind="letter",
        file=ContentFile(f"Herr {GIVEN} {FAMILY}, geboren {BORN:%d.%m.%Y}".encode(), name="b.txt"),
        content_type="text/plain",
        size=40,
        sha256="0" * 64,
    )
    from akte.web.hearings import services

    hearing = services.start(
        procedure, users[Role.INTERVIEWER], skeleton="short", interpreter="", language="ti"
    )
    services.add_segment(hearing, "interviewer", "Wie heißen Sie?", [])
    services.add_segment(hearing, "applicant", f"Ich heiße {GIVEN} {FAMILY}.", [])
    suggestion = SuggestionShown.objects.create(
        hearing=hearing, suggestion_id="walk", kind="question", text="?", reason="", source=""
    )
    from .courses_world import walk_course

    course = walk_course(person, procedure, users[Role.COURSE_PROVIDER])
    from akte.web.cases.models import Appeal, Decision, TransitionRequest

    decision = Decision.objects.create(
        procedure=procedure,
        outcome="unfounded",
        basis="§ 31 AsylG",
        decided_on=BORN,
        appeal_days=14,
        document=document,
    )
    appeal = Appeal.objects.create(
        procedure=procedure,
        decision=decision,
        court="VG Berlin",
        court_file_number="VG 1 K 1/26",
        kind="main",
        lodged_on=BORN,
    )
    transition_request = TransitionRequest.objects.create(
        procedure=procedure,
        source="lodged",
        target="closed",
        reason=f"{FAMILY} walk",
        requested_by=users[Role.DECISION_MAKER],
    )
    note = services.add_note(hearing, "health", "")
    from akte.web.audit.break_glass import grant

    breaker = make_user(Role.INTERVIEWER, "walk_breaker")
    glass = grant(breaker, procedure_id=procedure.pk, person_id=person.pk, reason="walk " * 10)
    from akte.web.accounts.models import Team

    team = Team.objects.create(name="Walk team", office="BER")
    return {
        "team": team,
        "break_glass": glass,
        "note": note,
        "appeal": appeal,
        "transition_request": transition_request,
        "person": person,
        "procedure": procedure,
        "document": document,
        "hearing": hearing,
        "segment": Segment.objects.filter(hearing=hearing).first(),
        "suggestion": suggestion,
        **course,
        "user": users[Role.COUNSEL],
        "token": ApiToken.issue(users[Role.PARTNER_AGENCY], "walk")[0],
    }


def patterns(resolvers, namespace="", prefix_regex=""):
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from patterns(
                entry.url_patterns, full, prefix_regex + entry.pattern.regex.pattern
            )
        elif isinstance(entry, URLPattern):
            yield namespace, entry, prefix_regex + entry.pattern.regex.pattern


def value_for(name: str, regex: str, m: dict) -> list:
    """The marker's value for URL parameter `name`; a bare `pk` is the record named by the
    path segment before it (procedures/<pk>, documents/<pk>, hearings/<pk>)."""
    before = regex.split(f"(?P<{name}>")[0]
    segment = re.findall(r"([a-z_-]+)/?$", before.replace("\\", ""))
    by_segment = {
        "procedures": m["procedure"].pk,
        "documents": m["document"].pk,
        "hearings": m["hearing"].pk,
        "persons": m["person"].pk,
        "suggestions": m["suggestion"].pk,
        "courses": m["course"].pk,
        "participants": m["participant"].pk,
        "invoices": m["invoice"].pk,
        "users": m["user"].pk,
        "tokens": m["token"].pk,
        "providers": m["course"].provider_id,
        "exam-centres": m["centre"].pk,
        "break-glass": m["break_glass"].pk,
        "teams": m["team"].pk,
    }
    by_name = {
        "procedure_pk": m["procedure"].pk,
        "suggestion_pk": m["suggestion"].pk,
        "note_pk": m["note"].pk,
        "person_id": m["person"].pk,
        "number": m["segment"].number,
        "file_number": m["procedure"].file_number,
        "appeal_pk": m["appeal"].pk,
        "request_pk": m["transition_request"].pk,
        "rest": "",
        "day": m["course_day"].day.isoformat(),
        "report": "applications",
    }
    if name == "fmt":
        return list(FORMATS)
    if name in by_name:
        return [by_name[name]]
    if name == "pk" and segment and segment[-1] in by_segment:
        return [by_segment[segment[-1]]]
    raise AssertionError(f"the walk cannot fill URL parameter {name!r} in {regex}")


def web_routes(m: dict, *, api_too: bool = False) -> list[tuple[str, str]]:
    """(URL name, URL) of every named page of the resolver outside the API (with `api_too`,
    inside it as well), its parameters filled from the marker's records."""
    routes = []
    for namespace, pattern, regex in patterns(get_resolver().url_patterns):
        if (namespace.split(":")[0] == "api" and not api_too) or not pattern.name:
            continue  # the API is walked through its OpenAPI document
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        params = list(pattern.pattern.regex.groupindex)
        combos = [{}]
        for param in params:
            combos = [{**c, param: v} for c in combos for v in value_for(param, regex, m)]
        routes.extend((name, reverse(name, kwargs=c)) for c in combos)
    return routes


def web_urls(m: dict) -> list[str]:
    return [url for _, url in web_routes(m)]


def api_operations(m: dict) -> list[tuple[str, set[str]]]:
    """(URL, its methods) of every path of the OpenAPI document, filled from the marker."""
    document = api.get_openapi_schema()
    found = []
    for path, operations in document["paths"].items():
        filled = path.replace("{file_number}", m["procedure"].file_number)
        assert "{" not in filled, f"the walk cannot fill {path}"
        found.append((filled, {method.upper() for method in operations}))
    return found


def api_urls(m: dict) -> list[str]:
    return [url for url, methods in api_operations(m) if "GET" in methods]
