import datetime as dt

from akte.rules.calendar import easter_sunday, holidays, is_working_day, working_day

D = dt.date


def test_easter_dates():
    assert easter_sunday(2024) == D(2024, 3, 31)
    assert easter_sunday(2026) == D(2026, 4, 5)
    assert easter_sunday(2027) == D(2027, 3, 28)
    assert easter_sunday(2019) == D(2019, 4, 21)


def test_federal_and_land_holidays():
    de = holidays("DE", 2026)
    assert {D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 14), D(2026, 5, 25), D(2026, 10, 3)} <= de
    assert D(2026, 1, 6) not in de
    assert D(2026, 1, 6) in holidays("DE-BY", 2026)  # Epiphany in Bavaria
    assert D(2026, 6, 4) in holidays("DE-BY", 2026)  # Corpus Christi
    assert D(2026, 3, 8) in holidays("DE-BE", 2026)
    assert D(2026, 3, 8) not in holidays("DE-MV", 2022)
    assert D(2026, 3, 8) in holidays("DE-MV", 2026)
    assert D(2026, 11, 18) in holidays("DE-SN", 2026)  # Buß- und Bettag
    assert D(2017, 10, 31) in holidays("DE-BY", 2017)  # the one-off Reformation day


def test_working_day_moves_over_weekends_and_holidays():
    assert working_day(D(2026, 8, 1), "DE-BY") == D(2026, 8, 3)  # Saturday -> Monday
    assert working_day(D(2026, 12, 25), "DE-BE") == D(2026, 12, 28)  # Fri, Sat, Sun
    assert working_day(D(2026, 4, 3), "DE-BE") == D(2026, 4, 7)  # Good Friday .. Easter Monday
    assert working_day(D(2026, 1, 6), "DE-BY") == D(2026, 1, 7)
    assert working_day(D(2026, 1, 6), "DE-BE") == D(2026, 1, 6)
    # another Member State: its national holidays (python-holidays), Christmas to Sunday
    assert working_day(D(2026, 12, 25), "AT") == D(2026, 12, 28)
    # a code no calendar knows: weekends only
    assert working_day(D(2026, 12, 25), "XX") == D(2026, 12, 25)
    assert is_working_day(D(2026, 7, 1), "DE-BY")
