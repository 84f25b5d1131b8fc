"""Every fuzz target, in the order `akte bench fuzz` runs them."""

from __future__ import annotations

from akte.fuzz.files import RECORDS, RULEBOOK_LOADER
from akte.fuzz.ledger import HTTP, NOTE
from akte.fuzz.runner import Target
from akte.fuzz.text import EXPRESSION, FILE_NUMBER, PARTIAL_DATE, QUERY

TARGETS: dict[str, Target] = {
    t.name: t
    for t in (RULEBOOK_LOADER, EXPRESSION, RECORDS, QUERY, PARTIAL_DATE, FILE_NUMBER, NOTE, HTTP)
}
