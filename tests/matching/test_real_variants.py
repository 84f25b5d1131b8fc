"""The failure classes of issue 13, the floor, and the duplicate warning on the original
script (examples made up, classes from the issue)."""

import pytest

from akte.core.partial_date import PartialDate
from akte.matching import NameVariant, PersonIndex, PersonRecord, Query
from akte.matching.bench import record_from_synthetic
from akte.matching.evaluation.measure import ARABIC, random_strings_empty
from akte.matching.name_pairs import compare_name_tokens
from akte.matching.normalize import keys, name_tokens
from akte.matching.query import Query as Q
from akte.synth import generate_persons


def _same_sound(a: str, b: str) -> bool:
    ta, tb = name_tokens(a), name_tokens(b)
    return len(ta) == len(tb) and all(
        set(keys(x)) & set(keys(y)) for x, y in zip(ta, tb, strict=True)
    )


@pytest.mark.parametrize(
    "a, b",
    [
        ("Saadi", "Sadi"), ("Rahmouni", "Rahmuni"), ("Ghanem", "Ghannam"),
        ("Achour", "Ashour"), ("Djamila", "Jamila"), ("Youcef", "Yusuf"), ("Mouloud", "Mulud"),
        ("Fayçal", "Faisal"), ("Oualid", "Walid"), ("Abdelkader", "Abd El Kader"),
        ("Abderrazak", "Abd Errazak"), ("Sa'id", "Said"), ("Saʿīd", "Saeed"),
        ("Hussejn", "Hussein"), ("Qasemi", "Ghasemi"), ("Maxamed", "Mohamed"),
        ("Safarov", "صفروف"), ("Osman", "Othman"),
    ],
)  # fmt: skip
def test_romanisations_share_a_key(a, b):
    assert _same_sound(a, b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Hikmatjon", "Hikmat"), ("Qimmatxon", "Qimmat"), ("Qodirbek", "Qodir"),
        ("Olimjon", "Olim"), ("Cavanşirler", "Javanshir"), ("Romāns", "Roman"),
        ("Džuma", "Juma"), ("Dzhamal", "Jamal"), ("Žanna", "Zhanna"), ("ǧamāl", "Jamal"),
        ("Gamal", "Jamal"), ("Ragab", "رجب"), ("Mehmet", "Muhammad"), ("Hamit", "Hamid"),
        ("Recep", "Rajab"), ("Halid", "Khalid"), ("Turqut", "Turgut"), ("Huszajn", "Husajn"),
        ("Abolfazl", "Abu al-Fazl"), ("Abd al-Adhim", "Abd al-Azim"), ("Alanoud", "Anoud"),
        ("Elamin", "Amin"), ("ناہید", "Nahid"), ("فاطمه", "Fatemeh"), ("زاده", "Zadeh"),
        ("تەلبانی", "Talebani"), ("محمدحسین", "Mohammadhossein"), ("Ruqja", "Ruqaya"),
        ("Ruqja", "رقية"), ("Marjam", "Maryam"), ("Ješajahu", "Yeshayahu"),
    ],
)  # fmt: skip
def test_endings_letters_and_readings_of_other_romanisations(a, b):
    assert _same_sound(a, b)


@pytest.mark.parametrize("a, b", [("Abbas", "Abba"), ("Idris", "Idri"), ("Khan", "Hana")])
def test_short_rests_and_rare_readings_make_no_key(a, b):
    assert not _same_sound(a, b)  # the s of Abbas stays; kh as h needs three letters


def test_abu_is_a_part_of_its_own_however_written():
    assert name_tokens("Abū al-Faḍl") == ("abu", "fadzl")  # ḍ is ض: dz, read d and z
    assert name_tokens("Abolfazl") == name_tokens("Abul Fazl") == ("abu", "fazl")
    assert name_tokens("Abu Bakr") == ("abu", "bakr")


@pytest.mark.parametrize(
    "arabic, romanised",
    [("رمضان", "Ramadan"), ("رمضان", "Ramazan"), ("فاضل", "Fazil"), ("فاضل", "Fadil"),
     ("مرتضى", "Morteza"), ("مرتضى", "Murtada"), ("علیرضا", "Alireza"), ("رضا", "Ridha"),
     ("Faḍl", "Fazl"), ("Faḍl", "Fadl"), ("منذر", "Mundzir")],
)  # fmt: skip
def test_dad_is_d_in_arabic_and_z_in_persian_urdu_and_turkish_romanisations(arabic, romanised):
    assert _same_sound(arabic, romanised)


def test_dad_does_not_make_d_and_z_the_same():
    assert not _same_sound("Ramadan", "Ramazan")  # only ض itself has both readings


def test_two_parts_written_as_one_in_other_vowels():
    one = Q(name="Mohammadali Rezaei").tokens()
    two = Q(name="Məhəmməd Əli Rezaei").tokens()
    share = {k: 0.01 for t in one + two for k in keys(t[0])}
    _, reasons = compare_name_tokens(one, two, share)
    assert "matching.name.written_together" in [r.code for r in reasons]


def test_a_spelling_that_looks_more_alike_ranks_first():
    # all three give the keys rdn and hmd: the look of the spelling decides
    idx = PersonIndex()
    idx.add(PersonRecord("A", (NameVariant("Rudaynah", "Hammaad", "Latn"),)))
    idx.add(PersonRecord("B", (NameVariant("Rudaynah", "Himida", "Latn"),)))
    assert [c.id for c in idx.search(Query(name="Rodaina Hemeeda"))][:2] == ["B", "A"]


def test_compounds_written_together_or_apart():
    assert set(keys(name_tokens("Benali")[0])) & set(keys(name_tokens("Ben Ali")[0]))
    assert set(keys(name_tokens("Bensalah")[0])) & set(keys(name_tokens("Ben Salah")[0]))


@pytest.mark.parametrize(
    "query, record",
    [("Seyed Ali Hosseini", "Ali Hosseini"), ("Doctor Ahmad Zia", "Ahmad Zia"),
     ("Sheikh Omar Farouk", "Omar Farouk"), ("Hajji Karim Nouri", "Karim Nouri")],
)  # fmt: skip
def test_titles_are_not_name_parts(query, record):
    assert name_tokens(query) == name_tokens(record)


@pytest.mark.parametrize(
    "query, record",
    [("Hajji Sayyed Mohammad", "Haji Seyyed Mohammad"), ("Hadji Abdurrahman", "Hacı Abdürrəhman"),
     ("Haji Aleksis", "Hajji Alexis"), ("Turqut Hacı", "Turgut Hadji")],
)  # fmt: skip
def test_a_title_that_leaves_fewer_than_two_parts_may_be_the_name(query, record):
    assert len(name_tokens(query)) >= 2 and _same_sound(query, record)


def test_titles_are_dropped_the_same_way_from_a_record_in_two_fields():
    from akte.matching.normalize import spelling_tokens

    assert [t[0] for t in spelling_tokens("Seyed Ali", "Hosseini")] == ["ali", "hosseini"]
    assert [t[0] for t in spelling_tokens("Hajji", "Ludwig")] == ["hajji", "ludwig"]
    assert [t[0] for t in spelling_tokens("Sayyid", "Ali Hosseini")] == ["ali", "hosseini"]


def test_a_missing_part_is_a_small_penalty_not_a_miss():
    full = Q(name="Muhammad Asif Khan").tokens()
    short = Q(name="Muhammad Asif").tokens()
    share = {k: 0.01 for t in full for k in keys(t[0])}
    with_all, _ = compare_name_tokens(full, full, share)
    one_less, _ = compare_name_tokens(short, full, share)
    assert 0 < with_all - one_less < 8  # the missing part costs, but the rest still counts


def test_a_common_part_with_the_initial_of_the_other_finds_the_person(monkeypatch):
    """Alfy Rozentals and Alfy Rosenthal share no key for the second part, and 300 others
    are called Alfy: the part with the initial of the other (`postings.initial_key`) still
    brings the person among the candidates."""
    from akte.matching import candidates

    index = PersonIndex()
    given = [p.spellings[0].given_names for p in generate_persons(300, seed=11)]
    index.add_many(PersonRecord(f"A-{i}", (NameVariant(g, "Alfy"),)) for i, g in enumerate(given))
    index.add(PersonRecord("P-1", (NameVariant("Alfy", "Rosenthal"),)))
    assert "P-1" in [c.id for c in index.search(Query(name="El Alfy Rozentals"), limit=10)]
    monkeypatch.setattr(candidates, "INITIAL", 0.0)  # without it, one of the 300 namesakes
    assert "P-1" not in [c.id for c in index.search(Query(name="El Alfy Rozentals"), limit=10)]


@pytest.fixture(scope="module")
def registry():
    index = PersonIndex()
    index.add_many(record_from_synthetic(p) for p in generate_persons(3000, seed=5))
    index.add(
        PersonRecord(
            "P-1",
            (NameVariant("Abdelkader", "Benali"), NameVariant("عبد القادر", "بن علي", "Arab")),
            PartialDate(1988, 5, 2), "Oran", "DZA", "M",
        )
    )  # fmt: skip
    return index


@pytest.mark.parametrize("name", ["Abd El Kader Ben Ali", "Abdulqadir Benali", "عبد القادر بن علي"])
def test_the_person_is_found_under_other_spellings(registry, name):
    found = registry.search(Query(name=name), limit=10, floor=True)
    assert "P-1" in [c.id for c in found]


def test_random_strings_find_nobody_above_the_floor(registry):
    empty = random_strings_empty(registry, count=200, seed=3)["value"]
    assert empty >= 0.95  # the evaluation measures 99 % on 1,000 strings at 20,000 records
    assert registry.search(Query(name="Zzyzx Qwerty"), floor=True) == []
    assert len(registry.search(Query(name="Zzyzx Qwerty"))) > 0  # without the floor: noise


def test_random_arabic_letter_strings_mostly_find_nobody(registry):
    empty = random_strings_empty(registry, count=200, seed=3, letters=ARABIC)["value"]
    # 0.93 here (0.72 when any weight of at least 0 was shown); the evaluation measures
    # 0.71 on 1,000 strings at 20,000 real-name records: far from the 99 % of Latin strings
    assert empty >= 0.87


@pytest.mark.parametrize(
    ("weight", "consonants", "shown"),
    [(0.0, 0.92, True), (-0.1, 1.0, False), (2.9, 0.91, False), (3.0, 0.70, True),
     (6.9, 0.69, False), (7.0, 0.0, True)],
)  # fmt: skip
def test_an_arabic_script_query_shows_a_candidate_by_weight_and_consonants(
    weight, consonants, shown, monkeypatch
):
    from akte.matching import scoring

    record = PersonRecord("P-9", (NameVariant("Yusuf", "Haddad"),))
    candidate = scoring.Candidate(record, weight, 0.5, (), "Yusuf Haddad")
    monkeypatch.setattr(scoring, "consonant_similarity", lambda _: consonants)
    assert candidate.above_floor(latin_query=False) is shown


def test_consonant_similarity_reads_an_arabic_query_without_vowels():
    from akte.matching.scoring import consonant_similarity, name_similarity

    index = PersonIndex()
    index.add(PersonRecord("P-1", (NameVariant("Mohammed", "Haddad"),)))
    found = index.search(Query(name="محمد حداد"), limit=1)[0]
    assert found.id == "P-1"
    assert consonant_similarity(found) == 1.0 > 0.9 > name_similarity(found)


@pytest.mark.parametrize(
    "name",
    ["Abd El Kader Ben Ali", "Mohammed", "Ali Hassan", "عبد القادر بن علي", "محمد", "Zzyzx Qwerty"],
)
def test_the_floor_stops_scoring_only_where_nobody_below_could_be_shown(registry, name):
    """A search with the floor stops building results at the lowest weight that could be
    shown; it must give what filtering every candidate would."""
    query = Query(name=name)
    latin_query = query.script() in ("Latn", "Zyyy")
    everyone = registry.search(query, limit=1000)
    assert (
        registry.search(query, limit=50, floor=True)
        == [c for c in everyone if c.above_floor(latin_query)][:50]
    )


@pytest.mark.parametrize(
    ("weight", "other_fields", "shown"),
    [(9.9, 8.0, False), (10.0, 6.0, True), (10.0, 5.9, False), (14.0, 0.0, False)],
)  # fmt: skip
def test_a_strong_match_is_shown_under_a_name_unlike_the_record(weight, other_fields, shown):
    """An alias, or another person's name on the same entry: the names do not look alike
    (no paired parts), but date, place and the rest carry the weight. Not yet a likely match
    in a large registry; shown from `FLOOR_STRONG_WEIGHT` bits when the other fields carry
    `FLOOR_STRONG_OTHER_FIELDS` of them. Name keys alone never count as strong: a random
    string can hit two rare keys."""
    from akte.matching.compare import FieldResult
    from akte.matching.scoring import FLOOR_STRONG_OTHER_FIELDS, FLOOR_STRONG_WEIGHT, Candidate

    record = PersonRecord("P-9", (NameVariant("Yusuf", "Haddad"),), PartialDate(1988), "", "", "")
    name = FieldResult("name", "none", weight - other_fields, ())
    date = FieldResult("birth_date", "same_day", other_fields, ())
    candidate = Candidate(record, weight, 0.5, (name, date), "Yusuf Haddad")
    assert (FLOOR_STRONG_WEIGHT, FLOOR_STRONG_OTHER_FIELDS) == (10.0, 6.0)
    assert candidate.above_floor() is shown


@pytest.mark.parametrize(
    ("weight", "alike", "shown"),
    [(1.0, 0.95, True), (0.9, 0.99, False), (3.4, 0.94, False), (3.5, 0.87, True),
     (8.9, 0.86, False), (9.0, 0.80, True), (20.0, 0.79, False), (9.0, 0.79, False)],
)  # fmt: skip
def test_the_floor_asks_less_alike_names_of_a_heavier_candidate(weight, alike, shown, monkeypatch):
    from akte.matching import scoring

    record = PersonRecord("P-9", (NameVariant("Yusuf", "Haddad"),))
    candidate = scoring.Candidate(record, weight, 0.5, (), "Yusuf Haddad")
    monkeypatch.setattr(scoring, "name_similarity", lambda _: alike)
    assert candidate.above_floor() is shown


def test_identical_original_script_spelling_is_a_strong_duplicate_sign(registry):
    new = PersonRecord(
        "new",
        (NameVariant("Abdelqadir", "Bin Aly"), NameVariant("عبد القادر", "بن علي", "Arab")),
        PartialDate(1988),
        "Oran",
        "DZA",
        "",
    )
    found = registry.possible_duplicates(new, min_probability=0.5)
    assert [c.id for c in found][:1] == ["P-1"]
    assert any(r.code == "matching.name.same_original_script" for r in found[0].fields[0].reasons)


def test_explanations_use_the_readers_dates_numbers_and_isolate_arabic():
    from akte import words
    from akte.core.message import Message

    date = Message("matching.birth_date.year_only", {"query": "1990-03-07", "record": "1990"})
    assert words.render(date, "de").startswith("07.03.1990 gegenüber 1990")
    assert words.render(date, "en").startswith("1990-03-07 vs 1990")
    name = Message(
        "matching.name.same_sound",
        {"query": "محمد", "record": "mohammed", "key": "mhmd", "share": 0.0526, "weight": 2.7},
    )
    german = words.render(name, "de")
    assert "\u2068محمد\u2069 ~ mohammed" in german  # the Arabic name isolated in the line
    assert "5,26\u00a0%" in german and "+2,7" in german


def test_the_weight_comes_with_a_scale(registry):
    best = registry.search(Query(name="Abdelkader Benali", birth_date=PartialDate(1988, 5, 2),
                                 birth_place="Oran", nationality="DZA"), floor=True)[0]  # fmt: skip
    assert best.id == "P-1" and best.weight >= 20
    from akte import words

    assert words.render(best.strength_message, "de").startswith("starke Übereinstimmung")
    assert "ab 20 stark" in words.render(best.strength_message, "de")


@pytest.mark.parametrize(
    "arabic, romanised",
    [("عيسى", "Isa"), ("عيد", "Eid"), ("عون", "Aoun"), ("عوض", "Awad"), ("عواطف", "Awatif"),
     ("العيني", "al-Ayni"), ("العبيدي", "Obeidi"), ("عمر", "Omar")],
)  # fmt: skip
def test_a_word_that_begins_with_ain_begins_with_a_vowel(arabic, romanised):
    assert _same_sound(arabic, romanised)  # not with the و or ي that follows the ع


def test_abduh_is_a_name_not_abd_and_a_letter():
    assert name_tokens("عبده") == ("abda",)
    assert _same_sound("عبده", "Abduh") and _same_sound("عبده", "Abdou")
    assert name_tokens("عبد العزيز") == name_tokens("عبدالعزيز")


def test_a_title_with_a_persian_ending_is_a_name():
    assert name_tokens("Haji Pour Ali Karimi")[:2] == ("haji", "pour")
    assert _same_sound("حاجی", "Haji")
    index = PersonIndex()
    index.add(PersonRecord("P-1", (NameVariant("Hajipur", "Elhanan"),)))
    index.add(PersonRecord("P-2", (NameVariant("Pour", "Elhanan"),)))
    assert index.search(Query(name="حاجی پور إلحانان"), limit=1)[0].id == "P-1"


def test_a_record_with_many_near_spellings_counts_each_pair_of_parts_once():
    """Candidates: a pair of query parts adds the best pair key a record carries, not every
    neighbour of it; else a record with many spellings one edit away from the query's parts
    (a hub) crowds out the person."""
    from akte.matching.candidates import candidates

    index = PersonIndex()
    index.add(PersonRecord("T", (NameVariant("Hamid", "Karim"),)))
    near = [("Hamis", "Karin"), ("Hamiz", "Kari")]  # each part one edit away
    index.add(PersonRecord("HUB", tuple(NameVariant(g, f) for g, f in near)))
    for i in range(150):  # the single keys are common, their pairs rare
        for part in ["Hamid", "Karim"] + [p for pair in near for p in pair]:
            index.add(PersonRecord(f"F-{part}-{i}", (NameVariant(part, f"Zq{i:03d}x"),)))
    postings, query = index._postings, Query(name="Hamid Karim")
    slots = candidates(postings, query, query.tokens())
    assert postings.records[slots[0]].id == "T"


def test_a_name_written_as_one_is_cut_into_two_names_not_a_letter_and_the_rest():
    from akte.matching.candidates import split_keys

    index = PersonIndex()
    index.add(PersonRecord("A", (NameVariant("Ali", "Alamolhoda"),)))  # keys l and mlhd
    index.add(PersonRecord("B", (NameVariant("Alam al-Hoda", "Amro"),)))  # keys lm and hd
    first, second = split_keys(index._postings, "alamolhoda")
    assert first == "lm" and second in ("hd", "lhd")  # Alam + (ol)Hoda, not Al + Amolhoda
