"""The web's search form under hostile input: always a page (200), never a server error.

Hypothesis fills every field of the form (`AKTE_FUZZ_EXAMPLES`, default 30 here: each is a
request through the whole stack); the engine's `parse_query` is fuzzed on its own in
tests/fuzz.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from akte.fuzz.text import DATE_PIECES, NAME_PIECES, hostile_text
from akte.web.accounts.roles import Role

_field = st.one_of(hostile_text(NAME_PIECES, max_size=30), st.just("x" * 300))
_form = st.fixed_dictionaries(
    {"name": _field},
    optional={
        "born": hostile_text(DATE_PIECES, max_size=14),
        "country": hostile_text(["SYR", "syr", "XXX", "DE"], max_size=5),
        "place": _field,
        "sex": st.sampled_from(["", "M", "F", "X", "Q", "m"]),
    },
)


@pytest.fixture
def searchable(make_procedure):
    """Persons to find (made once per test; the examples only read)."""
    make_procedure(family="Al-Haddad", given="Mohammed")
    make_procedure(family="Rahimi", given="Abdul Rahman", country="AFG", key="423")


@settings(
    max_examples=int(os.environ.get("AKTE_FUZZ_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(_form)
@example({"name": "Mohammed\x00", "born": "١٩٩٠"})
@example({"name": "Haddad", "born": "31.02.1990", "country": "syr", "sex": "m"})
def test_search_form_never_fails(searchable, users, client_for, form):
    client = client_for(users[Role.REGISTRY_CLERK])
    response = client.get("/search/", form)
    assert response.status_code == 200, response.status_code
