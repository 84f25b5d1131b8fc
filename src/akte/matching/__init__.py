"""Person similarity search across transliterations (plain Python, no Django).

    from akte.matching import PersonIndex, PersonRecord, NameVariant, Query
    index = PersonIndex()
    index.add(PersonRecord("P-1", (NameVariant("Mohammed", "al-Hassan"),), nationality="SYR"))
    for candidate in index.search(Query("محمد الحسن", nationality="SYR")):
        print(candidate.id, candidate.weight, [f.level for f in candidate.fields])

Explanations are codes with parameters (`akte.matching.codes`); render them with
`akte.words.render`. See docs/matching.md for how a score comes about.
"""

from akte.matching.compare import FieldResult
from akte.matching.index import (
    LIKELY_MATCH_PROBABILITY,
    Candidate,
    PersonIndex,
    Query,
    QueryError,
    parse_query,
)
from akte.matching.record import NameVariant, PersonRecord, RecordError, read_jsonl

__all__ = [
    "LIKELY_MATCH_PROBABILITY",
    "Candidate",
    "FieldResult",
    "NameVariant",
    "PersonIndex",
    "PersonRecord",
    "Query",
    "QueryError",
    "RecordError",
    "parse_query",
    "read_jsonl",
]
