"""503 + Retry-After instead of 500 when the database stays busy or the queue is too long;
every other server error is still a 500 and is logged with its traceback."""

from __future__ import annotations

import contextlib
import logging
import threading

import pytest
from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import path
from django.utils import translation

from akte.web import overload
from akte.web.api.views import api
from akte.web.audit.log import shows_no_personal_data


def _locked(request):
    raise OperationalError("database is locked")


def test_a_view_whose_database_stays_locked_answers_503_with_retry_after(settings):
    middleware = overload.DatabaseBusyMiddleware(_locked)
    request = RequestFactory().post("/hearings/1/segments/")
    with translation.override("en"):
        response = middleware.process_exception(request, OperationalError("database is locked"))
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.AKTE_RETRY_AFTER_S)
    assert b"Nothing was saved" in response.content
    with translation.override("de"):  # the office's language by default
        german = middleware.process_exception(request, OperationalError("database is locked"))
    assert "Es wurde nichts gespeichert" in german.content.decode()


def test_other_database_errors_are_not_hidden_as_busy():
    middleware = overload.DatabaseBusyMiddleware(_locked)
    request = RequestFactory().get("/")
    assert middleware.process_exception(request, OperationalError("no such table: x")) is None
    assert middleware.process_exception(request, ValueError("database is locked")) is None


def test_the_500_handler_answers_503_only_for_a_busy_database():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        assert overload.server_error(request).status_code == 503
    try:
        raise KeyError("x")
    except KeyError:
        assert overload.server_error(request).status_code == 500


@contextlib.contextmanager
def _gate_with_one_request_inside():
    """A gate (settings as the test set them) whose one slot a slow request holds until the
    block ends."""
    inside, release = threading.Event(), threading.Event()

    def slow(request):
        inside.set()
        release.wait(10)
        return HttpResponse("ok")

    gate = overload.ConcurrencyGateMiddleware(slow)
    first = threading.Thread(target=gate, args=(RequestFactory().get("/"),))
    first.start()
    assert inside.wait(10)
    try:
        yield gate
    finally:
        release.set()
        first.join()


def test_requests_beyond_the_gate_wait_then_get_503(settings):
    settings.AKTE_MAX_CONCURRENT_REQUESTS = 1
    settings.AKTE_QUEUE_TIMEOUT_S = 0.05
    with _gate_with_one_request_inside() as gate:
        second = gate(RequestFactory().get("/"))
        assert second.status_code == 503 and second["Retry-After"]
        assert second["X-Akte-Overload"] == "queue"
    assert gate(RequestFactory().get("/")).status_code == 200  # the slot was given back


@pytest.mark.django_db
def test_an_unexpected_api_error_is_logged_with_its_traceback(caplog):
    request = RequestFactory().get("/api/procedures?offset=9223372036854775808")
    try:
        raise OverflowError("Python int too large to convert to SQLite INTEGER")
    except OverflowError as exc:
        error = exc
    with caplog.at_level(logging.ERROR, logger="akte.web.api"):
        response = api.on_exception(request, error)
    assert response.status_code == 500
    (record,) = [r for r in caplog.records if r.name == "akte.web.api"]
    assert record.exc_info and record.exc_info[0] is OverflowError
    assert "/api/procedures" in record.getMessage()


@pytest.mark.django_db
def test_a_busy_database_in_the_api_is_a_503_problem_with_retry_after():
    request = RequestFactory().get("/api/procedures")
    response = api.on_exception(request, OperationalError("database is locked"))
    assert response.status_code == 503 and response["Retry-After"]
    assert response["Content-Type"] == "application/problem+json"


def test_a_page_500_is_logged_with_its_traceback(client, caplog, settings):
    settings.ROOT_URLCONF = __name__  # the two names below
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/fails/")
    assert response.status_code == 500
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info and record.exc_info[0] is ZeroDivisionError


@shows_no_personal_data
def _fails(request):
    return 1 / 0


urlpatterns = [path("fails/", _fails)]
handler500 = "akte.web.overload.server_error"


def test_beyond_the_waiting_room_503_comes_at_once(settings):
    """One slot, one place to wait: a third request does not queue, it is told to come back."""
    settings.AKTE_MAX_CONCURRENT_REQUESTS = 1
    settings.AKTE_MAX_QUEUED_REQUESTS = 1
    settings.AKTE_QUEUE_TIMEOUT_S = 30
    answers = []
    with _gate_with_one_request_inside() as gate:
        waiting = threading.Thread(target=lambda: answers.append(gate(RequestFactory().get("/"))))
        waiting.start()
        for _ in range(1000):  # until the second request waits for the slot
            if gate.waiting == 1:
                break
            threading.Event().wait(0.01)
        third = gate(RequestFactory().get("/"))  # would wait 30 s if it queued
        assert third.status_code == 503 and third["Retry-After"]
    waiting.join()
    assert [a.status_code for a in answers] == [200]  # the waiting one got its turn
