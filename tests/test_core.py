import pytest

from akte.core.file_number import FileNumber, FileNumberError
from akte.core.partial_date import PartialDate, PartialDateError, Precision


def test_partial_date_keeps_precision():
    assert PartialDate.parse("1990").precision is Precision.YEAR
    assert PartialDate.parse("03.1990").german() == "03.1990"
    assert PartialDate.parse("1990-03-07").german() == "07.03.1990"


@pytest.mark.parametrize("text", ["", "  ", "31.02.1990", "13.1990", "1990-13", "abc", "99999"])
def test_partial_date_rejects(text):
    with pytest.raises(PartialDateError):
        PartialDate.parse(text)


def test_file_number():
    assert str(FileNumber.parse(" 1234567-475 ")) == "1234567-475"
    with pytest.raises(FileNumberError, match="seven digits"):
        FileNumber.parse("123456-475")
