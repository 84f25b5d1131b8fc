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
        ("BVerwG5C 13.22", "BVerwG 5 C 13.22"),  # OCR lost both spaces
        ("1 0 1722/22 Hei", "1 O 1722/22 Hei"),  # OCR reads the civil register O as 0
        ("549 KA 5037/23", "S 49 KA 5037/23"),  # a social court's S read as 5
        ("17 AS 123/19 B ER", "L 7 AS 123/19 B ER"),  # a Landessozialgericht's L read as 1
    ],
)
def test_ocr_noise_and_line_breaks(noisy, clean):
    assert [n for n, _ in court_file_numbers(f"Az.: {noisy} vom")] == [clean]


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("OLG Nürnberg, Beschluss v. 24.10.2023 -9 WF 855/23", "9 WF 855/23"),
        ("VG Würzburg, Urteil v. 30.04.2020 -W 6 K 20.134", "W 6 K 20.134"),
        ("LG München I, Endurteil v. 18.12.2023-12 0 8630/20", "12 O 8630/20"),
        ("LG München I, Beschluss v. 06.12.2023- 10 1722/22 Hei", "1 O 1722/22 Hei"),
    ],
)
def test_a_dash_without_its_space_still_separates(title, number):
    assert [n for n, _ in court_file_numbers(title)] == [number]


def test_a_dash_inside_a_word_or_range_does_not_start_a_number():
    assert court_file_numbers("Rn. 13-16 K 5/20") == []
    assert court_file_numbers("Az.-1 K 123/20") == []
    assert court_file_numbers("Nr. 10 1722/22") == []  # no register: not read as "1 O"


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


def test_date_of_the_decision_set_on_its_own_line_of_the_rubrum():
    """As OCR gives a BVerwG rubrum: date, judges and verb on lines of their own, a cited
    decision's date soon after."""
    text = (
        "Beschluss\nBVerwG 10 KSt 2.24\nIn der Verwaltungsstreitsache hat der 10. Senat\n"
        "am 19. März 2024\n\ndurch die Vizepräsidentin Dr. A\n\nals Einzelrichterin gemäß § 66"
        " Abs. 6 Satz 1 GKG\n\nbeschlossen:\n1. Die Erinnerung wird zurückgewiesen.\nGründe\n"
        "Der Senat hat mit Beschluss vom 10. Januar 2024 die Beschwerde verworfen."
    )
    assert document_date(text) == "2024-03-19"


def test_date_of_a_judgment_given_days_after_the_hearing():
    text = (
        "Urteil\nBVerwG 6 C 1.22\nhat der 6. Senat\nauf die mündliche Verhandlung vom 20. März"
        " 2024\n\ndurch den Vorsitzenden Richter Prof. Dr. K\n\nam 27. März 2024\n\n"
        "für Recht erkannt:\nDas Urteil des Verwaltungsgerichts vom 28. Januar 2016 wird geändert."
    )
    assert document_date(text) == "2024-03-27"


def test_date_of_a_judgment_on_the_day_of_the_hearing_set_over_lines():
    text = (
        "Urteil\nBVerwG 9 CN 1.23\nhat der 9. Senat\nauf die mündliche Verhandlung vom 29. Februar"
        " 2024\n\ndurch die Vorsitzende Richterin Prof. Dr. B\n\nfür Recht erkannt:\n"
        "1. Das Urteil des Verwaltungsgerichtshofs vom 28. Januar 2016 wird aufgehoben."
    )
    assert document_date(text) == "2024-02-29"


def test_am_date_in_the_reasons_needs_its_verb_on_the_same_line():
    head = "Schreiben\nPotsdam, den 03.04.2024\n" + "x " * 800
    text = head + "\nDer Senat hat am 5. Mai 2020\nin einem anderen Verfahren entschieden."
    assert document_date(text) == "2024-04-03"


def test_a_title_line_names_the_date_before_any_am_date_in_the_text():
    text = (
        "OLG München, Beschluss v. 24.01.2024 – 23 U 9287/21\nTitel:\nBerufung\nGründe\n"
        "Der Senat hat am 8. November 2022 darauf hingewiesen und beschlossen, zu verhandeln."
    )
    assert document_date(text) == "2024-01-24"


def test_a_citation_broken_over_lines_is_no_title_line():
    text = (
        "Beschluss\nBVerwG 4 BN 31.23\nhat der 4. Senat am 19. März 2024\nbeschlossen:\n"
        + "Gründe " * 40
        + "(vgl. BVerwG,\nUrteil vom 18. Dezember 2014 - 4 C 35.13 -)"
    )
    assert document_date(text) == "2024-03-19"


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
