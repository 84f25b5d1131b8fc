import pytest

from akte.matching import config


@pytest.fixture(autouse=True)
def fresh():
    config.settings.cache_clear()
    yield
    config.settings.cache_clear()


def test_one_default_each(monkeypatch):
    monkeypatch.delenv("AKTE_MATCH_INDEX", raising=False)
    monkeypatch.delenv("AKTE_DUPLICATE_MIN_PROBABILITY", raising=False)
    assert str(config.settings().index) == config.DEFAULT_INDEX
    assert config.settings().duplicate_min_probability == config.DEFAULT_DUPLICATE_MIN_PROBABILITY


def test_read_once_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("AKTE_MATCH_INDEX", str(tmp_path))
    monkeypatch.setenv("AKTE_DUPLICATE_MIN_PROBABILITY", "0.8")
    assert config.settings().index == tmp_path
    monkeypatch.setenv("AKTE_DUPLICATE_MIN_PROBABILITY", "0.1")
    assert config.settings().duplicate_min_probability == 0.8  # read once


@pytest.mark.parametrize("bad", ["many", "1.5"])
def test_a_bad_threshold_says_what_to_set(monkeypatch, bad):
    monkeypatch.setenv("AKTE_DUPLICATE_MIN_PROBABILITY", bad)
    with pytest.raises(ValueError, match="AKTE_DUPLICATE_MIN_PROBABILITY"):
        config.settings()
