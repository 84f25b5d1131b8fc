"""Beyond the knee: 503 with Retry-After, never 500 (docs/operations.md).

Two middlewares and one error handler:

- `ConcurrencyGateMiddleware` (first in MIDDLEWARE) lets at most
  `AKTE_MAX_CONCURRENT_REQUESTS` requests per process into Django at once, at most
  `AKTE_MAX_QUEUED_REQUESTS` waiting (more are answered 503 at once); a request that
  waits longer than `AKTE_QUEUE_TIMEOUT` seconds for its turn is answered 503 before it
  touches the database.
- `DatabaseBusyMiddleware` (last) turns a view's "database is locked" (SQLite, after the
  busy timeout) into 503. Nothing was saved: the transaction rolled back, the user's form is
  still in the browser and may be sent again.
- `server_error` (the URLconf's handler500) does the same for an exception outside a view
  (e.g. the session saved by its middleware) and otherwise answers Django's 500; Django logs
  every 500 with its traceback before it calls the handler.
"""

from __future__ import annotations

import logging
import sys
import threading

from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger("akte.web.overload")


def is_database_busy(exc: BaseException | None) -> bool:
    """True for SQLite's "database is locked" / "database table is locked" (SQLITE_BUSY)."""
    return isinstance(exc, OperationalError) and "is locked" in str(exc)


def busy_response(reason: str) -> HttpResponse:
    response = HttpResponse(
        _("The server is busy. Nothing was saved; please try again in a moment."),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(settings.AKTE_RETRY_AFTER_S)
    response["X-Akte-Overload"] = reason  # "queue" or "database", for operators and tests
    return response


class ConcurrencyGateMiddleware:
    """A bounded number of requests inside Django per process, a bounded number waiting for
    their turn (each a bounded time); the rest are answered 503 at once, so that beyond the
    knee the office gets quick "try again" answers instead of a queue that only grows."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.slots = threading.BoundedSemaphore(settings.AKTE_MAX_CONCURRENT_REQUESTS)
        self.timeout = settings.AKTE_QUEUE_TIMEOUT_S
        self.max_waiting = settings.AKTE_MAX_QUEUED_REQUESTS
        self.waiting = 0
        self.lock = threading.Lock()

    def __call__(self, request):
        if not self.slots.acquire(blocking=False) and not self._wait_for_a_slot(request):
            return busy_response("queue")
        try:
            return self.get_response(request)
        finally:
            self.slots.release()

    def _wait_for_a_slot(self, request) -> bool:
        with self.lock:
            if self.waiting >= self.max_waiting:
                logger.warning("503 %s %s: %s requests already wait", request.method,
                               request.path, self.waiting)  # fmt: skip
                return False
            self.waiting += 1
        try:
            if self.slots.acquire(timeout=self.timeout):
                return True
        finally:
            with self.lock:
                self.waiting -= 1
        logger.warning("503 %s %s: no request slot within %ss", request.method,
                       request.path, self.timeout)  # fmt: skip
        return False


class DatabaseBusyMiddleware:
    """A view whose database stayed locked beyond the busy timeout answers 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_busy(exception):
            logger.warning("503 %s %s: database busy (%s)", request.method, request.path,
                           exception)  # fmt: skip
            return busy_response("database")
        return None


def server_error(request) -> HttpResponse:
    """handler500: called by Django (which has logged the traceback) for an uncaught error."""
    if is_database_busy(sys.exc_info()[1]):
        return busy_response("database")
    return defaults.server_error(request)
