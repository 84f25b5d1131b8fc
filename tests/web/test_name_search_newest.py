"""The broad name search's newest persons (`name_search.newest_persons_containing`): read from
the full-text index's newest matches on SQLite, from the newest spellings by person on
PostgreSQL, yet the same persons as sorting every match,
also where spellings were added out of the persons' order."""

import pytest
from django.db.models import F

from akte.web.cases import name_search
from akte.web.cases.models import NameSpelling, Person
from akte.web.cases.name_search import newest_persons_containing, spellings_containing

pytestmark = pytest.mark.django_db


def _person(family: str) -> Person:
    person = Person.objects.create(sex="m", nationality="SYR")
    NameSpelling.objects.create(person=person, family_name=family, given_names="X", script="Latn")
    return person


def _all_sorted(q: str, limit: int) -> list[int]:
    found = spellings_containing(q).annotate(n=F("person_id") + 0).order_by("-n")
    return list(found.values_list("n", flat=True).distinct()[:limit])


@pytest.mark.parametrize("per_person", [1, 3])
@pytest.mark.parametrize("limit", [1, 2, 3, 5, 8, 30])
def test_the_newest_persons_are_those_of_a_full_sort(limit, per_person, monkeypatch):
    # a window of `limit` rows (or three times that): SQLite's full-text index, PostgreSQL's
    # newest spellings by person
    monkeypatch.setattr(name_search, "SPELLINGS_PER_PERSON", per_person)
    monkeypatch.setattr(name_search, "RECENT_SPELLINGS_PER_PERSON", per_person)
    persons = [_person(f"Abdallah{i}" if i % 3 else f"Other{i}") for i in range(20)]
    # a spelling added late to an old person (high id, old person) ...
    NameSpelling.objects.create(person=persons[1], family_name="Abdi", given_names="Y")
    # ... and, by an import, older spelling ids of newer persons: swap two persons' names
    newest, older = persons[-1], persons[-3]  # "Abdallah19" and "Abdallah17"
    NameSpelling.objects.filter(person=older).update(person=newest)
    NameSpelling.objects.create(person=older, family_name="Abdou", given_names="Z")
    for q in ("Abd", "abda", "Other", "nobody"):
        assert newest_persons_containing(q, limit) == _all_sorted(q, limit), q


def test_the_list_says_refine_when_more_persons_match(monkeypatch, users, client_for):
    from akte.web.accounts.roles import Role
    from akte.web.cases import views

    monkeypatch.setattr(views, "NAME_MATCHES_SHOWN", 2)
    monkeypatch.setattr(name_search, "SPELLINGS_PER_PERSON", 1)
    for i in range(5):
        _person(f"Abdallah{i}")
    page = client_for(users[Role.REGISTRY_CLERK]).post("/", {"q": "Abd"})
    assert page.status_code == 200
    assert page.context["capped"] is True
