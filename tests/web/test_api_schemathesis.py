"""schemathesis against the whole OpenAPI document of /api/, as every role that holds a token\nand without one.

Bounded: `max_examples` per operation and role (`AKTE_SCHEMATHESIS_EXAMPLES`, default 10),
no deadline. Each run seeds procedures (one of them the counsel's client) so operations hit
real records, and checks: no server error (5xx) and every response conforms to the schema
(status code documented, content type and body as declared).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from akte.web.accounts.models import ApiToken
from akte.web.accounts.roles import Role

EXAMPLES = int(os.environ.get("AKTE_SCHEMATHESIS_EXAMPLES", "10"))
ROLES = list(Role)
# What the check is: no server error, and the response as the document says. Not the checks
# on how strictly requests are validated (negative_data_rejection would count a repeated
# query parameter or the token we put in for a generated, malformed one as a failure).
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# The document is served without touching the database; loaded once at collection.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())


@pytest.fixture
def keep_the_test_connection():
    """The WSGI handler closes the database connection when a request ends, as a server
    must; inside a test that connection holds the test's transaction (on PostgreSQL it would
    be gone for the next request). Django's test client detaches the same two signals."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(users, make_procedure, keep_the_test_connection):
    """Three procedures (one decided, one the counsel's client) and a token per role."""
    make_procedure()
    make_procedure(family="Tesfay", given="Senait", country="ERI", key="224", status="decided")
    client_case = make_procedure(family="Rahimi", given="Ali", country="AFG", key="423")
    client_case.counsel.add(users[Role.COUNSEL])
    return {role: ApiToken.issue(users[role], f"schemathesis {role}")[1] for role in ROLES}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_and_never_fails(case, seeded):
    """Every generated request is sent once per role (and once without a token)."""
    for role in [*ROLES, None]:
        headers = {"Authorization": f"Bearer {seeded[role]}"} if role else {}
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        assert response.status_code < 500, (role, response.text)
