"""The procedure list pages by ids first (a deep page walks an index, not the table) and
searches names once: the rows, their order and the counts stay those of the plain query."""

import random
import re
from collections import Counter

import pytest
from django.db.models import Q

from akte.web.accounts.roles import Role
from akte.web.bench import fill
from akte.web.cases import views
from akte.web.cases.models import NameSpelling, Procedure


@pytest.fixture
def many(users):
    fill.fill(130, random.Random(11), {role.value: [user] for role, user in users.items()})
    # need-to-know: the clerk's office holds them all, so the pages show every row
    Procedure.objects.update(office=users[Role.REGISTRY_CLERK].office)


def numbers(page: str) -> list[str]:
    return re.findall(r'href="/procedures/\d+/">([0-9]{7}-[0-9]{3})<', page)


def test_every_page_holds_the_next_rows_newest_first(many, users, client_for):
    client = client_for(users[Role.REGISTRY_CLERK])
    expected = list(
        Procedure.objects.order_by("-created_at", "-pk").values_list("file_number", flat=True)
    )
    shown = []
    for page in (1, 2, 3):
        shown += numbers(client.get("/", {"page": page}).text)
    assert shown == expected
    filtered = client.get("/", {"status": "decided", "office": "BER"}).text
    wanted = Procedure.objects.filter(status="decided", office="BER").order_by("-created_at", "-pk")
    assert numbers(filtered) == [p.file_number for p in wanted[:50]]


def _few_letters_and_their_persons() -> tuple[str, set[int]]:
    primary = NameSpelling.objects.filter(is_primary=True).values_list("given_names", flat=True)
    q = Counter(name[:3] for name in primary).most_common(1)[0][0].lower()  # few letters
    persons = set(
        NameSpelling.objects.filter(
            Q(family_name__icontains=q) | Q(given_names__icontains=q)
        ).values_list("person_id", flat=True)
    )
    assert len(persons) > 3
    return q, persons


def test_a_name_search_finds_what_the_plain_query_finds(many, users, client_for):
    client = client_for(users[Role.REGISTRY_CLERK])
    q, persons = _few_letters_and_their_persons()
    wanted = Procedure.objects.filter(person_id__in=persons).order_by("-created_at", "-pk")
    page = client.post("/", {"q": q}).text
    assert numbers(page) == [p.file_number for p in wanted[:50]]
    assert f"{wanted.count()} procedures" in page and "Refine the search" not in page
    number = wanted[0].file_number
    assert numbers(client.post("/", {"q": number[:7]}).text) == [number]


def test_a_broad_name_search_shows_the_newest_matches_and_says_more_match(
    many, users, client_for, monkeypatch
):
    monkeypatch.setattr(views, "NAME_MATCHES_SHOWN", 3)
    client = client_for(users[Role.REGISTRY_CLERK])
    q, persons = _few_letters_and_their_persons()
    newest = sorted(persons, reverse=True)[:3]
    wanted = Procedure.objects.filter(person_id__in=newest).order_by("-created_at", "-pk")
    page = client.post("/", {"q": q}).text
    assert numbers(page) == [p.file_number for p in wanted]
    assert "More than 3 persons match this search" in page
    assert f"Shown are the {wanted.count()} procedures" in page and "Refine the search" in page


@pytest.mark.parametrize("q", ["had", "HADD", "addad", "حداد", "Al-H", 'x" OR "a', "a*", "Ha", "ü"])
def test_the_name_index_finds_what_icontains_finds(many, q):
    from akte.web.cases.name_search import spellings_containing

    NameSpelling.objects.create(person_id=1, given_names="Ahmad", family_name="Al-Haddad")
    NameSpelling.objects.create(person_id=2, given_names="محمد", family_name="حداد", script="Arab")
    spelling = NameSpelling.objects.create(person_id=3, given_names="x", family_name="Hadad")
    spelling.family_name = "Haddadi"  # the index follows changes and deletions
    spelling.save()
    NameSpelling.objects.filter(person_id=2, script="Arab").first().delete()
    plain = NameSpelling.objects.filter(Q(family_name__icontains=q) | Q(given_names__icontains=q))
    assert set(spellings_containing(q)) == set(plain)
