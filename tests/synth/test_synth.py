import random

import pytest

from akte.core.countries import is_country
from akte.core.partial_date import PartialDate
from akte.synth import CORRUPTIONS, corrupt, generate_persons
from akte.synth.names import COUNTRY_NAMES


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
    for code, pool in COUNTRY_NAMES.items():
        for name in (*pool.male, *pool.female, *pool.family):
            assert name.variants and all(v.strip() for v in name.variants), code
            if name.original and pool.script == "Arab":
                assert any("\u0600" <= ch <= "\u06ff" for ch in name.original), name
            if name.original and pool.script == "Ethi":
                assert all("\u1200" <= ch <= "\u137f" for ch in name.original), name


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
