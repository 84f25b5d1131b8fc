import pytest

from akte.dublin.config import ConfigError, read_config


def test_defaults():
    config = read_config({})
    assert (config.land, config.take_back_capped, config.alert_days) == ("BY", True, 5)
    assert config.region == "DE-BY"


def test_values_and_refusals():
    config = read_config(
        {
            "AKTE_DUBLIN_LAND": "be",
            "AKTE_DUBLIN_TAKE_BACK_CAP": "uncapped",
            "AKTE_DUBLIN_ALERT_DAYS": "10",
        }
    )
    assert (config.land, config.take_back_capped, config.alert_days) == ("BE", False, 10)
    for bad in (
        {"AKTE_DUBLIN_LAND": "XX"},
        {"AKTE_DUBLIN_LAND": "../etc"},
        {"AKTE_DUBLIN_TAKE_BACK_CAP": "maybe"},
        {"AKTE_DUBLIN_ALERT_DAYS": "-1"},
        {"AKTE_DUBLIN_ALERT_DAYS": "1e9"},
    ):
        with pytest.raises(ConfigError):
            read_config(bad)
