"""Hostile text, and the parsers of one line of text: partial dates, file numbers, the
person search query and the rules expressions."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from hypothesis import strategies as st

from akte.core.file_number import FileNumber, FileNumberError
from akte.core.partial_date import PartialDate, PartialDateError
from akte.fuzz.runner import Target
from akte.matching.codes import CODES as MATCHING_CODES
from akte.matching.index import PersonIndex
from akte.matching.query import Query, QueryError, parse_query
from akte.matching.record import NameVariant, PersonRecord
from akte.rules.codes import CODES as RULES_CODES
from akte.rules.expressions import ExpressionSyntaxError, Node, parse, to_source

# Characters that break naive parsers: controls, NUL, BOM, bidi and zero-width marks,
# combining marks, other scripts' digits, fullwidth forms, an astral character.
NASTY = list("\x00\t\n\r\x0b\x0c\x1b\x7f\x85\u00a0\u200b\u200d\u200e\u202e\u2028\ufeff\ufffd")
NASTY += list("\u0301\u0660\u0669\u06f1\u0966\uff11\uff0e\uff0d\U0001d7ce\U0001f600")
NASTY += list("٫٬،؛ـ") + ["ß", "İ", "ﬁ", "Ǆ", "ǅ"]


def mutate(
    text: str,
    rng: random.Random,
    *,
    rounds: int,
    inserts: Sequence[str],
    replacements: Sequence[str],
    copy: int,
    cut_spans: bool,
) -> str:
    """A valid text with up to `rounds` random edits: a character deleted, a piece inserted,
    a character replaced, up to `copy` characters of the text repeated, and (`cut_spans`)
    a span of up to 30 characters cut."""
    chars = list(text)
    for _ in range(rng.randint(1, rounds)):
        position = rng.randrange(len(chars) or 1)
        action = rng.randrange(5 if cut_spans else 4)
        if action == 0 and chars:
            del chars[position]
        elif action == 1:
            chars.insert(position, rng.choice(inserts))
        elif action == 2 and chars:
            chars[position] = rng.choice(replacements)
        elif action == 3 or not cut_spans:
            chars[position:position] = chars[rng.randrange(len(chars) or 1) :][:copy]
        else:
            chars[position : position + rng.randint(1, 30)] = []
    return "".join(chars)


def hostile_text(pieces: list[str], max_size: int = 40) -> st.SearchStrategy[str]:
    """Any text, or text built from `pieces` (the parser's own alphabet) and nasty characters."""
    return st.one_of(
        st.text(max_size=max_size),
        st.lists(st.sampled_from(pieces + NASTY), max_size=max_size).map("".join),
        st.text(alphabet=st.characters(codec="utf-8"), min_size=300, max_size=3000),
    )


def declared(message, codes: dict) -> None:
    """A message an engine emits: a declared code with exactly its declared parameters."""
    assert message.code in codes, message.code
    assert set(message.params) == set(codes[message.code]), message


# -- partial dates --------------------------------------------------------------------------

DATE_PIECES = list("0123456789.-/ ") + ["1990", "2024", "02", "29", "31", "13", "00", "0000"]


def check_partial_date(text: str) -> None:
    try:
        date = PartialDate.parse(text)
    except PartialDateError as error:
        assert str(error), "a PartialDateError must say what was expected"
        return
    assert PartialDate.parse(date.isoformat()) == date
    assert PartialDate.parse(date.german()) == date
    assert date.earliest() <= date.latest()


PARTIAL_DATE = Target(
    "partial_date",
    "akte.core.partial_date.PartialDate.parse",
    "PartialDateError",
    lambda: hostile_text(DATE_PIECES),
    check_partial_date,
)

# -- file numbers ---------------------------------------------------------------------------

FILE_NUMBER_PIECES = list("0123456789- ") + ["1234567", "475", "-475", "١٢٣"]
_CANONICAL = re.compile(r"[0-9]{7}-[0-9]{3}")


def check_file_number(text: str) -> None:
    try:
        number = FileNumber.parse(text)
    except FileNumberError as error:
        assert "is not a file number" in str(error)
        return
    assert _CANONICAL.fullmatch(str(number)), f"{number} is not seven ASCII digits and three"
    assert FileNumber.parse(str(number)) == number


FILE_NUMBER = Target(
    "file_number",
    "akte.core.file_number.FileNumber.parse",
    "FileNumberError",
    lambda: hostile_text(FILE_NUMBER_PIECES, max_size=16),
    check_file_number,
)

# -- the person search query (CLI and the web's search form) -------------------------------

NAME_PIECES = ["Mohammed", "al-", "Haddad", "محمد", "حداد", "Тесфай", "ሰናይት", " ", "'", "-"]
_INDEX: list[PersonIndex] = []


def _small_index() -> PersonIndex:
    if not _INDEX:
        index = PersonIndex()
        for i, (given, family) in enumerate(
            [("Mohammed", "Haddad"), ("محمد", "حداد"), ("Senait", "Tesfay"), ("Ali", "Rahimi")]
        ):
            born = PartialDate(1990, 3) if i % 2 else None
            index.add(PersonRecord(f"P{i}", (NameVariant(given, family),), born, "Aleppo", "SYR"))
        _INDEX.append(index)
    return _INDEX[0]


def query_inputs() -> st.SearchStrategy[tuple[str, str | None, str, str, str]]:
    return st.tuples(
        hostile_text(NAME_PIECES, max_size=30),
        st.none() | hostile_text(DATE_PIECES, max_size=12),
        hostile_text(["SYR", "eri", "DEU", "X"], max_size=5),
        hostile_text(["Aleppo", "Halab", "حلب", " "], max_size=10),
        hostile_text(["M", "F", "X", "m"], max_size=3),
    )


def check_query(args: tuple[str, str | None, str, str, str]) -> None:
    try:
        query, notes = parse_query(*args)
    except QueryError as error:
        declared(error.message, MATCHING_CODES)
        assert error.message.params.get("value") == args[1]
        return
    assert isinstance(query, Query)
    for note in notes:
        declared(note, MATCHING_CODES)
    try:
        found = _small_index().search(query, limit=5)
    except QueryError as error:  # a query without letters is refused by the search
        declared(error.message, MATCHING_CODES)
        return
    assert len(found) <= 5


QUERY = Target(
    "query",
    "akte.matching.query.parse_query + PersonIndex.search",
    "QueryError",
    query_inputs,
    check_query,
)

# -- rules expressions ----------------------------------------------------------------------

EXPRESSION_PIECES = list('abxy_019 ()[],."\\+-*/<>=!#\n') + [
    "and ",
    "or ",
    "not ",
    "in ",
    "known(",
    'date("',
    "2019-02-30",
    " months",
    " weeks",
    "count",
    "lodged_on",
    "((((((((((",
    "1e999",
    "9" * 30,
]


def check_expression(text: str) -> None:
    try:
        tree = parse(text)
    except ExpressionSyntaxError as error:
        assert error.line >= 1 and error.column >= 1, "a syntax error says where"
        declared(error.message, RULES_CODES)
        declared(error.hint, RULES_CODES)
        return
    assert isinstance(tree, Node)
    assert parse(to_source(tree)) == tree, "printing a parsed expression gives it back"


EXPRESSION = Target(
    "rules_expression",
    "akte.rules.expressions.parse",
    "ExpressionSyntaxError",
    lambda: hostile_text(EXPRESSION_PIECES, max_size=60),
    check_expression,
)
