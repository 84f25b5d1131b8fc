"""The evaluation's own parts: the truth read from the page titles, the fixed held-out split,
the baseline, the scores, and the rendering that leaves the site's navigation out."""

from __future__ import annotations

from akte.intake import bench


def test_truth_and_split_of_the_86_decisions(shared_testdata):
    corpus = bench.decisions(shared_testdata / "court-decisions-dev")
    assert len(corpus) == 86
    kinds = {k: sum(d.kind == k for d in corpus) for k in bench.CLASSES}
    assert kinds == {"Urteil": 20, "Beschluss": 64, "Gerichtsbescheid": 2}
    held = [d for d in corpus if d.held_out]
    assert len(held) == 24  # fixed by the file names, not drawn at run time
    by_name = {d.name: d for d in corpus}
    d = by_name["Y-300-Z-BECKRS-B-2022-N-56701.html"]
    assert (d.kind, d.date, d.number) == ("Gerichtsbescheid", "2022-05-18", "S 39 KR 876/18")
    d = by_name["010224U2A7.23.0.html"]
    assert (d.kind, d.date, d.number) == ("Urteil", "2024-02-01", "2 A 7.23")


def test_rendered_decision_has_no_site_around_it(shared_testdata):
    path = (
        shared_testdata
        / "court-decisions-dev/RSS-Newsfeed_des_Bundesverwaltungsgerichts/141223U8C9.22.0.html"
    )
    html = bench._content(path)
    assert "Zur Navigation" not in html and "Verfahrensinformation" not in html
    assert (
        "8 C 9.22" in html and "8 B 13.22" not in html
    )  # the earlier, hidden decision is left out
    assert "<img" not in html and "href" not in html


def test_baseline_takes_the_first_keyword_on_page_one():
    assert (
        bench.baseline("Urteile & Beschlüsse\nBESCHLUSS") == "Urteil"
    )  # why it is only a baseline
    assert bench.baseline("GERICHTSBESCHEID ... Beschluss") == "Gerichtsbescheid"
    assert bench.baseline("nothing") is None


def test_macro_f1_and_confusion():
    gold = ["Urteil", "Urteil", "Beschluss", "Gerichtsbescheid"]
    got = ["Urteil", "Beschluss", "Beschluss", None]
    s = bench.scores(gold, got)
    assert s["per_class"]["Gerichtsbescheid"]["f1"] == 0.0
    assert s["confusion"]["Urteil"] == {"Urteil": 1, "Beschluss": 1}
    assert s["confusion"]["Gerichtsbescheid"] == {"other": 1}
    assert abs(s["macro_f1"] - (2 / 3 + 2 / 3 + 0) / 3) < 0.002
