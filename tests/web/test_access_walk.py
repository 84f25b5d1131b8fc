"""The walk: every page and every API operation, as every role, with a marker person.

No list of URLs here: the pages come from the URL resolver, the operations from the OpenAPI
document (`urlwalk.py`). Each GET is requested with its URL parameters filled from the marker's records
(person, procedure, document, hearing, segment, suggestion). A 200 response that shows the
marker's name or birth date (in any format the UI writes it) must have written an access log
entry for the marker. And every view under `akte.web` declares its access logging.
"""

from __future__ import annotations

import io

import pytest
from django.urls import get_resolver

from akte.web.accounts.roles import Role
from akte.web.api.views import api
from akte.web.audit.models import AccessLogEntry

from . import urlwalk
from .urlwalk import BORN, FAMILY, GIVEN, ORIGINAL, api_urls, patterns, web_urls

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
# every page is also asked as a search for the marker (the list's q, the person search's
# name): in the query of a GET, and in the body of a POST to every page that answers a GET
SEARCH = {"q": FAMILY, "name": f"{GIVEN} {FAMILY}", "born": str(BORN.year)}

marker = urlwalk.marker


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
    for namespace, pattern, _ in patterns(get_resolver().url_patterns):
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
    urls = web_urls(marker) + api_urls(marker)
    assert "/" in urls and f"/api/procedures/{marker['procedure'].file_number}" in urls
    person_id = marker["person"].pk
    gaps, seen = [], 0
    pages = set()
    asks = [("get", u, q) for u in urls for q in ({}, SEARCH)] + [("post", u, SEARCH) for u in urls]
    for method, url, query in asks:
        if method == "post" and url not in pages:
            continue  # an action (POST only) is not a page to search from
        before = AccessLogEntry.objects.filter(person_id=person_id).count()
        response = getattr(client, method)(url, query)
        if response.status_code != 200:
            continue
        if method == "get":
            pages.add(url)
        text = _text(response)
        # a page may echo the query itself; what counts then is what the query did not say
        marks = [m for m in MARKS if not any(m in v for v in query.values())]
        shown = [mark for mark in marks if mark in text]
        if not shown:
            continue
        seen += 1
        if AccessLogEntry.objects.filter(person_id=person_id).count() == before:
            gaps.append(f"{method} {url} {query or ''} shows {shown} and wrote no entry")
    assert not gaps, f"as {role}:\n" + "\n".join(gaps)
    if role in (Role.REGISTRY_CLERK, Role.INTERVIEWER, Role.COUNSEL):
        assert seen, "the walk saw the marker nowhere: it tests nothing"
