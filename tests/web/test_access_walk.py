"""The walk: every page and every API operation, as every role, with a marker person.

No list of URLs here: the pages come from the URL resolver, the operations from the OpenAPI
document. Each GET is requested with its URL parameters filled from the marker's records
(person, procedure, document, hearing, segment, suggestion). A 200 response that shows the
marker's name or birth date (in any format the UI writes it) must have written an access log
entry for the marker. And every view under `akte.web` declares its access logging.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from akte.core.partial_date import PartialDate
from akte.web.accounts.roles import Role
from akte.web.api.views import api
from akte.web.audit.models import AccessLogEntry
from akte.web.cases.models import Document, NameSpelling, Person, Procedure, StatusEvent
from akte.web.hearings.models import Segment, SuggestionShown

GIVEN, FAMILY, ORIGINAL = "Quirinus", "Zwetschkenbaum", "ኲሪኑስ"
BORN = dt.date(1987, 3, 14)
# how the UI writes a birth date: German, ISO (API, JSON), and the other usual forms
BORN_FORMS = [
    BORN.strftime("%d.%m.%Y"),
    f"{BORN.day}.{BORN.month}.{BORN.year}",
    BORN.isoformat(),
    BORN.strftime("%d/%m/%Y"),
    BORN.strftime("%m/%d/%Y"),
    "14. März 1987",
    "March 14, 1987",
    "14 March 1987",
]
MARKS = [GIVEN, FAMILY, ORIGINAL, *BORN_FORMS]
# a view in these modules cannot show a person: Django's and django-ninja's own views (the
# API's operations are walked through the OpenAPI document), and accounts, which sits below
# the case models in the web layers and cannot import them
UNDECLARED_OK = ("django.", "ninja.", "akte.web.accounts.")
FORMATS = ("pdf", "docx", "json", "svg", "xml")
# every page is also asked as a search for the marker (the list's q, the person search's name)
SEARCH = {"q": FAMILY, "name": f"{GIVEN} {FAMILY}", "born": str(BORN.year)}


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
        file=ContentFile(f"Herr {GIVEN} {FAMILY}, geboren {BORN_FORMS[0]}".encode(), name="b.txt"),
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
    return {
        "person": person,
        "procedure": procedure,
        "document": document,
        "hearing": hearing,
        "segment": Segment.objects.filter(hearing=hearing).first(),
        "suggestion": suggestion,
    }


def _patterns(resolvers, namespace="", prefix_regex=""):
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _patterns(
                entry.url_patterns, full, prefix_regex + entry.pattern.regex.pattern
            )
        elif isinstance(entry, URLPattern):
            yield namespace, entry, prefix_regex + entry.pattern.regex.pattern


def _value_for(name: str, regex: str, m: dict) -> list:
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
    }
    by_name = {
        "procedure_pk": m["procedure"].pk,
        "suggestion_pk": m["suggestion"].pk,
        "person_id": m["person"].pk,
        "number": m["segment"].number,
        "file_number": m["procedure"].file_number,
        "rest": "",
    }
    if name == "fmt":
        return list(FORMATS)
    if name in by_name:
        return [by_name[name]]
    if name == "pk" and segment and segment[-1] in by_segment:
        return [by_segment[segment[-1]]]
    raise AssertionError(f"the walk cannot fill URL parameter {name!r} in {regex}")


def _web_urls(m: dict) -> list[str]:
    urls = []
    for namespace, pattern, regex in _patterns(get_resolver().url_patterns):
        if namespace.split(":")[0] == "api" or not pattern.name:
            continue  # the API is walked through its OpenAPI document
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        params = list(pattern.pattern.regex.groupindex)
        combos = [{}]
        for param in params:
            combos = [{**c, param: v} for c in combos for v in _value_for(param, regex, m)]
        urls.extend(reverse(name, kwargs=c) for c in combos)
    return urls


def _api_urls(m: dict) -> list[str]:
    document = api.get_openapi_schema()
    urls = []
    for path, operations in document["paths"].items():
        if "get" not in operations:
            continue
        filled = path.replace("{file_number}", m["procedure"].file_number)
        assert "{" not in filled, f"the walk cannot fill {path}"
        urls.append(filled)
    return urls


def _text(response) -> str:
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith("application/pdf"):
        from pypdf import PdfReader

        return "".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    if "wordprocessingml" in content_type:
        from docx import Document as Docx

        return "\n".join(p.text for p in Docx(io.BytesIO(body)).paragraphs)
    return body.decode("utf-8", errors="replace")


def test_every_view_declares_its_access_logging():
    undeclared = []
    for namespace, pattern, _ in _patterns(get_resolver().url_patterns):
        view = pattern.callback
        view = getattr(view, "func", view)  # a functools.partial (django-ninja)
        module = getattr(view, "__module__", "") or ""
        if module.startswith(UNDECLARED_OK):
            continue
        if not hasattr(view, "access_log"):
            undeclared.append(
                f"{namespace}:{pattern.name} ({module}.{getattr(view, '__name__', view)})"
            )
    for _, router in api._routers:  # the API's operations, as django-ninja keeps them
        for path, operations in router.path_operations.items():
            for operation in operations.operations:
                if not hasattr(operation.view_func, "access_log"):
                    undeclared.append(f"api {operation.methods} {path}")
    assert not undeclared, "views without @logs_access or @shows_no_personal_data:\n" + "\n".join(
        undeclared
    )


@pytest.mark.parametrize("role", [*Role, None], ids=[*(r.value for r in Role), "anonymous"])
def test_no_page_shows_the_marker_without_an_access_log_entry(role, marker, users, client):
    if role is not None:
        client.force_login(users[role])
    urls = _web_urls(marker) + _api_urls(marker)
    assert "/" in urls and f"/api/procedures/{marker['procedure'].file_number}" in urls
    person_id = marker["person"].pk
    gaps, seen = [], 0
    for url, query in [(u, q) for u in urls for q in ({}, SEARCH)]:
        before = AccessLogEntry.objects.filter(person_id=person_id).count()
        response = client.get(url, query)
        if response.status_code != 200:
            continue
        text = _text(response)
        # a page may echo the query itself; what counts then is what the query did not say
        marks = [m for m in MARKS if not any(m in v for v in query.values())]
        shown = [mark for mark in marks if mark in text]
        if not shown:
            continue
        seen += 1
        if AccessLogEntry.objects.filter(person_id=person_id).count() == before:
            gaps.append(f"{url} {query or ''} shows {shown} and wrote no access log entry")
    assert not gaps, f"as {role}:\n" + "\n".join(gaps)
    if role in (Role.REGISTRY_CLERK, Role.INTERVIEWER, Role.COUNSEL):
        assert seen, "the walk saw the marker nowhere: it tests nothing"
