"""`PersonIndex`: an in-memory search index over person records, with save and load.

Search runs in two steps. (1) Candidates (`candidates`): every name token of every spelling
is filed under its phonetic key (`postings`); a query looks up its own keys, keys one edit
away, and the birth year and place, and adds up rarity weights per record. (2) Scoring
(`scoring`): the best candidates are compared field by field (`compare`, `name_pairs`,
with the levels of `model`) and ranked by their total match weight; only the candidates
that are shown get their reasons.

Records can be added, updated (same id) and removed at any time; nothing is rebuilt.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

from akte.matching.candidates import CANDIDATES, MAX_POSTING, candidates
from akte.matching.places import place_ids
from akte.matching.postings import NEIGHBOURS, Postings
from akte.matching.query import MAX_QUERY_TOKENS, NO_LETTERS, Query, QueryError, parse_query
from akte.matching.record import NameVariant, PersonRecord
from akte.matching.scoring import (
    LIKELY_MATCH_PROBABILITY,
    MIN_PRIOR_RECORDS,
    Candidate,
    Scorer,
    lowest_shown_weight,
)
from akte.matching.storage import FORMAT_VERSION, read_records, write_records


class PersonIndex:
    """Search person records by name, date, place, nationality and sex."""

    def __init__(self) -> None:
        self._postings = Postings()

    def __len__(self) -> int:
        return len(self._postings)

    def __contains__(self, record_id: str) -> bool:
        return record_id in self._postings.slot

    def records(self) -> list[PersonRecord]:
        """All records in the index, in the order they were added."""
        return [r for r in self._postings.records if r is not None]

    def get(self, record_id: str) -> PersonRecord | None:
        slot = self._postings.slot.get(record_id)
        return None if slot is None else self._postings.records[slot]

    # -- changes ---------------------------------------------------------------------------

    def add(self, record: PersonRecord) -> None:
        """Add a record, or replace the record with the same id."""
        self._postings.add(record)

    def add_many(self, records: Iterable[PersonRecord]) -> int:
        count = 0
        for record in records:
            self.add(record)
            count += 1
        return count

    def remove(self, record_id: str) -> bool:
        """Remove a record; True if it was there. Its postings are skipped from now on."""
        return self._postings.remove(record_id)

    # -- search ----------------------------------------------------------------------------

    def search(self, query: Query | str, limit: int = 10, floor: bool = False) -> list[Candidate]:
        """Ranked candidates with explanations. Raises QueryError for a name without letters.

        With `floor`, only candidates above the floor (`Candidate.above_floor`): what a
        person may be shown."""
        if isinstance(query, str):
            query = Query(name=query)
        tokens = query.tokens()
        if not tokens:
            raise QueryError(NO_LETTERS)
        limit = max(1, min(int(limit), 1000))
        query_places = place_ids(query.birth_place) if query.birth_place else frozenset()
        postings = self._postings
        scorer = Scorer(postings, query, tokens, query_places)
        ranked = []  # weights first: only the candidates that are shown get their reasons
        for slot in candidates(postings, query, tokens):
            record, features = postings.records[slot], postings.features[slot]
            if record is not None:
                ranked.append((-scorer.weight(record, features), record.id, slot))
        ranked.sort()
        latin_query = query.script() in ("Latn", "Zyyy")
        lowest = lowest_shown_weight(latin_query, len(postings)) if floor else -math.inf
        results = []
        for minus_weight, _, slot in ranked:
            if -minus_weight < lowest or len(results) == limit:
                break
            found = scorer.candidate(postings.records[slot], postings.features[slot])
            if not floor or found.above_floor(latin_query):
                results.append(found)
        return results

    def possible_duplicates(
        self,
        record: PersonRecord,
        limit: int = 5,
        min_probability: float = LIKELY_MATCH_PROBABILITY,
    ) -> list[Candidate]:
        """Records that may be the same person as `record` (itself excluded): for registration."""
        best: dict[str, Candidate] = {}
        for number in range(len(record.names)):  # every spelling: the Arabic one too
            try:
                found = self.search(Query.from_record(record, number), limit=limit + 1)
            except QueryError:
                continue
            for c in found:
                if c.record.id not in best or c.weight > best[c.record.id].weight:
                    best[c.record.id] = c
        ranked = sorted(best.values(), key=lambda c: (-c.weight, c.record.id))
        return [c for c in ranked if c.record.id != record.id and c.probability >= min_probability][
            :limit
        ]

    # -- disk ------------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Write the index to directory `path` (records as gzip JSON Lines, plus meta.json)."""
        write_records(path, self.records())

    @classmethod
    def load(cls, path: Path) -> PersonIndex:
        """Read an index written by `save`; keys are recomputed from the records."""
        index = cls()
        index.add_many(read_records(path))
        return index


__all__ = [
    "CANDIDATES",
    "FORMAT_VERSION",
    "LIKELY_MATCH_PROBABILITY",
    "MAX_POSTING",
    "MAX_QUERY_TOKENS",
    "MIN_PRIOR_RECORDS",
    "NEIGHBOURS",
    "Candidate",
    "NameVariant",
    "PersonIndex",
    "PersonRecord",
    "Query",
    "QueryError",
    "parse_query",
]
