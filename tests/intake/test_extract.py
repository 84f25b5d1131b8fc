"""Extraction: file numbers of every listed form (with OCR noise), own vs cited, court,
the document's own date (not a copy's stamp), deadlines, parties."""

from __future__ import annotations

import pytest

from akte.intake.extract import court, deadlines, document_date, extract, parties
from akte.intake.filenumbers import court_file_numbers, normalise, office_file_numbers

FORMS = [
    "A 5 K 1234/23",
    "6 K 1234/23.A",
    "M 12 K 23.31234",
    "VG 31 K 123.23 A",
    "1 B 789/24",
    "3 L 123/16.GI.A",
    "2 O 123/20",
    "L 7 AS 123/19 B ER",
    "1 BvR 123/20",
    "I ZR 12/20",
    "BVerwG 1 C 26.20",
    # from the real decisions of the development set
    "11 CS 23.1577",
    "Au 4 K 23.385",
    "S 39 KR 876/18",
    "34 Wx 240/23 e",
    "18 KLs 505 Js 1651/21",
    "BVerwG 1 W-VR 20.23",
]


@pytest.mark.parametrize("number", FORMS)
def test_each_form_in_running_text(number):
    text = f"In dem Verfahren {number} wird mitgeteilt, dass"
    assert [n for n, _ in court_file_numbers(text)] == [number]


@pytest.mark.parametrize(
    ("noisy", "clean"),
    [
        ("3.M 41.19", "3 M 41.19"),
        ("A5 K 1234/23", "A 5 K 1234/23"),
        ("VG 6 K\n1234/23.A", "VG 6 K 1234/23.A"),
        ("L 7 AS\n123/19 B ER", "L 7 AS 123/19 B ER"),
        ("1 B 789 / 24", "1 B 789/24"),
        ("6,K 1234/23.A", "6 K 1234/23.A"),
    ],
)
def test_ocr_noise_and_line_breaks(noisy, clean):
    assert [n for n, _ in court_file_numbers(f"Az.: {noisy} vom")] == [clean]


@pytest.mark.parametrize(
    "text",
    [
        "BGBl. I S. 1234",
        "am 12.03.2024",
        "§ 84 Abs. 1 VwGO",
        "Rn. 14 und 15",
        "Art. 16a GG",
        "Nr. 11 ZPO",
    ],
)
def test_no_file_number_in_citations_of_law_dates_or_margins(text):
    assert court_file_numbers(text) == []


def test_office_file_number():
    assert office_file_numbers(
        "Ihr Zeichen: 8123456-439, auch 8123456 - 439; nicht 18123456-4390"
    ) == ["8123456-439"]


def test_own_number_first_then_cited_ones():
    page = (
        "VGH München, Beschluss v. 11.12.2023 – 11 CS 23.1577\n"
        "Vorinstanz:\nVG Augsburg, Beschluss vom 23.08.2023 – Au 7 S 23.1037\nTenor\n"
        "I. Die Beschwerde wird zurückgewiesen.\n(vgl. BVerwG, Urteil vom 1.2.2024 - 2 A 7.23 -)"
    )
    facts = extract([page])
    assert facts.court_file_numbers == ["11 CS 23.1577"]
    assert facts.cited_file_numbers == ["Au 7 S 23.1037", "2 A 7.23"]
    assert facts.court == "Bayerischer Verwaltungsgerichtshof"
    assert facts.document_date == "2023-12-11"


def test_sender_number_counts_as_own():
    facts = extract(["Az.: 6 K 1234/23.A\nText"], {"court_file_number": "VG 6 K 1234/23.A"})
    assert facts.court_file_numbers[0] == "VG 6 K 1234/23.A"
    assert normalise("6 K 1234/23.A") not in [normalise(n) for n in facts.cited_file_numbers]


def test_date_of_the_decision_not_of_the_certified_copy():
    text = (
        "Ausgefertigt am 20.03.2024, Urkundsbeamtin der Geschäftsstelle\n"
        "BESCHLUSS\nVG 6 K 1234/23.A\nIn der Verwaltungsrechtssache ...\n"
        "hat die 6. Kammer am 12. März 2024 beschlossen:\nDer Antrag wird abgelehnt.\n"
        "Beglaubigt: Potsdam, 21.03.2024"
    )
    assert document_date(text) == "2024-03-12"


def test_date_of_a_judgment_after_the_hearing():
    text = "Urteil\nBVerwG 2 A 7.23\nhat der 2. Senat auf die mündliche Verhandlung vom 1. Februar 2024 für Recht erkannt:"
    assert document_date(text) == "2024-02-01"


def test_date_of_a_letter():
    assert (
        document_date("Verwaltungsgericht Potsdam\nPotsdam, den 03.04.2024\nLadung") == "2024-04-03"
    )


def test_hearing_date_in_a_summons():
    text = "werden Sie zur mündlichen Verhandlung am Dienstag, den 14.05.2024, 10:30 Uhr, Saal 3, geladen."
    assert {"kind": "hearing", "date": "2024-05-14", "time": "10:30"} in deadlines(text)
    assert deadlines("Stellungnahme binnen zwei Wochen") == [
        {"kind": "period", "period": "zwei Wochen"}
    ]


def test_parties():
    text = (
        "In der Verwaltungsstreitsache\nAmani Haddad, wohnhaft in Potsdam,\n- Kläger -\ngegen\n"
        "Bundesrepublik Deutschland, vertreten durch das Bundesamt,\n- Beklagte -\n"
    )
    assert parties(text) == [
        {"role": "Kläger", "name": "Amani Haddad"},
        {"role": "Beklagte", "name": "Bundesrepublik Deutschland"},
    ]


@pytest.mark.parametrize(
    ("head", "name"),
    [
        (
            "In der Verwaltungsstreitsache hat der 9. Senat des Bundesverwaltungsgerichts",
            "Bundesverwaltungsgericht",
        ),
        ("VERWALTUNGSGERICHT POTSDAM".title(), "Verwaltungsgericht Potsdam"),
        ("VG Würzburg, Urteil v. 30.04.2020", "Verwaltungsgericht Würzburg"),
        ("OLG München, Beschluss v. 27.09.2023", "Oberlandesgericht München"),
    ],
)
def test_court(head, name):
    assert court(head) == name
