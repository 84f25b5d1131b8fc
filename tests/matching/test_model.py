"""One Fellegi-Sunter model: the index's comparisons and the Splink batch take their
m-probabilities from `akte.matching.model`, so the two cannot drift apart."""

import pytest

from akte.core.partial_date import PartialDate
from akte.matching import model
from akte.matching.compare import compare_codes, compare_dates, compare_places
from akte.matching.linkage import settings


def splink_levels() -> dict[str, list[float]]:
    """m-probability of every non-null level of every comparison, as Splink will use them."""
    found = {}
    for comparison in settings().create_settings_dict("duckdb")["comparisons"]:
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        found[comparison["output_column_name"]] = [lv["m_probability"] for lv in levels]
    return found


def test_splink_uses_the_model():
    levels = splink_levels()
    assert set(levels) == set(model.splink_m())
    for name, m in model.splink_m().items():
        assert levels[name] == pytest.approx(list(m)), name


def test_splink_levels_are_the_index_levels_summed():
    levels = splink_levels()
    assert levels["birth_date"] == pytest.approx(
        [
            model.DATE_SAME_DAY.m,
            model.DATE_SAME_MONTH.m,
            model.DATE_SAME_YEAR.m
            + model.DATE_SAME_YEAR_OTHER_DAY.m
            + model.DATE_DAY_MONTH_SWAPPED.m,
            model.DATE_DIFFERENT.m,
        ]
    )
    assert levels["place_key"][0] == model.PLACE_SAME.m
    assert levels["nationality"][0] == model.NATIONALITY_SAME.m
    assert levels["sex"][0] == model.SEX_SAME.m
    for name, m in levels.items():  # each comparison's levels cover every same-person pair
        assert sum(m) == pytest.approx(1.0), name


def test_the_index_levels_of_a_field_cover_every_same_person_pair():
    dates = [model.DATE_SAME_DAY, model.DATE_DAY_MONTH_SWAPPED, model.DATE_SAME_MONTH,
             model.DATE_SAME_YEAR, model.DATE_SAME_YEAR_OTHER_DAY, model.DATE_DIFFERENT]  # fmt: skip
    assert sum(level.m for level in dates) == pytest.approx(1.0)
    places = [model.PLACE_SAME, model.PLACE_SIMILAR, model.PLACE_DIFFERENT]
    assert sum(level.m for level in places) == pytest.approx(1.0)


def test_the_index_weighs_with_the_model():
    day = PartialDate(1990, 3, 7)
    assert compare_dates(day, day).weight == model.DATE_SAME_DAY.weight
    assert compare_dates(PartialDate(1990), day).weight == model.DATE_SAME_YEAR.weight
    assert compare_dates(PartialDate(1980), day).weight == model.DATE_DIFFERENT.weight
    assert compare_places("Halab", frozenset({1}), "Aleppo", frozenset({1})).weight == (
        model.PLACE_SAME.weight
    )
    same = compare_codes("nationality", "SYR", "SYR", model.NATIONALITY_SAME)
    other = compare_codes("sex", "M", "F", model.SEX_SAME)
    assert same.weight == model.NATIONALITY_SAME.weight
    assert other.weight == model.different(model.SEX_SAME).weight
