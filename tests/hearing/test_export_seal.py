"""Sealing detects any change; PDF and DOCX carry segments, corrections and the annex."""

import dataclasses
import datetime as dt
import io

import pytest
from docx import Document
from pypdf import PdfReader

from akte import words
from akte.hearing.export import to_docx, to_pdf
from akte.hearing.record import (
    ChecklistEntry,
    Confirmation,
    Correction,
    Fate,
    HearingHeader,
    HearingRecord,
    Segment,
    Speaker,
    SuggestionRecord,
)
from akte.hearing.seal import seal, verify_seal

T = dt.datetime(2019, 6, 1, 10, 0, tzinfo=dt.UTC)


def GERMAN(message):
    return words.render(message, "de")


def ENGLISH(message):
    return words.render(message, "en")


@pytest.fixture
def record():
    return HearingRecord(
        header=HearingHeader(
            file_number="7000001-438",
            date=dt.date(2019, 6, 1),
            interviewer="interviewer",
            interpreter="Dolmetscherin (demo)",
            language="ku",
            rulebook="asylum-de 2019.1",
        ),
        segments=(
            Segment(1, Speaker.INTERVIEWER, "Woher kommen Sie?", T),
            Segment(2, Speaker.APPLICANT, "Aus Erbil, aus dem Stadtteil Ankawa.", T),
        ),
        corrections=(Correction(2, "Aus Erbil, Stadtteil Ainkawa.", "Schreibweise", T),),
        suggestions=(
            SuggestionRecord(
                "coi-erbil-attacks",
                "question",
                "Wann genau kam es zu Angriffen?",
                "Ort Erbil genannt",
                "Demo-COI 2019",
                Fate.USED,
            ),
            SuggestionRecord(
                "uniform",
                "question",
                "Welche Farbe hatten die Schuluniformen?",
                "Ort genannt",
                "Demo-COI",
                Fate.DISMISSED,
                "nicht relevant",
            ),
        ),
        checklist=(ChecklistEntry("s3b", "Verfolgungsgrund", "§ 3b AsylG", True, (2,)),),
        confirmation=Confirmation(True, T),
    )


def test_seal_detects_any_change(record):
    digest = seal(record)
    assert digest.startswith("sha256:") and verify_seal(record, digest)
    changed_text = dataclasses.replace(
        record,
        segments=(record.segments[0], dataclasses.replace(record.segments[1], text="Aus Mossul.")),
    )
    assert not verify_seal(changed_text, digest)
    dropped_correction = dataclasses.replace(record, corrections=())
    assert not verify_seal(dropped_correction, digest)
    other_fate = dataclasses.replace(
        record,
        suggestions=(dataclasses.replace(record.suggestions[0], fate=Fate.SKIPPED),)
        + record.suggestions[1:],
    )
    assert not verify_seal(other_fate, digest)


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with line breaks from table cells folded into spaces."""
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_pdf_text(record):
    text = pdf_text(to_pdf(record, GERMAN, seal(record)))
    assert "Niederschrift" in text and "7000001-438" in text
    assert "Aus Erbil, aus dem Stadtteil Ankawa." in text  # the original stays
    assert "Aus Erbil, Stadtteil Ainkawa." in text  # the correction beside it
    assert "Wann genau kam es zu Angriffen?" in text and "verworfen: nicht relevant" in text
    assert "asylum-de 2019.1" in text


def test_docx_text(record):
    doc = Document(io.BytesIO(to_docx(record, ENGLISH)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Aus Erbil, aus dem Stadtteil Ankawa." in text
    assert "Aus Erbil, Stadtteil Ainkawa." in text
    assert "dismissed: nicht relevant" in text and "asylum-de 2019.1" in text


def test_hostile_text_is_escaped_in_pdf(record):
    hostile = dataclasses.replace(
        record, segments=(Segment(1, Speaker.APPLICANT, "<img src=x onerror=alert(1)> & </p>", T),)
    )
    text = pdf_text(to_pdf(hostile, GERMAN))
    assert "<img src=x onerror=alert(1)> & </p>" in text


def test_a_seal_of_format_1_still_verifies_and_format_2_seals_the_display_name(record):
    import hashlib
    import json

    from akte.hearing.seal import SEAL_FORMAT, _plain, canonical_form

    # format 1, as sealed before display names: the header's interviewer was the login
    old = dataclasses.replace(record, header=dataclasses.replace(record.header))
    plain = _plain(old)
    plain["header"].pop("interviewer_login")
    plain.pop("recording", None)
    for suggestion in plain.get("suggestions", ()):
        suggestion.pop("earlier", None)
    sealed_then = json.dumps(plain, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest_then = f"sha256:{hashlib.sha256(sealed_then.encode()).hexdigest()}"
    assert canonical_form(old, 1) == sealed_then.encode()
    # today's record of that hearing names the display name and keeps the login
    today = dataclasses.replace(
        record,
        header=dataclasses.replace(
            record.header, interviewer="Erika Muster", interviewer_login="interviewer"
        ),
    )
    assert verify_seal(today, digest_then, version=1)
    assert not verify_seal(today, digest_then)  # format 2 differs
    assert SEAL_FORMAT == 2 and verify_seal(today, seal(today))
    assert b'"interviewer":"Erika Muster"' in canonical_form(today)
    renamed = dataclasses.replace(
        today, header=dataclasses.replace(today.header, interviewer="Erika Mustermann")
    )
    assert not verify_seal(renamed, seal(today))  # the sealed name is part of the seal
    forged = dataclasses.replace(
        today, header=dataclasses.replace(today.header, interviewer_login="someone")
    )
    assert not verify_seal(forged, digest_then, version=1)
