"""Person similarity search in the web app, and the possible-duplicates warning."""

import html
import re

import pytest

from akte import words
from akte.matching.codes import CODES
from akte.web.accounts.roles import Role
from akte.web.audit.models import AccessLogEntry
from akte.web.cases.models import Procedure

from .test_register import form_data


@pytest.fixture
def people(make_procedure):
    return {
        "haddad": make_procedure(family="Al-Haddad", given="Mohammed"),
        "rahimi": make_procedure(family="Rahimi", given="Abdul Rahman", country="AFG", key="423"),
    }


def test_finds_a_transliteration_variant_with_explanation(people, users, client_for):
    client = client_for(users[Role.REGISTRY_CLERK])
    page = client.post("/search/", {"name": "Muhammad Hadad", "born": "1990"})
    assert page.status_code == 200
    assert people["haddad"].file_number in page.text
    assert "How the score comes about" in page.text
    assert (
        page.text.index(people["haddad"].file_number) < page.text.find(people["rahimi"].file_number)
        or people["rahimi"].file_number not in page.text
    )
    assert AccessLogEntry.objects.filter(action="search", username="registry_clerk").exists()


def test_finds_by_original_script(people, users, client_for):
    page = client_for(users[Role.DECISION_MAKER]).post("/search/", {"name": "محمد حداد"})
    assert people["haddad"].file_number in page.text


@pytest.mark.parametrize("query", ["   ", "!!!", "\u200f\u202e", "😀😀"])
def test_bad_queries_get_a_clear_message(query, people, users, client_for):
    page = client_for(users[Role.REGISTRY_CLERK]).post("/search/", {"name": query})
    assert page.status_code == 200
    assert "errorlist" in page.text or 'role="alert"' in page.text


def test_huge_query_is_refused_at_the_field(people, users, client_for):
    page = client_for(users[Role.REGISTRY_CLERK]).post("/search/", {"name": "x" * 10_000})
    assert page.status_code == 200 and "errorlist" in page.text


@pytest.mark.parametrize(
    "role", [Role.INTERVIEWER, Role.PARTNER_AGENCY, Role.COUNSEL, Role.DATA_PROTECTION_OFFICER]
)
def test_search_only_for_clerks_and_decision_makers(role, users, client_for):
    assert client_for(users[role]).post("/search/", {"name": "x"}).status_code == 404


def test_registration_warns_of_possible_duplicates(people, users, client_for):
    client = client_for(users[Role.REGISTRY_CLERK])
    data = form_data(
        **{
            "spelling-0-given_names": "Mohamed",
            "spelling-0-family_name": "al Haddad",
            "spelling-1-given_names": "",
            "spelling-1-family_name": "",
            "person-birth_date": "1990",
            "person-birth_place": "Aleppo",
            "procedure-file_number": "7654322-475",
        }
    )
    warned = client.post("/register/", data)
    assert warned.status_code == 200
    assert "Possible duplicates" in warned.text and people["haddad"].file_number in warned.text
    assert not Procedure.objects.filter(file_number="7654322-475").exists()
    registered = client.post("/register/", {**data, "confirm_new": "1"})
    assert registered.status_code == 302
    assert Procedure.objects.filter(file_number="7654322-475").exists()


def test_new_spellings_are_found_after_they_are_added(people, users, client_for):
    client = client_for(users[Role.REGISTRY_CLERK])
    client.post("/search/", {"name": "Tesfamariam"})  # builds the index
    procedure = people["rahimi"]
    client.post(
        f"/procedures/{procedure.pk}/spellings/",
        {
            "spelling-given_names": "Yonas",
            "spelling-family_name": "Tesfamariam",
            "spelling-script": "Latn",
        },
    )
    assert procedure.file_number in client.post("/search/", {"name": "Yonas Tesfamariam"}).text


def english_phrases() -> dict[str, str]:
    """Phrase -> code: the words of every matching code's English text (the text between its
    fields), where the German text does not use the same words."""
    phrases = {}
    for code in CODES:
        english, german = words.text_for(code, "en"), words.text_for(code, "de")
        for literal in re.split(r"\{[^}]*\}|[~:;()±+\d]", english):
            phrase = literal.strip(" .,-")
            if re.search(r"[a-z]{2}", phrase) and not re.search(
                rf"\b{re.escape(phrase)}\b", german
            ):
                phrases[phrase] = code
    return phrases


def english_in(page: str) -> list[tuple[str, str]]:
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return [
        (phrase, code)
        for phrase, code in english_phrases().items()
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)
    ]


def test_the_english_phrases_are_found():
    phrases = english_phrases()
    assert phrases["same sound"] == "matching.name.same_sound" and "vs" in phrases
    assert english_in("<td>Mohammed: not in this spelling -4.3</td>") == [
        ("not in this spelling", "matching.name.not_in_spelling")
    ]


def german_client(users):
    from django.test import Client

    client = Client()  # no language cookie: the office language, German
    client.force_login(users[Role.REGISTRY_CLERK])
    return client


def test_a_german_search_result_shows_no_english(people, users):
    client = german_client(users)
    pages = [
        client.post("/search/", query).text
        for query in (
            {
                "name": "Muhammad Hadad",
                "born": "1990",
                "country": "SYR",
                "place": "Halab",
                "sex": "M",
            },
            {"name": "Mohammed Al-Haddad Rahman", "born": "07.03.1991", "place": "Homs"},
            {"name": "Abdul Rahman Rahimi محمد", "country": "IRQ", "sex": "F"},
            {"name": "!!!"},
            {"name": "Ali", "born": "31.02.1990"},
        )
    ]
    assert "Namensteile" in pages[0] and "gleicher Klang" in pages[0] and "der Einträge" in pages[0]
    assert "keine Buchstaben" in pages[3] and "kein lesbares Geburtsdatum" in pages[4]
    assert "mischt Schriften" in pages[2]
    for page in pages:
        assert not english_in(page), english_in(page)


def test_a_german_duplicate_warning_shows_no_english(people, users):
    data = form_data(
        **{
            "spelling-0-given_names": "Mohamed",
            "spelling-0-family_name": "al Haddad",
            "spelling-1-given_names": "",
            "spelling-1-family_name": "",
            "person-birth_date": "1990",
            "person-birth_place": "Aleppo",
            "procedure-file_number": "7654322-475",
        }
    )
    warned = german_client(users).post("/register/", data).text
    assert people["haddad"].file_number in warned and "Namensteile" in warned
    assert not english_in(warned), english_in(warned)


def test_nonsense_finds_no_one_and_logs_no_read(people, users, client_for):
    client = client_for(users[Role.REGISTRY_CLERK])
    page = client.post("/search/", {"name": "Zzyzx Qwerty"})
    assert page.status_code == 200
    assert "No likely or possible match" in page.text
    for procedure in people.values():
        assert procedure.file_number not in page.text
    assert AccessLogEntry.objects.filter(action="search", username="registry_clerk").exists()
    assert not AccessLogEntry.objects.filter(action="read", username="registry_clerk").exists()


def test_identical_arabic_spelling_warns_although_the_latin_differs(people, users, client_for):
    """Issue 13: Arabic spelling, birth year, place and nationality the same, only the Latin
    spelling differs: the registration warns."""
    data = form_data(
        **{
            "spelling-0-given_names": "Mokhamad",
            "spelling-0-family_name": "Chaddat",
            "spelling-1-given_names": "محمد",
            "spelling-1-family_name": "حداد",
            "spelling-1-script": "Arab",
            "person-birth_date": "1990",
            "person-birth_place": "Aleppo",
            "procedure-file_number": "7654323-475",
        }
    )
    warned = client_for(users[Role.REGISTRY_CLERK]).post("/register/", data)
    assert "Possible duplicates" in warned.text
    assert people["haddad"].file_number in warned.text


@pytest.mark.django_db(transaction=True)
def test_the_index_is_built_in_the_background_at_start(make_procedure):
    from akte.web.search import people as index_module

    index_module.reset()
    procedure = make_procedure(family="Karimi", given="Fatima")
    assert index_module.progress()["state"] == "idle"
    thread = index_module.start_building()
    assert thread is not None
    assert index_module.start_building() is None  # once
    thread.join(timeout=60)
    state = index_module.progress()
    assert state == {"state": "ready", "done": 1, "total": 1}
    built = index_module._state["index"]
    assert str(procedure.person.pk) in built
    assert index_module.person_index() is built  # the first search uses it, no new build
    index_module.reset()


@pytest.fixture
def index_building(monkeypatch):
    """The index's first build is running (as at server start): 10,000 of 68,291 persons."""
    from akte.web.search import people as index_module
    from akte.web.search import views

    def waits():
        raise AssertionError("the search waited for the build")

    monkeypatch.setattr(views, "person_index", waits)
    monkeypatch.setitem(index_module._progress, "state", "building")
    monkeypatch.setitem(index_module._progress, "done", 10_000)
    monkeypatch.setitem(index_module._progress, "total", 68_291)
    return index_module._progress


@pytest.mark.parametrize(
    "language, notice",
    [
        ("de", "Der Personenindex wird aufgebaut: 10.000 von 68.291 Personen."),
        ("en", "The person index is being built: 10,000 of 68,291 persons."),
    ],
)
def test_during_the_build_the_page_shows_its_progress(
    language, notice, index_building, people, users, client_for
):
    client = german_client(users) if language == "de" else client_for(users[Role.REGISTRY_CLERK])
    page = client.post("/search/", {"name": "Muhammad Hadad", "born": "1990"})
    assert page.status_code == 200
    assert notice in page.text
    assert '<progress value="10000" max="68291">' in page.text
    assert 'hx-get="/search/progress/" hx-trigger="every 2s"' in page.text
    assert 'value="Muhammad Hadad"' in page.text and 'value="1990"' in page.text  # kept
    for procedure in people.values():
        assert procedure.file_number not in page.text
    assert "No likely or possible match" not in page.text
    assert "Kein wahrscheinlicher" not in page.text
    assert not AccessLogEntry.objects.filter(username="registry_clerk").exists()  # no one


def test_before_the_count_the_notice_has_no_numbers(index_building, users, client_for):
    index_building["done"] = index_building["total"] = 0
    page = client_for(users[Role.REGISTRY_CLERK]).post("/search/", {"name": "Muhammad Hadad"})
    assert "The person index is being built. Please search again in a moment." in page.text
    assert "<progress></progress>" in page.text and " of 0 " not in page.text


def test_the_notice_polls_until_the_index_is_ready(index_building, users, client_for):
    client = client_for(users[Role.REGISTRY_CLERK])
    assert "10,000 of 68,291 persons" in client.get("/search/").text  # the form alone too
    polled = client.get("/search/progress/").text
    assert "10,000 of 68,291 persons" in polled and 'hx-trigger="every 2s"' in polled
    index_building["state"] = "ready"
    polled = client.get("/search/progress/").text
    assert "The person index is ready: please search again." in polled
    assert "hx-trigger" not in polled  # the polling stops
    assert client_for(users[Role.INTERVIEWER]).get("/search/progress/").status_code == 404


def test_once_the_index_is_built_the_search_shows_persons_again(people, users, client_for):
    from akte.web.search import people as index_module

    index_module.person_index()  # the build at start, done
    assert index_module.progress()["state"] == "ready"
    page = client_for(users[Role.REGISTRY_CLERK]).post("/search/", {"name": "Muhammad Hadad"})
    assert people["haddad"].file_number in page.text and "index-progress" not in page.text
    logged = AccessLogEntry.objects.filter(username="registry_clerk")
    assert logged.filter(action="search").exists()
    assert logged.filter(action="read", person_id=people["haddad"].person_id).exists()


def test_after_a_failed_build_a_search_builds_it(people, users, client_for, monkeypatch):
    from akte.web.search import people as index_module

    monkeypatch.setitem(index_module._progress, "state", "failed")
    page = client_for(users[Role.REGISTRY_CLERK]).post("/search/", {"name": "Muhammad Hadad"})
    assert people["haddad"].file_number in page.text and "index-progress" not in page.text
    assert index_module.progress()["state"] == "ready"
