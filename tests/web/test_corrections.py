"""Corrections of a person's data: a reason is required, the audit trail keeps old and new
value, who (display name), when and why, and shows them on the person page; only the roles
with `CORRECT_PERSON` may correct, and the trail cannot be changed."""

import pytest

from akte.core.partial_date import PartialDate
from akte.web.accounts.roles import Capability, Role, capabilities
from akte.web.audit.models import AccessLogEntry, Action
from akte.web.cases.models import NameSpelling, Person, PersonChange
from akte.web.cases.trail import TrailImmutable

CORRECTORS = {r for r in Role if Capability.CORRECT_PERSON in capabilities(r)}


def _person_post(person, **overrides):
    data = {
        "person-sex": person.sex,
        "person-birth_date": person.birth_date.german() if person.birth_date else "",
        "person-birth_place": person.birth_place,
        "person-nationality": person.nationality,
        "person-reason": "Reisepass vorgelegt",
    }
    data.update({f"person-{k}": v for k, v in overrides.items()})
    return data


def test_correctors_are_clerks_and_decision_makers():
    assert CORRECTORS == {Role.REGISTRY_CLERK, Role.DECISION_MAKER}


def test_a_correction_keeps_old_and_new_value_who_when_and_why(users, make_procedure, client_for):
    person = make_procedure().person
    clerk = users[Role.REGISTRY_CLERK]
    clerk.display_name = "Erika Mustermann"
    clerk.save()
    client = client_for(clerk)
    response = client.post(
        f"/persons/{person.pk}/correct/",
        _person_post(person, birth_date="03.1991", birth_place="Homs"),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.birth_date == PartialDate(1991, 3) and person.birth_place == "Homs"
    changes = {c.field: c for c in PersonChange.objects.filter(person=person)}
    assert set(changes) == {"birth_date", "birth_place"}
    born = changes["birth_date"]
    assert (born.old_value, born.new_value) == ("1990", "1991-03")  # the precision stays
    assert born.reason == "Reisepass vorgelegt" and born.actor == clerk
    assert born.actor_name == "Erika Mustermann"
    assert changes["birth_place"].old_value == "Aleppo"
    page = client.get(f"/persons/{person.pk}/").text
    assert "Erika Mustermann" in page and "Reisepass vorgelegt" in page
    assert "1990 (year only)" in page and "03.1991 (month and year only)" in page
    assert "Aleppo" in page and "Homs" in page
    # local time (Europe/Berlin), not UTC
    from django.utils import timezone

    local = timezone.localtime(born.at).strftime("%d.%m.%Y %H:%M")
    assert local in page
    # the change itself is in the access log
    assert AccessLogEntry.objects.filter(person_id=person.pk, action=Action.UPDATE).exists()


def test_the_person_page_in_german(users, make_procedure, client):
    person = make_procedure().person
    client.cookies["django_language"] = "de"
    client.force_login(users[Role.DECISION_MAKER])
    page = client.get(f"/persons/{person.pk}/").text
    assert "Daten berichtigen" in page and "Änderungsprotokoll" in page


def test_a_reason_is_required(users, make_procedure, client_for):
    person = make_procedure().person
    client = client_for(users[Role.DECISION_MAKER])
    data = _person_post(person, sex="F", reason="")
    response = client.post(f"/persons/{person.pk}/correct/", data)
    assert response.status_code == 400
    person.refresh_from_db()
    assert person.sex == "M" and not PersonChange.objects.exists()


def test_nothing_changed_is_refused(users, make_procedure, client_for):
    person = make_procedure().person
    response = client_for(users[Role.REGISTRY_CLERK]).post(
        f"/persons/{person.pk}/correct/", _person_post(person)
    )
    assert response.status_code == 400
    assert "Nothing was changed" in response.text
    assert not PersonChange.objects.exists()


def test_a_bad_value_is_refused_at_its_field(users, make_procedure, client_for):
    person = make_procedure().person
    client = client_for(users[Role.REGISTRY_CLERK])
    for field, value in [("birth_date", "31.02.1990"), ("nationality", "XXX"), ("sex", "Q")]:
        response = client.post(
            f"/persons/{person.pk}/correct/", _person_post(person, **{field: value})
        )
        assert response.status_code == 400, field
    assert not PersonChange.objects.exists()


def test_a_spelling_is_corrected_with_its_trail(users, make_procedure, client_for):
    person = make_procedure().person
    spelling = person.spellings.get(is_primary=True)
    client = client_for(users[Role.REGISTRY_CLERK])
    prefix = f"spelling-{spelling.pk}"
    response = client.post(
        f"/persons/{person.pk}/spellings/correct/",
        {
            "spelling_pk": spelling.pk,
            f"{prefix}-spelling": spelling.pk,
            f"{prefix}-given_names": "Muhammad",
            f"{prefix}-family_name": "Haddad",
            f"{prefix}-script": "Latn",
            f"{prefix}-reason": "Schreibweise laut Pass",
        },
    )
    assert response.status_code == 302
    spelling.refresh_from_db()
    assert spelling.given_names == "Muhammad"
    change = PersonChange.objects.get()
    assert (change.field, change.old_value, change.new_value) == (
        "given_names",
        "Mohammed",
        "Muhammad",
    )
    assert change.spelling == spelling
    page = client_for(users[Role.DECISION_MAKER]).get(f"/persons/{person.pk}/").text
    assert "Mohammed" in page and "Muhammad" in page and "Schreibweise laut Pass" in page


def test_another_persons_spelling_cannot_be_corrected(users, make_procedure, client_for):
    person = make_procedure().person
    foreign = make_procedure(family="Rahimi").person.spellings.first()
    prefix = f"spelling-{foreign.pk}"
    response = client_for(users[Role.REGISTRY_CLERK]).post(
        f"/persons/{person.pk}/spellings/correct/",
        {
            "spelling_pk": foreign.pk,
            f"{prefix}-spelling": foreign.pk,
            f"{prefix}-given_names": "X",
            f"{prefix}-family_name": "Y",
            f"{prefix}-script": "Latn",
            f"{prefix}-reason": "try",
        },
    )
    assert response.status_code == 400
    foreign.refresh_from_db()
    assert foreign.family_name == "Rahimi" and not PersonChange.objects.exists()


@pytest.mark.parametrize("role", list(Role))
def test_who_may_correct(role, users, make_procedure, client_for):
    procedure = make_procedure()
    person = procedure.person
    procedure.counsel.add(users[Role.COUNSEL])  # counsel sees the client, may not correct
    client = client_for(users[role])
    response = client.post(f"/persons/{person.pk}/correct/", _person_post(person, sex="F"))
    person.refresh_from_db()
    if role in CORRECTORS:
        assert response.status_code == 302 and person.sex == "F"
    else:
        assert response.status_code == 404 and person.sex == "M"
        assert "Haddad" not in response.text


@pytest.mark.parametrize("role", list(Role))
def test_who_sees_the_person_page(role, users, make_procedure, client_for):
    own = make_procedure(family="Rahimi", given="Abdul", country="AFG", key="423")
    other = make_procedure()
    own.counsel.add(users[Role.COUNSEL])
    client = client_for(users[role])
    response = client.get(f"/persons/{other.person_id}/")
    office_roles = (Role.REGISTRY_CLERK, Role.INTERVIEWER, Role.DECISION_MAKER,
                    Role.QUALITY_ASSURANCE, Role.DUBLIN_OFFICER)  # fmt: skip
    if role in office_roles:
        assert response.status_code == 200 and "Haddad" in response.text
        assert ("Correct the data" in response.text) == (role in CORRECTORS)
    else:
        assert response.status_code == 404 and "Haddad" not in response.text
    if role == Role.COUNSEL:
        assert "Rahimi" in client.get(f"/persons/{own.person_id}/").text


def test_the_trail_is_append_only(users, make_procedure):
    person = make_procedure().person
    from akte.web.cases import corrections

    (change,) = corrections.correct_person(
        users[Role.REGISTRY_CLERK],
        person,
        {
            "sex": "F",
            "birth_date": person.birth_date,
            "birth_place": "Aleppo",
            "nationality": "SYR",
        },
        "Irrtum bei der Erfassung",
    )
    change.reason = "anders"
    with pytest.raises(TrailImmutable):
        change.save()
    with pytest.raises(TrailImmutable):
        change.delete()
    with pytest.raises(TrailImmutable):
        PersonChange.objects.all().update(reason="x")
    with pytest.raises(TrailImmutable):
        PersonChange.objects.all().delete()


def test_a_correction_reaches_the_person_search(users, make_procedure, client_for):
    person = make_procedure(family="Haddad").person
    client = client_for(users[Role.REGISTRY_CLERK])
    assert "Haddad" in client.post("/search/", {"name": "Mohammed Haddad"}).text
    spelling = person.spellings.get(is_primary=True)
    prefix = f"spelling-{spelling.pk}"
    client.post(
        f"/persons/{person.pk}/spellings/correct/",
        {
            "spelling_pk": spelling.pk,
            f"{prefix}-spelling": spelling.pk,
            f"{prefix}-given_names": "Mohammed",
            f"{prefix}-family_name": "Zwetschkenbaum",
            f"{prefix}-script": "Latn",
            f"{prefix}-reason": "Tippfehler",
        },
    )
    assert NameSpelling.objects.filter(family_name="Zwetschkenbaum").exists()
    found = client.post("/search/", {"name": "Mohammed Zwetschkenbaum"}).text
    assert "Zwetschkenbaum" in found and f"/procedures/{person.procedures.get().pk}/" in found
    assert Person.objects.count() == 1


def test_hostile_input(users, make_procedure, client_for):
    """Markup in a reason is shown as text; oversized values and numbers beyond any key are
    refused, never a 500."""
    person = make_procedure().person
    client = client_for(users[Role.REGISTRY_CLERK])
    script = "<script>alert(1)</script>"
    response = client.post(
        f"/persons/{person.pk}/correct/", _person_post(person, sex="F", reason=script)
    )
    assert response.status_code == 302
    page = client.get(f"/persons/{person.pk}/").text
    assert script not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    too_long = _person_post(person, sex="M", reason="x" * 501)
    assert client.post(f"/persons/{person.pk}/correct/", too_long).status_code == 400
    huge = "9" * 30
    assert client.get(f"/persons/{huge}/").status_code == 404
    assert client.post(f"/persons/{huge}/correct/", _person_post(person)).status_code == 404
    prefix = f"spelling-{huge}"
    response = client.post(
        f"/persons/{person.pk}/spellings/correct/",
        {"spelling_pk": huge, f"{prefix}-spelling": huge, f"{prefix}-given_names": "a",
         f"{prefix}-family_name": "b", f"{prefix}-script": "Latn", f"{prefix}-reason": "r"},
    )  # fmt: skip
    assert response.status_code == 400
    response = client.post(
        f"/persons/{person.pk}/merge/", {"other": huge[:20], "keep": "this", "reason": "x"}
    )
    assert response.status_code == 400
    assert PersonChange.objects.count() == 1
