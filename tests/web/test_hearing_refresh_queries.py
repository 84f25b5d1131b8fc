"""Saving a segment and refreshing the panels costs a fixed number of queries: neither the
length of the transcript nor the number of suggestions shown adds any (no N+1)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from akte.web.hearings import services

from .test_hearings import hearing_client, say  # noqa: F401 (the fixture)

ACCOUNT = [
    "Ich komme aus Erbil, aus dem Stadtteil Ankawa.",
    "Wir wohnten in Mossul, bis der IS kam.",
    "Später bin ich nach Duhok gegangen.",
    "In Aleppo wurde unser Viertel bombardiert.",
    "Ich sollte zum Militärdienst.",
    "Die Taliban haben meinen Vater in Kabul bedroht.",
    "Ich habe Angst, zurückzukehren.",
]


def _save_and_refresh(client, hearing) -> tuple[int, int]:
    """(queries, suggestions shown) of saving one interviewer question; the recorded answers
    are read once for the rules, the answers panel and the form alike."""
    with CaptureQueriesContext(connection) as queries:
        response = say(client, hearing, "interviewer", "Was geschah dann?")
    assert response.status_code == 200
    assert 'id="assistant-panel" hx-swap-oob="true"' in response.text
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum('FROM "hearings_answer"' in q for q in sql) == 1
    return len(queries), response.text.count('<li class="suggestion ')


def test_save_and_refresh_queries_do_not_grow(hearing_client):  # noqa: F811
    client, hearing = hearing_client
    say(client, hearing, "interviewer", "Woher kommen Sie?")
    say(client, hearing, "applicant", "Aus dem Irak.")
    say(client, hearing, "interviewer", "Was geschah dann?")  # steady: nothing new to record
    few_queries, few_suggestions = _save_and_refresh(client, hearing)

    tags = [item for item, _title in services.checklist_choices(hearing)]
    for _round in range(4):
        for i, text in enumerate(ACCOUNT):
            extra = {"tags": [tags[i % len(tags)]]} if tags else {}
            say(client, hearing, "applicant", text, **extra)
            say(client, hearing, "interviewer", "Was geschah dann?")
    say(client, hearing, "interviewer", "Was geschah dann?")
    many_queries, many_suggestions = _save_and_refresh(client, hearing)

    assert hearing.segments.count() > 60
    assert many_suggestions > few_suggestions  # the places and tags brought suggestions
    assert hearing.suggestions.count() > few_suggestions
    assert many_queries == few_queries


def test_a_decided_suggestion_shows_its_fate_escaped_and_can_be_corrected(hearing_client):  # noqa: F811
    """The panel's entries are plain HTML: a reason typed by the interviewer stays text."""
    client, hearing = hearing_client
    say(client, hearing, "applicant", "Aus Erbil, Stadtteil Ankawa.")
    shown = hearing.suggestions.filter(kind="question").first()
    url = f"/hearings/{hearing.pk}/suggestions/{shown.pk}/"
    client.post(url, {"fate": "skipped"})
    client.post(url, {"fate": "dismissed", "reason": "<script>alert(1)</script> & gut"})
    page = client.get(f"/hearings/{hearing.pk}/", headers={"HX-Request": "true"}).text
    entry = page[page.index(f'id="sugg-{shown.pk}"') :].split("</li>")[0]
    assert "<script>" not in entry
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; gut" in entry
    assert "(zuvor: übersprungen)" in entry or "(earlier: skipped)" in entry
    assert entry.count(f'action="{url}"') == 2  # use/skip, and dismiss with a reason
    assert 'class="change-fate"' in entry and "csrfmiddlewaretoken" in entry
