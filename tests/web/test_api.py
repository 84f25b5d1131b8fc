"""The JSON API: OpenAPI document, token authentication, RFC 9457 problem details."""

from akte.web.accounts.models import ApiToken
from akte.web.accounts.roles import Role


def test_openapi_document(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/procedures" in paths and "/api/procedures/{file_number}" in paths


def test_unauthenticated_is_problem_details(db, client):
    response = client.get("/api/procedures")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 401 and body["title"] == "Unauthorized"


def test_wrong_and_revoked_tokens(users, client):
    token, clear = ApiToken.issue(users[Role.PARTNER_AGENCY], "partner system")
    assert (
        client.get("/api/procedures", headers={"Authorization": "Bearer nope"}).status_code == 401
    )
    ok = client.get("/api/procedures", headers={"Authorization": f"Bearer {clear}"})
    assert ok.status_code == 200
    token.revoked = True
    token.save()
    assert (
        client.get("/api/procedures", headers={"Authorization": f"Bearer {clear}"}).status_code
        == 401
    )
    # only a digest of the token is stored
    assert clear not in token.digest


def test_list_filters_and_validation(users, make_procedure, client):
    make_procedure(status="decided")
    make_procedure(family="Tesfay", given="Senait", country="ERI", key="224")
    _, clear = ApiToken.issue(users[Role.PARTNER_AGENCY], "p")
    headers = {"Authorization": f"Bearer {clear}"}
    body = client.get("/api/procedures", {"country": "ERI"}, headers=headers).json()
    assert body["count"] == 1 and body["items"][0]["country"] == "ERI"
    assert "person" not in body["items"][0]
    bad = client.get("/api/procedures", {"limit": "many"}, headers=headers)
    assert bad.status_code == 422
    assert bad["Content-Type"] == "application/problem+json"
    assert bad.json()["errors"][0]["where"].endswith("limit")


def test_unknown_file_number_is_404_problem(users, client):
    _, clear = ApiToken.issue(users[Role.REGISTRY_CLERK], "p")
    response = client.get(
        "/api/procedures/' OR 1=1 --", headers={"Authorization": f"Bearer {clear}"}
    )
    assert response.status_code == 404
    assert response.json()["type"].endswith("not-found")


def test_api_docs_page_uses_local_files_only(db, client):
    page = client.get("/api/docs").text
    assert "cdn." not in page and "https://" not in page
    assert "/static/ninja/swagger-ui-bundle.js" in page


def test_huge_offset_and_limit_are_no_server_error(users, make_procedure, client):
    """Found by schemathesis: offset >= 2**63 overflowed the database (a 500)."""
    make_procedure()
    _, clear = ApiToken.issue(users[Role.PARTNER_AGENCY], "p")
    headers = {"Authorization": f"Bearer {clear}"}
    for params in (
        {"offset": str(2**63)},
        {"offset": "197344726509363082035200", "limit": "-65924"},
        {"limit": str(2**64)},
    ):
        response = client.get("/api/procedures", params, headers=headers)
        assert response.status_code in (200, 422), (params, response.status_code)
        if response.status_code == 200 and "offset" in params:
            assert response.json()["items"] == []
