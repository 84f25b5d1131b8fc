import random
import statistics
from collections import Counter

import pytest

from akte.core.countries import is_country
from akte.core.partial_date import PartialDate
from akte.synth import CORRUPTIONS, corrupt, generate_persons
from akte.synth.names import COUNTRY_NAMES
from akte.synth.pools import countries, pool


def test_same_seed_same_persons_and_other_seed_differs():
    a = generate_persons(count=50, seed=7)
    assert a == generate_persons(count=50, seed=7)
    assert a != generate_persons(count=50, seed=8)


def test_persons_are_well_formed():
    persons = generate_persons(count=400, seed=2019, countries=("SYR", "AFG", "IRQ", "ERI", "TUR"))
    assert len({p.key for p in persons}) == 400
    for person in persons:
        assert person.sex in ("M", "F", "X")
        assert is_country(person.country)
        assert isinstance(person.birth_date, PartialDate)
        assert person.birth_place
        assert person.languages
        assert person.spellings[0].script == "Latn"
        assert 1 <= sum(s.script == "Latn" for s in person.spellings) <= 3
        assert all(s.given_names and s.family_name for s in person.spellings)
    scripts = {s.script for p in persons for s in p.spellings}
    assert {"Latn", "Arab", "Ethi"} <= scripts


def test_date_precision_shares_are_realistic():
    persons = generate_persons(count=2000, seed=1)
    placeholders = sum(p.birth_date.is_placeholder() for p in persons) / 2000
    year_only = sum(p.birth_date.precision == "year" for p in persons) / 2000
    assert 0.08 < placeholders < 0.25
    assert 0.10 < year_only < 0.25


def test_name_data_has_variants_and_scripts():
    for code, curated in COUNTRY_NAMES.items():
        for name in (*curated.male, *curated.female, *curated.family):
            assert name.variants and all(v.strip() for v in name.variants), code
            if name.original and curated.script == "Arab":
                assert any("\u0600" <= ch <= "\u06ff" for ch in name.original), name
            if name.original and curated.script == "Ethi":
                assert all("\u1200" <= ch <= "\u137f" for ch in name.original), name


def test_formed_names_keep_romanisations_and_script():
    for code in countries():
        names = pool(code)
        assert len(names.family) >= 90, code  # enough variety for a registry of a million
        assert len(names.family_weights) == len(names.family)
        for name in (*names.male, *names.female, *names.family):
            assert name.variants and all(v.strip() for v in name.variants), name
            if name.original and names.script == "Arab":
                assert all("\u0600" <= ch <= "\u06ff" or ch == " " for ch in name.original)
            if name.original and names.script == "Ethi":
                assert all("\u1200" <= ch <= "\u137f" for ch in name.original), name
    syrian = {n.canonical: n for n in pool("SYR").family}
    assert syrian["al-Hamawi"].original == "الحماوي"  # nisba from Hama (حماة)
    assert syrian["al-Suwaydawi"].original == "السويداوي"  # from al-Suwayda (السويداء)
    assert syrian["al-Zabadani"].original == "الزبداني"  # the place name is the nisba
    iraqi = {n.canonical: n for n in pool("IRQ").family}
    assert iraqi["al-Nasiri"].original == "الناصري"  # from Nasiriyah (الناصرية)
    afghan = {n.canonical: n for n in pool("AFG").family}
    assert afghan["Farahi"].original == "فراهی" and "Farawi" not in afghan
    assert all("ي" not in n.original and "ك" not in n.original for n in afghan.values())
    assert "Zabihullahzai" not in afghan  # tribe names only from forefathers' names
    assert "Atatürk" not in {n.canonical for n in pool("TUR").family}  # reserved by law
    assert "Abdulaziz" in {v for n in pool("IRQ").male for v in n.variants}
    assert "Gebremariam" in {n.canonical for n in pool("ERI").family}
    assert {"Öztürk", "Ozturk", "Oeztuerk"} <= {v for n in pool("TUR").family for v in n.variants}


def test_a_large_registry_is_not_a_crowd_of_namesakes():
    persons = generate_persons(count=20_000, seed=11)
    same = Counter(
        (p.primary.given_names, p.primary.family_name, p.birth_date.year) for p in persons
    )
    assert same.most_common(1)[0][1] <= 3
    common = Counter(p.primary.family_name for p in persons if p.country == "SYR")
    assert common.most_common(1)[0][1] > 2 * statistics.median(common.values())  # curated: common


def test_unknown_country_is_a_clear_error():
    with pytest.raises(ValueError, match="no name data for XXX"):
        generate_persons(count=1, countries=("XXX",))


def test_corruption_is_seeded_and_keeps_the_true_key():
    persons = generate_persons(count=200, seed=3)
    first = [corrupt(p, random.Random(i)) for i, p in enumerate(persons)]
    again = [corrupt(p, random.Random(i)) for i, p in enumerate(persons)]
    assert first == again
    assert all(q.true_key == p.key for q, p in zip(first, persons, strict=True))
    used = {kind for q in first for kind in q.corruptions}
    assert used <= set(CORRUPTIONS)
    assert len(used) >= 8
    assert any(q.birth_date is None for q in first)
    assert any(q.birth_date and q.birth_date.precision == "year" for q in first)
