"""Errors as RFC 9457 problem details (`application/problem+json`)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import Http404, HttpRequest, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from akte.web.overload import is_database_busy

logger = logging.getLogger("akte.web.api")
PROBLEM_TYPE = "https://akte.example/problems/"


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
