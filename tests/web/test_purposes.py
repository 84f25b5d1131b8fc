"""Which role may work for which purpose (`accounts.purposes.PURPOSES_OF_ROLE`): the whole
matrix, through the header's form and into the access log."""

import pytest

from akte.web.accounts.purposes import PURPOSES_OF_ROLE, Purpose, derived_purpose
from akte.web.accounts.roles import Role
from akte.web.audit.models import AccessLogEntry

MATRIX = [(role, purpose) for role in Role for purpose in Purpose]


def test_every_role_has_its_own_purpose_first_and_only_the_dpo_answers_art_15():
    assert set(PURPOSES_OF_ROLE) == set(Role)
    for role, purposes in PURPOSES_OF_ROLE.items():
        assert purposes[0] == derived_purpose(role)
    assert [r for r, p in PURPOSES_OF_ROLE.items() if Purpose.ACCESS_REQUEST in p] == [
        Role.DATA_PROTECTION_OFFICER
    ]


@pytest.mark.parametrize(
    ("role", "purpose"), MATRIX, ids=[f"{r.value}-{p.value}" for r, p in MATRIX]
)
def test_choosing_a_purpose(role, purpose, users, client_for):
    client = client_for(users[role])
    response = client.post("/accounts/purpose/", {"purpose": purpose.value, "next": "/"})
    if purpose in PURPOSES_OF_ROLE[role]:
        assert response.status_code == 302
        assert client.session["akte_purpose"] == purpose.value
    else:
        assert response.status_code == 403
        assert str(purpose.label) in response.text and "may not" in response.text
        assert "akte_purpose" not in client.session


def test_the_header_offers_only_the_roles_purposes(users, client_for):
    page = client_for(users[Role.INTERVIEWER]).get("/").text
    assert 'value="hearing"' in page and 'value="case_processing"' in page
    assert 'value="access_request"' not in page and 'value="quality_assurance"' not in page


def test_an_interviewers_read_is_never_logged_as_an_access_request(
    users, make_procedure, client_for
):
    procedure = make_procedure()
    client = client_for(users[Role.INTERVIEWER])
    assert client.post("/accounts/purpose/", {"purpose": "access_request"}).status_code == 403
    # a session that holds a purpose the role may not work for (forged, or the role changed)
    session = client.session
    session["akte_purpose"] = "access_request"
    session.save()
    assert client.get(f"/procedures/{procedure.pk}/").status_code == 200
    assert AccessLogEntry.objects.get().purpose == "hearing"


def test_a_refused_choice_keeps_the_earlier_one(users, make_procedure, client_for):
    procedure = make_procedure()
    client = client_for(users[Role.DECISION_MAKER])
    client.post("/accounts/purpose/", {"purpose": "hearing"})
    assert client.post("/accounts/purpose/", {"purpose": "data_protection"}).status_code == 403
    client.get(f"/procedures/{procedure.pk}/")
    assert AccessLogEntry.objects.get().purpose == "hearing"
