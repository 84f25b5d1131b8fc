"""Errors as RFC 9457 problem details (`application/problem+json`)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

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
    401: "No valid bearer token and no browser session",
    404: "No such record, or not visible to the caller",
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
        return problem(request, 500, "Internal Server Error", "The error was logged.")
