"""Classification: sender code first, then heading, then wording rules, then the model; each
result with its evidence. Rare decisions (Gerichtsbescheid) rest on rules."""

from __future__ import annotations

import pytest

from akte.intake.classify import classify, rules
from akte.intake.model import shipped


def codes(result):
    return [m.code for m in result.evidence]


def test_sender_code_comes_first_and_is_named():
    result = classify(["BESCHLUSS\nDer Antrag wird abgelehnt."], {"document_class": "006"})
    assert (result.kind, result.document_class) == ("Urteil", "006")
    assert result.evidence[0].code == "intake.evidence.sender_code"
    assert result.evidence[0].params == {"code": "006", "name": "Urteil"}
    assert result.disagreement  # the heading says Beschluss: a person looks


def test_sender_type_refines_the_kind():
    result = classify(
        ["Sehr geehrte Damen und Herren"], {"document_class": "015", "document_type": "198"}
    )
    assert (result.kind, result.document_class, result.document_type) == ("Ladung", "015", "198")


@pytest.mark.parametrize(
    ("heading", "kind", "code"),
    [
        ("BESCHLUSS", "Beschluss", "007"),
        ("B e s c h l u s s", "Beschluss", "007"),
        ("URTEIL", "Urteil", "006"),
        ("Endurteil", "Urteil", "006"),
        ("GERICHTSBESCHEID", "Gerichtsbescheid", "021"),
        ("VG Würzburg, Urteil v. 30.04.2020 – W 6 K 20.134", "Urteil", "006"),
        ("SG München, Gerichtsbescheid v. 18.05.2022 – S 39 KR 876/18", "Gerichtsbescheid", "021"),
        # OCR lost the court's name and its comma; the date and the number still follow
        ("= Fur Gerichtsbescheid v. 18.05.2022 - S 39 KR 876/18", "Gerichtsbescheid", "021"),
        ("Ärztliches Attest", "Ärztliches Attest", "001"),
    ],
)
def test_heading_on_page_one(heading, kind, code):
    result = classify([f"Verwaltungsgericht Potsdam\n{heading}\nIn der Sache ...", "Seite 2"])
    assert (result.kind, result.document_class) == (kind, code)
    assert result.evidence[0].code == "intake.evidence.heading"
    assert result.evidence[0].params["page"] == 1
    assert result.confidence >= 0.9


def test_a_sentence_naming_a_bescheid_is_no_title_line():
    text = "Verwaltungsgericht Potsdam\nDer Bescheid vom 3.5.2020 wird aufgehoben.\nURTEIL"
    assert classify([text]).kind == "Urteil"


def test_first_heading_wins_over_later_ones():
    text = "URTEIL\nIm Namen des Volkes\n...\nBESCHLUSS\nDer Streitwert wird festgesetzt"
    assert classify([text]).kind == "Urteil"


def test_menu_words_are_no_heading():
    text = "Urteile & Beschlüsse\nPressemitteilungen\nDie Klage wird abgewiesen."
    result = classify([text])
    assert "intake.evidence.heading" not in codes(result)


@pytest.mark.parametrize(
    "wording",
    [
        "Das Gericht entscheidet gemäß § 84 Abs. 1 Satz 1 VwGO ohne mündliche Verhandlung",
        "hat die Kammer durch Gerichtsbescheid entschieden",
        "Die Kammer konnte nach § 105 Abs. 1 Satz 1 SGG entscheiden",
        "Der Senat entscheidet nach § 90a FGO",
    ],
)
def test_gerichtsbescheid_by_wording_without_heading(wording):
    result = classify(
        [
            f"Sozialgericht München\nIn dem Rechtsstreit\n{wording}, weil die Sache keine Schwierigkeiten aufweist."
        ]
    )
    assert (result.kind, result.document_class) == ("Gerichtsbescheid", "021")
    assert result.evidence[0].code == "intake.evidence.wording"
    assert result.evidence[0].params["rule"].startswith("gerichtsbescheid-")


def test_medical_certificate_is_an_own_kind():
    result = classify(
        ["Dr. med. Yilmaz\nDiagnosen: posttraumatische Belastungsstörung (ICD-10 F43.1)"]
    )
    assert result.kind == "Ärztliches Attest"
    assert rules().kinds[result.kind].get("own") is True


def test_summons_by_wording():
    result = classify(["werden Sie zur mündlichen Verhandlung am 14.05.2024, 10:30 Uhr geladen."])
    assert (result.kind, result.document_type) == ("Ladung", "198")


def test_the_model_decides_where_no_rule_does_and_says_so():
    text = (
        "Sehr geehrte Damen und Herren, in der oben bezeichneten Sache wird um Übersendung der "
        "Verwaltungsvorgänge gebeten. Mit freundlichen Grüßen auf Anordnung Justizbeschäftigte"
    )
    result = classify([text])
    assert result.evidence[-1].code == "intake.evidence.model"
    assert result.kind == "Schreiben"
    assert 0.0 < result.confidence <= 1.0


def test_nothing_to_go_on():
    result = classify([""])
    assert result.kind is None and codes(result) == ["intake.evidence.nothing"]


def test_every_rule_names_a_known_kind_with_a_listed_code():
    from akte.intake.xjustiz import code_list

    classes, types = code_list("GDS.Dokumentklasse"), code_list("GDS.Dokumenttyp")
    for kind, entry in rules().kinds.items():
        assert entry["document_class"] in classes, kind
        assert entry.get("document_type") is None or entry["document_type"] in types, kind
    assert set(shipped().classes) == set(rules().kinds)
