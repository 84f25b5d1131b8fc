"""The applicant's status page: every language has every text and every status in plain
words, no translation is marked reviewed by its own author, the page speaks the applicant's
language (or the one chosen on it) with local dates, and shows no raw keys or English."""

import dataclasses
import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from akte import words as log_words
from akte.ledger.events import StatusEvent as LogEvent
from akte.web.cases.models import Status
from akte.web.statuslog import applicant, link

REQUIRED = ("de", "en", "ar", "prs", "fa", "ps", "ti", "tr", "kmr", "fr", "ru")
RTL = ("ar", "prs", "fa", "ps")
STATUS_KEYS = (*Status.values, "final", applicant.UNKNOWN)
NEW_KEY = "something_new"  # a status this page has no words for (yet)


def test_the_required_languages_are_there():
    assert set(REQUIRED) <= set(applicant.languages())
    assert applicant.languages()[0] == "de"
    for code in applicant.languages():
        assert applicant.catalogue(code).direction == ("rtl" if code in RTL else "ltr")


@pytest.mark.parametrize("language", applicant.languages())
def test_every_language_has_every_text_and_status(language):
    german, words = applicant.catalogue("de"), applicant.catalogue(language)
    assert set(words.texts) == set(german.texts)
    assert not [k for k, v in words.texts.items() if not v.strip()]
    for key, text in words.texts.items():  # the same fields as the German text
        assert log_words.field_names(text) == log_words.field_names(german.texts[key]), key
    assert set(STATUS_KEYS) <= set(words.statuses)
    assert set(words.statuses) == set(german.statuses)
    for key, parts in words.statuses.items():
        assert set(parts) == set(applicant.STATUS_PARTS), key
        assert all(parts[p].strip() for p in applicant.STATUS_PARTS), key
    if language != "de":  # translated, not copied
        assert words.statuses["decided"]["next"] != german.statuses["decided"]["next"]


@pytest.mark.parametrize("language", applicant.languages())
def test_no_translation_is_reviewed_by_its_own_author(language):
    assert applicant.metadata_problems(applicant.catalogue(language)) == []


def test_the_metadata_check_catches_a_self_review():
    words = applicant.catalogue("tr")
    own = dataclasses.replace(words, reviewed_by=words.author, reviewed_on=dt.date(2026, 1, 5))
    assert applicant.metadata_problems(own) == [f"reviewed by its own author ({words.author})"]
    undated = dataclasses.replace(words, reviewed_by="A. Yılmaz", reviewed_on=None)
    assert applicant.metadata_problems(undated) == ["reviewed_by and reviewed_on go together"]


@pytest.mark.parametrize(
    ("chosen", "person", "page"),
    [
        ("", ["ar", "ku"], "ar"),
        ("", ["sw", "fa-AF"], "prs"),
        ("", ["pbt"], "ps"),
        ("", ["ku"], "kmr"),
        ("", ["sw"], "de"),
        ("", [], "de"),
        ("tr", ["ar"], "tr"),
        ("xx<script>", ["ti"], "ti"),
    ],
)
def test_the_page_language(chosen, person, page):
    assert applicant.page_language(chosen, person) == page


class _Visible(HTMLParser):
    """The text a reader sees in the page's own language: no element marked with another
    language (the chooser names each language in itself), no code, script or style."""

    SKIP = ("script", "style", "code", "title")

    def __init__(self, language: str):
        super().__init__()
        self.language, self.stack, self.parts = language, [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("input", "meta", "link", "br", "img"):
            return
        other = dict(attrs).get("lang") not in (None, self.language)
        hidden = tag in self.SKIP or other or (self.stack and self.stack[-1])
        self.stack.append(bool(hidden))

    def handle_endtag(self, tag):
        if tag not in ("input", "meta", "link", "br", "img") and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def visible(html: str, language: str) -> str:
    parser = _Visible(language)
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture
def history(make_procedure, settings, tmp_path):
    """A procedure whose log holds every status, one the page has no words for, and a
    step just before midnight UTC (already the next day in Berlin)."""
    settings.AKTE_LEDGER_CONFIG = str(tmp_path / "ledger" / "ledger.toml")
    procedure = make_procedure(status="decided")
    ledger, person = link.get_ledger(), link.person_ref(procedure.person_id)
    for i, key in enumerate([*Status.values, "final", NEW_KEY]):
        time = f"2026-03-{i + 1:02d}T10:00:00Z" if key != "decided" else "2026-12-01T23:30:00Z"
        ledger.append(person, LogEvent(procedure.file_number, key, "BAMF-BER", time))
    ledger.checkpoint()
    return procedure


def page_in(procedure, language: str = "") -> str:
    data = {"token": link.status_token(procedure)}
    if language:
        data["lang"] = language
    response = Client().post(f"/status/{procedure.file_number}/", data)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return response.text


RAW_KEY = re.compile(r"\b(" + "|".join([*Status.values, "final", NEW_KEY]) + r")\b|\w_\w")


def test_a_german_page_has_no_english_and_no_raw_keys(history):
    html = page_in(history, "de")
    assert '<html lang="de" dir="ltr">' in html
    text = visible(html, "de")
    assert not RAW_KEY.findall(text), RAW_KEY.findall(text)
    english = applicant.catalogue("en")
    sentences = [*english.texts.values()] + [
        v for parts in english.statuses.values() for v in parts.values()
    ]
    assert not [s for s in sentences if s.split("{")[0].strip() in text and len(s) > 6]
    assert not re.findall(r"\b(the|your|you|and|with|has|been|will|this|page|step|signed)\b", text)
    german = applicant.catalogue("de")
    assert german.statuses["decided"]["name"] in text  # the current status, in plain words
    assert german.statuses["decided"]["next"] in text
    assert german.statuses[applicant.UNKNOWN]["name"] in text  # the unknown key, neutrally
    assert "2. Dezember 2026 um 00:30" in text  # 23:30 UTC is the next day in Berlin
    assert "seit 2. Dezember 2026" in text
    assert german.texts["not_reviewed"] in text
    for jargon in ("Commitment", "gegengezeichnet", "Zeug(en)"):
        assert jargon not in text
    main_view = text.split(german.texts["proof_summary"])[0]
    assert "Wurzel-Hash" not in main_view and "Prüfpunkt" not in main_view


def test_an_arabic_page_has_no_raw_keys(history):
    html = page_in(history)  # the applicant's first language
    assert '<html lang="ar" dir="rtl">' in html
    assert f'<bdi dir="ltr">{history.file_number}</bdi>' in html  # not 475-1000000
    text = visible(html, "ar")
    assert not RAW_KEY.findall(text), RAW_KEY.findall(text)
    arabic = applicant.catalogue("ar")
    assert arabic.statuses["decided"]["name"] in text and arabic.texts["not_reviewed"] in text
    assert "٢ ديسمبر ٢٠٢٦" in text  # local date, as Arabic writes it


@pytest.mark.parametrize("language", applicant.languages())
def test_every_language_renders(history, language):
    html = page_in(history, language)
    words = applicant.catalogue(language)
    assert f'<html lang="{language}" dir="{words.direction}">' in html
    text = visible(html, language)
    assert words.statuses["decided"]["meaning"] in text
    raw = re.compile(r"\w_\w") if language == "en" else RAW_KEY  # English says "final"
    assert not raw.findall(text)


def test_a_reviewed_translation_says_by_whom_and_when(history, monkeypatch):
    words = applicant.catalogue("fr")
    reviewed = dataclasses.replace(words, reviewed_by="C. Martin", reviewed_on=dt.date(2026, 11, 3))
    original = applicant.catalogue
    monkeypatch.setattr(applicant, "catalogue", lambda c: reviewed if c == "fr" else original(c))
    text = visible(page_in(history, "fr"), "fr")
    assert "Traduction vérifiée par C. Martin le 3 novembre 2026." in text
    assert words.texts["not_reviewed"] not in text


def test_the_language_chooser_keeps_the_token_out_of_addresses(history):
    token = link.status_token(history)
    html = page_in(history, "en")
    form = re.search(r"<form[^>]*data-status-language[^>]*>", html).group(0)
    assert "action" not in form and 'method="post"' in form
    for code in applicant.languages():
        assert f'name="lang" value="{code}" lang="{code}"' in html
    assert 'aria-current="true">English' in html
    assert not [u for u in re.findall(r'(?:href|src|action)="([^"]*)"', html) if token in u]
    assert "Rahimi" not in html and "Haddad" not in html and "Aleppo" not in html
