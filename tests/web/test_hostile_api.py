"""Hostile input to the status token and the API's pages: a clear 4xx, never a 500.

The paginated operations come from the OpenAPI document (every GET with `offset` and
`limit` query parameters), not from a hand-written list."""

import pytest
from django.test import Client

from akte.web.accounts.models import ApiToken
from akte.web.accounts.roles import Role
from akte.web.api.views import api
from akte.web.statuslog import link

NON_ASCII_TOKENS = ["ä" * 32, "tökén", "\u202e" + "x" * 31, "😀", "x\x00y"]


def _paginated_operations() -> list[str]:
    paths = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        get = operations.get("get")
        names = {p["name"] for p in (get or {}).get("parameters", []) if p["in"] == "query"}
        if {"offset", "limit"} <= names:
            paths.append(path)
    return paths


def test_the_openapi_document_has_paginated_operations():
    assert "/api/procedures" in _paginated_operations()


@pytest.mark.parametrize("token", NON_ASCII_TOKENS)
def test_non_ascii_status_token_is_not_found_not_a_server_error(db, make_procedure, token):
    procedure = make_procedure()
    anonymous = Client(raise_request_exception=False)
    url = f"/status/{procedure.file_number}/"
    assert anonymous.post(url, {"token": token}).status_code == 404
    assert anonymous.get(url, {"token": token}).status_code in (302, 404)
    ledger = anonymous.get(f"/ledger/procedures/{procedure.file_number}", {"token": token})
    assert ledger.status_code == 403
    assert not link.check_status_token(procedure.file_number, token)


def test_the_right_token_still_opens_the_ledger_endpoint(db, make_procedure):
    procedure = make_procedure()
    token = link.status_token(procedure)
    response = Client().get(f"/ledger/procedures/{procedure.file_number}", {"token": token})
    assert response.status_code == 200


@pytest.fixture
def api_client(users):
    _, clear = ApiToken.issue(users[Role.REGISTRY_CLERK], "pages")
    return Client(raise_request_exception=False, headers={"Authorization": f"Bearer {clear}"})


@pytest.mark.parametrize("path", _paginated_operations())
@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("offset", str(2**63)),
        ("offset", str(2**64 + 7)),
        ("offset", "9" * 400),
        ("offset", "-1"),
        ("offset", "ten"),
        ("offset", "1e3"),
        ("limit", str(2**63)),
        ("limit", "-5"),
        ("limit", "0"),
        ("limit", "∞"),
    ],
)
def test_out_of_range_pages_are_a_problem_naming_the_parameter(
    api_client, make_procedure, path, parameter, value
):
    make_procedure()
    response = api_client.get(path, {parameter: value})
    assert response.status_code == 422, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    wheres = [error["where"] for error in response.json()["errors"]]
    assert any(where.endswith(parameter) for where in wheres), wheres


@pytest.mark.parametrize("path", _paginated_operations())
def test_pages_at_their_limits_still_answer(api_client, make_procedure, path):
    make_procedure()
    from akte.web.api.views import MAX_LIMIT, MAX_OFFSET

    far = api_client.get(path, {"offset": MAX_OFFSET, "limit": MAX_LIMIT})
    assert far.status_code == 200 and far.json()["items"] == []
    first = api_client.get(path, {"offset": 0, "limit": 1})
    assert first.status_code == 200 and len(first.json()["items"]) == 1
