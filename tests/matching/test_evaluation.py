"""The real-name evaluation's data: real source, fixed split, queries that differ."""

from akte.core.partial_date import PartialDate
from akte.matching.evaluation.baselines import BruteForce
from akte.matching.evaluation.dataset import arabic_origin, held_out, persons, queries
from akte.matching.evaluation.measure import recall, wilson
from akte.matching.evaluation.names import load


def test_the_name_table_has_real_latin_and_arabic_forms():
    items = load()
    assert len(items) > 4000
    by_qid = {i.qid: i for i in items}
    yusuf = by_qid["Q17497922"]  # Wikidata: Yusuf (given name)
    assert {"youcef", "yusuf"} <= set(yusuf.latin) and "يوسف" in yusuf.arabic


def test_the_split_is_fixed_and_parts_do_not_share_names():
    items = [i for i in load() if arabic_origin(i)]
    share = sum(held_out(i.qid) for i in items) / len(items)
    assert 0.15 < share < 0.25
    dev, held = persons(300, "dev"), persons(300, "held_out")
    assert all(not held_out(i.qid) for p in dev for i in p.items)
    assert all(held_out(i.qid) for p in held for i in p.items)
    assert [p.record for p in persons(300, "dev")] == [p.record for p in dev]  # seeded


def test_queries_name_the_person_differently():
    people = persons(200, "dev")
    by_id = {p.record.id: p.record for p in people}
    asked = queries(people, 50)
    assert {q.script for q in asked} == {"Latn", "Arab"} and len(asked) == 100
    for q in asked:
        assert q.names_only.name != by_id[q.person_id].names[0].full
        assert q.names_only.birth_date is None and not q.names_only.nationality
    assert sum(q.with_fields.nationality != by_id[q.person_id].nationality for q in asked) > 10


def test_wilson_interval():
    low, high = wilson(80, 100)
    assert 0.70 < low < 0.80 < high < 0.88
    assert recall([0, 3, None, 12], 10)["value"] == 0.5


def test_the_string_baseline_gets_the_fields_too():
    from akte.matching import NameVariant, PersonRecord, Query

    def rec(rid, born, place):
        name = (NameVariant("Yusuf", "Haddad", "Latn"),)
        return PersonRecord(rid, name, PartialDate.parse(born), place, "SYR", "M")

    brute = BruteForce([rec("A", "1980-01-02", "Homs"), rec("B", "1991-05-06", "Aleppo")])
    names_only = Query(name="Youssef Haddad")
    assert set(brute.search(names_only, 2)) == {"A", "B"}
    with_fields = Query(name="Youssef Haddad", birth_date=PartialDate(1991), birth_place="Aleppo")
    assert brute.search(with_fields, 2) == ["B", "A"]
    assert brute.search(Query(name="Youssef Haddad", birth_place="Homs"), 1) == ["A"]


def test_the_speed_run_reports_percentiles_beside_its_baseline():
    from akte.matching.evaluation.measure import speed

    result = speed(records=500, count=4, baseline_count=2)
    assert result["workload"]["records"] == 500 and result["machine"]["cpu_count"] >= 1
    for mode in ("names_only", "with_fields"):
        for script in ("Latn", "Arab"):
            row = result[f"{mode}.{script}"]
            assert 0 < row["search_p50_ms"] <= row["search_p95_ms"]
            assert 0 < row["baseline_search_p50_ms"] <= row["baseline_search_p95_ms"]
