"""Names and capability tokens stay out of URLs (and so out of server and proxy logs): the
procedure list's name query and the person search arrive in POST bodies, the status token
in the URL fragment; links of the old form (printed QR codes) still work."""

import re

import pytest
from django.test import Client

from akte.web.accounts.roles import Role
from akte.web.cases.models import Procedure
from akte.web.statuslog import link

from .test_register import form_data


@pytest.fixture
def registered(users, client_for, django_capture_on_commit_callbacks):
    client = client_for(users[Role.REGISTRY_CLERK])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/register/", form_data(**{"procedure-file_number": "7123456-475"}))
    assert response.status_code == 302
    return client, Procedure.objects.get(file_number="7123456-475")


def _forms(html: str) -> list[str]:
    return re.findall(r"<form\b[^>]*>", html)


def test_the_list_searches_names_in_a_post_body_and_filters_in_the_query(registered):
    client, procedure = registered
    page = client.get("/", {"status": "registered"}).text
    search = [f for f in _forms(page) if 'role="search"' in f]
    assert search and 'method="post"' in search[0] and "status=registered" in search[0]
    found = client.post("/?status=registered", {"q": "Al-Hassan"})
    assert found.status_code == 200 and procedure.file_number in found.text
    assert procedure.file_number not in client.post("/?status=decided", {"q": "Al-Hassan"}).text
    # a name in the query string is not a search any more
    assert "1 procedure" in client.get("/", {"q": "Nobody"}).text


def test_a_name_search_pages_through_post_bodies(registered, make_procedure, monkeypatch):
    from akte.web.cases import views

    client, _ = registered
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    for _ in range(2):
        make_procedure(family="Al-Hassan")
    page = client.post("/", {"q": "Al-Hassan"}).text
    assert "page 1 of 3" in page
    assert "Al-Hassan" not in "".join(re.findall(r'href="([^"]*)"', page))
    assert 'name="page" value="2"' in page
    assert "page 2 of 3" in client.post("/", {"q": "Al-Hassan", "page": "2"}).text


def test_the_person_search_is_a_post(registered, users, client_for):
    client, procedure = registered
    page = client.get("/search/").text
    assert any('method="post"' in f for f in _forms(page) if 'role="search"' in f)
    assert procedure.file_number in client.post("/search/", {"name": "Al-Hassan"}).text
    assert procedure.file_number not in client.get("/search/", {"name": "Al-Hassan"}).text


def test_the_status_link_carries_the_token_in_the_fragment(registered):
    client, procedure = registered
    token = link.status_token(procedure)
    page = client.get(f"/procedures/{procedure.pk}/").text
    assert f"/status/{procedure.file_number}/#token={token}" in page
    assert f"?token={token}" not in page
    qr = client.get(f"/procedures/{procedure.pk}/status-qr.svg")
    assert qr.status_code == 200 and b"<svg" in qr.content


def test_the_status_page_takes_the_token_from_a_form(registered):
    _, procedure = registered
    url = f"/status/{procedure.file_number}/"
    shell = Client().get(url)
    assert shell.status_code == 200 and "data-token-from-fragment" in shell.text
    assert "<script>" not in shell.text  # the script is akte.js (CSP: no inline scripts)
    shown = Client().post(url, {"token": link.status_token(procedure)})
    assert shown.status_code == 200 and "data-token-from-fragment" not in shown.text


def test_a_printed_qr_code_with_the_token_in_the_query_still_works(registered):
    _, procedure = registered
    token = link.status_token(procedure)
    url = f"/status/{procedure.file_number}/"
    old = Client().get(url, {"token": token})
    assert old.status_code == 302
    assert old["Location"] == f"{url}#token={token}"
    assert Client().get(url, {"token": "ä<x>"})["Location"] == f"{url}#token=%C3%A4%3Cx%3E"


def test_the_status_script_reads_the_fragment_and_posts_it(settings):
    from pathlib import Path

    script = (Path(settings.WEB_DIR) / "static" / "akte" / "akte.js").read_text()
    assert "form[data-token-from-fragment]" in script and "location.hash" in script
    assert "requestSubmit" in script
