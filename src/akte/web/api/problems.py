"""Errors as RFC 9457 problem details (`application/problem+json`)."""

from __future__ import annotations

import functools
import logging

from django.conf import settings
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import URLPattern
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from akte.web.audit.log import shows_no_personal_data
from akte.web.overload import is_database_busy

logger = logging.getLogger("akte.web.api")
PROBLEM_TYPE = "https://akte.example/problems/"

_PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["where", "message"],
                "properties": {"where": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}
_DESCRIPTIONS = {
    400: "An unknown filter value (`parameter` names it), or a body that cannot be parsed",
    401: "No valid bearer token and no browser session",
    403: "The caller's role may not do this",
    409: "Refused: not allowed from the procedure's status, or possible duplicates",
    404: "No such record, or not visible to the caller",
    413: "The body is larger than the limit",
    422: "Invalid parameters; `errors` says which and why",
}


def documented(*statuses: int) -> dict:
    """`openapi_extra` for an operation: the problem responses it may give, as
    `application/problem+json`, so that the OpenAPI document says every status it answers."""
    return {
        "responses": {
            status: {
                "description": _DESCRIPTIONS[status],
                "content": {"application/problem+json": {"schema": _PROBLEM_SCHEMA}},
            }
            for status in statuses
        }
    }


def problem(
    request: HttpRequest, status: int, title: str, detail: str = "", **extra
) -> JsonResponse:
    body = {
        "type": PROBLEM_TYPE + title.lower().replace(" ", "-"),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
        **extra,
    }
    return JsonResponse(body, status=status, content_type="application/problem+json")


def install(api: NinjaAPI) -> None:
    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem(request, 404, "Not Found", "No such record, or not visible to you.")

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        response = problem(
            request, 401, "Unauthorized", "Send 'Authorization: Bearer <token>' or log in."
        )
        response["WWW-Authenticate"] = 'Bearer realm="akte"'
        return response

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        errors = [
            {"where": ".".join(str(p) for p in e.get("loc", [])), "message": e.get("msg", "")}
            for e in exc.errors
        ]
        return problem(
            request, 422, "Invalid Request", "The request has invalid fields.", errors=errors
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return problem(request, exc.status_code, "Error", str(exc))

    @api.exception_handler(Exception)
    def unexpected(request, exc):
        if is_database_busy(exc):
            response = problem(request, 503, "Service Unavailable", "Busy: nothing was saved.")
            response["Retry-After"] = str(settings.AKTE_RETRY_AFTER_S)
            return response
        logger.error(
            "Internal Server Error: %s", request.path, exc_info=(type(exc), exc, exc.__traceback__)
        )
        return problem(request, 500, "Internal Server Error", "The error was logged.")


@shows_no_personal_data
def not_found(request, rest: str = "") -> JsonResponse:
    """Any other path under /api/: a 404 as problem details, not the HTML page."""
    return problem(request, 404, "Not Found", "No such operation.")


def _not_allowed(request, allowed: str) -> JsonResponse:
    detail = f"{request.method} is not allowed here; allowed: {allowed}."
    response = problem(request, 405, "Method Not Allowed", detail)
    response["Allow"] = allowed
    return response


def _method_not_allowed_as_problem(view):
    """django-ninja answers a method an operation's path does not have with a plain-text
    405: say it as a problem, with the same `Allow` header. Its own pages (the OpenAPI
    document, the docs page: `functools.partial` views) answered every method; they are
    GET and HEAD only."""
    read_only = isinstance(view, functools.partial)

    @functools.wraps(view)  # keeps csrf_exempt (the access walk looks at `func`)
    def wrapped(request, *args, **kwargs):
        if read_only and request.method not in ("GET", "HEAD"):
            return _not_allowed(request, "GET, HEAD")
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and "problem+json" not in response.get("Content-Type", ""):
            return _not_allowed(request, response.get("Allow", ""))
        return response

    wrapped.func = getattr(view, "func", view)  # the view's own module, for the access walk
    return wrapped


def urls_with_problems(api: NinjaAPI):
    """`api.urls`, each 405 answered as problem details."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _method_not_allowed_as_problem(pattern.callback)
    return patterns, app_name, namespace
