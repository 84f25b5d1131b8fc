"""Counsel sees only the procedures they are counsel on, also where a page lists a person's
procedures: a client's other procedure, not theirs, does not appear, not even its number."""

from akte.web.accounts.models import ApiToken
from akte.web.accounts.roles import Role
from akte.web.cases.models import Procedure


def _two_procedures_of_one_person(make_procedure, counsel):
    mine = make_procedure(family="Rahimi", given="Abdul", country="AFG", key="423")
    other = Procedure.objects.create(
        file_number="7999999-423",
        person=mine.person,
        status="lodged",
        office="BER",
        country="AFG",
    )
    mine.counsel.add(counsel)
    return mine, other


def test_counsel_does_not_see_the_clients_other_procedure(users, make_procedure, client_for):
    mine, other = _two_procedures_of_one_person(make_procedure, users[Role.COUNSEL])
    client = client_for(users[Role.COUNSEL])
    page = client.get(f"/procedures/{mine.pk}/")
    assert page.status_code == 200 and "Rahimi" in page.text
    assert other.file_number not in page.text
    assert client.get(f"/procedures/{other.pk}/").status_code == 404
    for ask in ({}, {"q": "Rahimi"}):
        assert other.file_number not in client.get("/", ask).text
        assert other.file_number not in client.post("/", ask).text
    _, clear = ApiToken.issue(users[Role.COUNSEL], "firm")
    headers = {"Authorization": f"Bearer {clear}"}
    assert other.file_number not in client.get("/api/procedures", headers=headers).text
    detail = client.get(f"/api/procedures/{mine.file_number}", headers=headers)
    assert detail.status_code == 200 and other.file_number not in detail.text


def test_counsel_on_both_sees_both_and_the_office_sees_both(users, make_procedure, client_for):
    mine, other = _two_procedures_of_one_person(make_procedure, users[Role.COUNSEL])
    clerk = client_for(users[Role.REGISTRY_CLERK])
    assert other.file_number in clerk.get(f"/procedures/{mine.pk}/").text
    other.counsel.add(users[Role.COUNSEL])
    counsel = client_for(users[Role.COUNSEL])
    assert other.file_number in counsel.get(f"/procedures/{mine.pk}/").text
