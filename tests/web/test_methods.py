"""No view answers DELETE, PUT or PATCH with a 2xx: every URL of the resolver and every path
of the OpenAPI document (`urlwalk.py`, no hand-written list), as the roles that can open
them. Read-only pages answer other methods with 405; the API says so as problem details."""

import pytest

from akte.web.accounts.roles import Role

from . import urlwalk
from .urlwalk import api_operations, web_routes

marker = urlwalk.marker
UNSAFE = ("delete", "put", "patch")
ROLES = [Role.REGISTRY_CLERK, Role.INTERVIEWER, Role.DATA_PROTECTION_OFFICER, Role.COUNSEL, None]


@pytest.mark.parametrize("role", ROLES, ids=[r.value if r else "anonymous" for r in ROLES])
def test_no_view_answers_unsafe_methods_with_success(role, marker, users, client):
    if role is not None:
        client.force_login(users[role])
    urls = [url for _, url in web_routes(marker, api_too=True)]
    urls += [url for url, _ in api_operations(marker)]
    assert "/audit/" in urls and "/api/procedures" in urls and "/api/openapi.json" in urls
    answered = []
    for url in urls:
        for method in UNSAFE:
            response = getattr(client, method)(url)
            if 200 <= response.status_code < 300:
                answered.append(f"{method.upper()} {url} -> {response.status_code}")
    assert not answered, "\n".join(answered)


def test_access_log_pages_are_get_only(marker, users, client):
    client.force_login(users[Role.DATA_PROTECTION_OFFICER])
    routes = web_routes(marker)
    # the one write under /audit/: the officer's decision on a break-glass access, which
    # appends a review and a log entry and changes nothing there (POST only)
    decide = [url for name, url in routes if name == "audit:break_glass_decide"]
    assert decide and all(client.get(url).status_code == 405 for url in decide)
    audit = [url for name, url in routes if name.startswith("audit:") and url not in decide]
    assert len(audit) >= 3
    for url in audit:
        for method in ("post", *UNSAFE):
            response = getattr(client, method)(url)
            assert response.status_code == 405, f"{method} {url}: {response.status_code}"
            assert "GET" in response["Allow"]
        assert client.head(url).status_code in (200, 404)


def test_api_answers_other_methods_with_a_problem(marker, users, client):
    client.force_login(users[Role.REGISTRY_CLERK])
    own_pages = [(url, {"GET"}) for name, url in web_routes(marker, api_too=True)]
    operations = api_operations(marker)
    paths = {url for url, _ in operations}  # a path with a write has its own methods there
    own_pages = [
        (url, m)
        for url, m in own_pages
        if url.startswith("/api/") and url != "/api/" and url not in paths
    ]
    assert "/api/openapi.json" in [url for url, _ in own_pages]
    for url, methods in operations + own_pages:
        for method in ("post", *UNSAFE):
            if method.upper() in methods:
                continue
            response = getattr(client, method)(url)
            assert response.status_code == 405, f"{method} {url}"
            assert response["Content-Type"] == "application/problem+json"
            assert response.json()["status"] == 405
            # the Allow header names the path's own methods (write paths are POST only)
            assert set(response["Allow"].replace(" ", "").split(",")) >= methods
