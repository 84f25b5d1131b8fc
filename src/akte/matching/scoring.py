"""Step two of a search: a candidate compared field by field, its weight and probability.

The probability starts from prior odds of 1 in N (N = records in the index, at least
`MIN_PRIOR_RECORDS`) that the query is any one given record, and adds the weight.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from akte.matching import model
from akte.matching.compare import (
    FieldResult,
    compare_codes,
    compare_dates,
    compare_name_tokens,
    compare_places,
)
from akte.matching.normalize import Token, keys
from akte.matching.postings import Features, Postings
from akte.matching.query import Query
from akte.matching.record import PersonRecord

MIN_PRIOR_RECORDS = 1_000  # prior odds of a query matching one record: 1 in max(N, this)
LIKELY_MATCH_PROBABILITY = 0.9  # probability from which a candidate is shown as a likely match


@dataclass(frozen=True)
class Candidate:
    """A search result: the record, its total weight, a probability and the field reasons."""

    record: PersonRecord
    weight: float
    probability: float
    fields: tuple[FieldResult, ...]
    spelling: str  # the record spelling the name was compared with

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def likely_match(self) -> bool:
        return self.probability >= LIKELY_MATCH_PROBABILITY

    def to_dict(self) -> dict:
        return {
            "id": self.record.id,
            "weight": round(self.weight, 2),
            "probability": round(self.probability, 4),
            "likely_match": self.likely_match,
            "matched_spelling": self.spelling,
            "fields": [f.to_dict() for f in self.fields],
            "record": self.record.to_dict(),
        }


def score(
    postings: Postings,
    query: Query,
    tokens: tuple[Token, ...],
    query_places: frozenset[int],
    record: PersonRecord,
    features: Features,
) -> Candidate:
    """Compare `record` with `query` on every field; the name on its best-matching spelling."""
    share = {}
    for spelling in features.spellings:
        for tok in spelling:
            for key in keys(tok[0]):
                share[key] = postings.share(key)
    best = None
    for index, spelling in enumerate(features.spellings):
        weight, reasons = compare_name_tokens(tokens, spelling, share)
        if best is None or weight > best[0]:
            best = (weight, reasons, index)
    name_weight, reasons, index = best
    shown = record.names[min(index, len(record.names) - 1)].full
    fields = [
        FieldResult("name", "name_parts", name_weight, tuple(reasons)),
        compare_dates(query.birth_date, record.birth_date),
        compare_places(query.birth_place, query_places, record.birth_place, features.place_ids),
        compare_codes("nationality", query.nationality, record.nationality, model.NATIONALITY_SAME),
        compare_codes("sex", query.sex, record.sex, model.SEX_SAME),
    ]
    weight = sum(f.weight for f in fields)
    prior_bits = -math.log2(max(len(postings), MIN_PRIOR_RECORDS))
    probability = 1 / (1 + 2 ** -min(weight + prior_bits, 60.0))
    return Candidate(record, weight, probability, tuple(fields), shown)
