"""Engines emit codes, the catalogues say them: every code any engine declares (in its
``codes.py``) has a German and an English text that uses only the code's parameters."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import akte
from akte import words
from akte.core.message import Message


def engine_codes() -> dict[str, frozenset[str]]:
    codes: dict[str, frozenset[str]] = {}
    for package in pkgutil.iter_modules(akte.__path__):
        if not package.ispkg or package.name in ("web", "words"):
            continue
        try:
            module = importlib.import_module(f"akte.{package.name}.codes")
        except ModuleNotFoundError:
            continue
        for code, params in module.CODES.items():
            assert code.startswith(package.name + "."), (
                f"{code} is not in akte.{package.name}'s namespace"
            )
            codes[code] = frozenset(params)
    return codes


@pytest.mark.parametrize("language", words.LANGUAGES)
def test_every_engine_code_has_a_text(language):
    texts = words.catalogue(language)
    missing = sorted(code for code in engine_codes() if not texts.get(code, "").strip())
    assert not missing, f"no {language} text for: {missing}"


@pytest.mark.parametrize("language", words.LANGUAGES)
def test_texts_use_only_declared_parameters(language):
    texts = words.catalogue(language)
    wrong = {
        code: sorted(words.field_names(texts[code]) - params)
        for code, params in engine_codes().items()
        if code in texts and words.field_names(texts[code]) - params
    }
    assert not wrong, wrong


@pytest.mark.parametrize("language", words.LANGUAGES)
def test_no_text_for_a_code_no_engine_declares(language):
    stale = sorted(set(words.catalogue(language)) - set(engine_codes()))
    assert not stale, f"{language} texts for codes no engine emits: {stale}"


def test_numbers_and_dates_the_way_the_language_writes_them():
    text = (
        "{count:integer} of {share:percent}, weight {weight:signed} ({rate:number1}) on {day:date}"
    )
    params = {"count": 12345, "share": 0.0526, "weight": 2.7, "rate": 3, "day": "2026-03-05"}
    assert (
        words.format_text(text, params, "de")
        == "12.345 of 5,26\u00a0%, weight +2,7 (3,0) on 05.03.2026"
    )
    assert (
        words.format_text(text, params, "en") == "12,345 of 5.26%, weight +2.7 (3.0) on 2026-03-05"
    )
    assert words.format_text("{weight:signed}", {"weight": -10.64}, "de") == "-10,6"


def test_an_unknown_code_shows_as_itself_and_a_missing_parameter_stays_visible():
    assert words.render(Message("nowhere.unknown"), "de") == "nowhere.unknown"
    assert words.format_text("{a} and {b}", {"a": "x"}, "en") == "x and {b}"
    assert words.render({"code": "nowhere.unknown", "params": {}}, "de-AT") == "nowhere.unknown"


def test_threads_sharing_the_formatters_get_their_own_format():
    """Pages render in threads; one page's decimals must never leak into another's."""
    import threading

    wrong: list[tuple[str, str, str]] = []

    def render_many() -> None:
        for _ in range(2000):
            got = (
                words.format_text("{x:integer}", {"x": 2}, "de"),
                words.format_text("{x:number1}", {"x": 2}, "de"),
                words.format_text("{x:percent}", {"x": 0.5}, "de"),
            )
            if got != ("2", "2,0", "50\u00a0%"):
                wrong.append(got)

    threads = [threading.Thread(target=render_many) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not wrong, wrong[:3]
