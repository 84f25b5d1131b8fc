"""`PersonIndex`: an in-memory search index over person records, with save and load.

Search runs in two steps. (1) Candidates: every name token of every spelling is filed under
its phonetic key (`skeleton`); a query looks up its own keys, keys one edit away, and the
birth year and place, and adds up rarity weights per record (numpy). (2) Scoring: the best
candidates are compared field by field (`compare`) and ranked by their total match weight.

Records can be added, updated (same id) and removed at any time; nothing is rebuilt.
"""

from __future__ import annotations

import gzip
import heapq
import json
import math
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler

from akte.core.partial_date import PartialDate, PartialDateError
from akte.matching.compare import (
    FieldResult,
    Token,
    compare_codes,
    compare_dates,
    compare_name_tokens,
    compare_places,
)
from akte.matching.normalize import clean, name_tokens, scripts_of, skeleton
from akte.matching.places import place_ids
from akte.matching.record import NameVariant, PersonRecord, RecordError

FORMAT_VERSION = 1
CANDIDATES = 200  # records scored in full per query
NEIGHBOURS = 16  # index keys one edit away looked up per query token
MAX_POSTING = 50_000  # entries read from one posting list per query (bounds query time)
MAX_QUERY_TOKENS = 8
MIN_PRIOR_RECORDS = 1_000  # prior odds of a query matching one record: 1 in max(N, this)
LIKELY_MATCH_PROBABILITY = 0.9  # probability from which a candidate is shown as a likely match


class QueryError(ValueError):
    """A query that cannot be searched; the message says what to change."""


@dataclass(frozen=True)
class Query:
    """What a clerk knows. `name` is free text; or give `given_names` and `family_name`."""

    name: str = ""
    given_names: str = ""
    family_name: str = ""
    birth_date: PartialDate | None = None
    birth_place: str = ""
    nationality: str = ""
    sex: str = ""

    @classmethod
    def from_record(cls, record: PersonRecord) -> Query:
        first = record.names[0]
        return cls(
            "",
            first.given_names,
            first.family_name,
            record.birth_date,
            record.birth_place,
            record.nationality,
            record.sex,
        )


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


@dataclass(frozen=True)
class _Features:
    spellings: tuple[tuple[Token, ...], ...]
    place_ids: frozenset[int]


def _tokens(given: str, family: str) -> tuple[Token, ...]:
    out = [(t, skeleton(t), "g") for t in name_tokens(given)]
    out += [(t, skeleton(t), "f") for t in name_tokens(family)]
    return tuple(out)


def _day_key(date: PartialDate | None) -> str:
    """Index key of a full birth date; none for a partial date or a 01.01. placeholder."""
    if date is None or date.day is None or date.is_placeholder():
        return ""
    return f"@d{date.isoformat()}"


class PersonIndex:
    """Search person records by name, date, place, nationality and sex."""

    def __init__(self) -> None:
        self._records: list[PersonRecord | None] = []
        self._features: list[_Features | None] = []
        self._slot: dict[str, int] = {}
        self._postings: dict[str, array] = {}
        self._df: Counter[str] = Counter()
        self._vocab_by_length: dict[int, list[str]] | None = None

    def __len__(self) -> int:
        return len(self._slot)

    def __contains__(self, record_id: str) -> bool:
        return record_id in self._slot

    def records(self) -> list[PersonRecord]:
        """All records in the index, in the order they were added."""
        return [r for r in self._records if r is not None]

    def get(self, record_id: str) -> PersonRecord | None:
        slot = self._slot.get(record_id)
        return None if slot is None else self._records[slot]

    # -- changes ---------------------------------------------------------------------------

    def add(self, record: PersonRecord) -> None:
        """Add a record, or replace the record with the same id."""
        if record.id in self._slot:
            self.remove(record.id)
        spellings = tuple(
            t for t in (_tokens(n.given_names, n.family_name) for n in record.names) if t
        )
        if not spellings:
            raise RecordError(f"record {record.id!r} has no name with letters in it")
        features = _Features(spellings, place_ids(record.birth_place))
        slot = len(self._records)
        self._records.append(record)
        self._features.append(features)
        self._slot[record.id] = slot
        for key in self._keys(record, features):
            posting = self._postings.get(key)
            if posting is None:
                posting = self._postings[key] = array("i")
                if self._vocab_by_length is not None and "+" not in key and "@" not in key:
                    self._vocab_by_length[len(key)].append(key)
            posting.append(slot)
            self._df[key] += 1

    def add_many(self, records) -> int:
        count = 0
        for record in records:
            self.add(record)
            count += 1
        return count

    def remove(self, record_id: str) -> bool:
        """Remove a record; True if it was there. Its postings are skipped from now on."""
        slot = self._slot.pop(record_id, None)
        if slot is None:
            return False
        record, features = self._records[slot], self._features[slot]
        for key in self._keys(record, features):
            self._df[key] -= 1
        self._records[slot] = None
        self._features[slot] = None
        return True

    @staticmethod
    def _keys(record: PersonRecord, features: _Features) -> set[str]:
        """Posting keys: each name key, each pair of name keys (order-free, a key twice when
        two names sound alike), key + birth year, key + place of birth."""
        keys: set[str] = set()
        year = record.birth_date.year if record.birth_date else None
        day = _day_key(record.birth_date)
        if day:
            keys.add(day)  # a full date is rare: it finds a record whose name was mistyped
        for spelling in features.spellings:
            counts = Counter(tok[1] for tok in spelling if tok[1])
            skeletons = sorted(counts)
            keys.update(skeletons)
            keys.update(f"{a}+{a}" for a, n in counts.items() if n > 1)  # Kidane Kidane
            for i, a in enumerate(skeletons):
                keys.update(f"{a}+{b}" for b in skeletons[i + 1 :])
                if year is not None:
                    keys.add(f"{a}@{year}")
                keys.update(f"{a}@p{gid}" for gid in features.place_ids)
        return keys

    # -- search ----------------------------------------------------------------------------

    def _share(self, key: str) -> float:
        return (self._df.get(key, 0) + 1) / (len(self._slot) + 1)

    def _neighbours(self, key: str) -> list[str]:
        """Index keys one edit (or one transposition) away: half of them the most frequent
        (a typo is likelier in a common name), half the closest-looking."""
        if len(key) < 2:  # one letter is too little to guess from
            return []
        if self._vocab_by_length is None:
            self._vocab_by_length = defaultdict(list)
            for k in self._postings:
                if "+" not in k and "@" not in k:
                    self._vocab_by_length[len(k)].append(k)
        vocab = [
            k
            for n in (len(key) - 1, len(key), len(key) + 1)
            for k in self._vocab_by_length.get(n, ())
        ]
        found = process.extract(key, vocab, scorer=OSA.distance, score_cutoff=1, limit=None)
        near = [k for k, dist, _ in found if dist == 1]
        by_count = sorted(near, key=lambda k: (-self._df.get(k, 0), k))
        by_look = sorted(near, key=lambda k: (-JaroWinkler.similarity(key, k), k))
        half = NEIGHBOURS // 2
        return list(dict.fromkeys(by_count[:half] + by_look[:half] + by_count[half:]))[:NEIGHBOURS]

    def _query_tokens(self, query: Query) -> tuple[Token, ...]:
        if query.given_names or query.family_name:
            tokens = _tokens(query.given_names, query.family_name)
        else:
            tokens = tuple((t, skeleton(t), "") for t in name_tokens(query.name))
        return tokens[:MAX_QUERY_TOKENS]

    def _idf(self, key: str) -> float:
        return math.log2((len(self._slot) + 1) / (self._df.get(key, 0) + 1))

    def _alternatives(self, tokens: tuple[Token, ...]) -> list[list[tuple[str, float]]]:
        """Per query token: its own key, keys one edit away, or the halves of a merged token;
        per two neighbouring tokens: the key of both written as one, if the index has it."""
        groups = []
        for canonical, key, _ in tokens:
            alts = [(key, 1.0)] if key in self._postings else []
            alts += [(near, 0.7) for near in self._neighbours(key)]
            exact = bool(alts) and alts[0][1] == 1.0
            if not exact and len(canonical) >= (8 if alts else 6):
                halves = self._split(canonical)
                if halves:
                    groups += [[(halves[0], 0.8)], [(halves[1], 0.8)]]
            if alts:
                groups.append(alts)
        for (first, _, _), (second, _, _) in zip(tokens, tokens[1:], strict=False):
            joined = skeleton(first + second)  # Tesfa Gabriel for Tesfagabriel
            if joined in self._postings:
                groups.append([(joined, 0.8)])
        return groups

    def _split(self, canonical: str) -> tuple[str, str] | None:
        """Two index keys that a token written as one word (WintaYemane) may stand for.

        Cuts are preferred when the two keys occur together in a record, then when both are
        index keys as they stand (not one edit away), then when the keys are longer.
        """
        best, best_rank = None, (False, 0, 0)
        for cut in range(2, min(len(canonical), 40) - 1):
            keys, exact = [], 0
            for half in (canonical[:cut], canonical[cut:]):
                tokens = name_tokens(half)
                key = skeleton(tokens[0]) if tokens else ""
                if key in self._postings:
                    exact += 1
                elif key:
                    near = self._neighbours(key) if len(key) >= 3 else []
                    key = near[0] if near else ""
                keys.append(key)
            if not keys[0] or not keys[1]:
                continue
            pair = f"{min(keys)}+{max(keys)}"
            rank = (pair in self._postings, exact, len(keys[0]) + len(keys[1]))
            if rank > best_rank:
                best, best_rank = (keys[0], keys[1]), rank
        return best

    def _candidates(self, query: Query, tokens: tuple[Token, ...]) -> list[int]:
        scores: dict[int, float] = defaultdict(float)

        def take(key: str, weight: float) -> int:
            posting = self._postings.get(key, ())
            for slot in posting[:MAX_POSTING]:
                scores[slot] += weight
            return len(posting)

        groups = self._alternatives(tokens)
        date = query.birth_date
        if _day_key(date):
            take(_day_key(date), 0.5 * self._idf(_day_key(date)))
            if date.day <= 12 and date.day != date.month:  # day and month may be swapped
                swapped = _day_key(PartialDate(date.year, date.day, date.month))
                take(swapped, 0.3 * self._idf(swapped))
        year = date.year if date else None
        places = sorted(place_ids(query.birth_place))[:3] if query.birth_place else []
        for i, group in enumerate(groups):
            for other in groups[i + 1 :]:
                for a, wa in group:
                    for b, wb in other:
                        pair = f"{min(a, b)}+{max(a, b)}"
                        take(pair, wa * wb * self._idf(pair))
            for a, wa in group:
                if year is not None:
                    take(f"{a}@{year}", wa * self._idf(f"{a}@{year}"))
                for gid in places:
                    take(f"{a}@p{gid}", 0.5 * wa * self._idf(f"{a}@p{gid}"))
        if len(scores) < CANDIDATES:
            for group in groups:
                for a, wa in group:
                    take(a, 0.5 * wa * self._idf(a))
        return heapq.nlargest(CANDIDATES, scores, key=scores.__getitem__)

    def search(self, query: Query | str, limit: int = 10) -> list[Candidate]:
        """Ranked candidates with explanations. Raises QueryError for a name without letters."""
        if isinstance(query, str):
            query = Query(name=query)
        tokens = self._query_tokens(query)
        if not tokens:
            raise QueryError(
                "the name has no letters after removing spaces, punctuation, symbols and "
                "control characters: enter at least part of a name"
            )
        limit = max(1, min(int(limit), 1000))
        qplaces = place_ids(query.birth_place) if query.birth_place else frozenset()
        results = []
        for slot in self._candidates(query, tokens):
            record, features = self._records[slot], self._features[slot]
            if record is None:
                continue
            results.append(self._score(query, tokens, qplaces, record, features))
        results.sort(key=lambda c: (-c.weight, c.record.id))
        return results[:limit]

    def _score(self, query, tokens, qplaces, record, features) -> Candidate:
        share = {}
        for spelling in features.spellings:
            for tok in spelling:
                share[tok[1]] = self._share(tok[1])
        best = None
        for index, spelling in enumerate(features.spellings):
            weight, lines = compare_name_tokens(tokens, spelling, share)
            if best is None or weight > best[0]:
                best = (weight, lines, index)
        name_weight, lines, index = best
        shown = record.names[min(index, len(record.names) - 1)].full
        fields = [
            FieldResult("name", "name parts", name_weight, "; ".join(lines)),
            compare_dates(query.birth_date, record.birth_date),
            compare_places(query.birth_place, qplaces, record.birth_place, features.place_ids),
            compare_codes("nationality", query.nationality, record.nationality, 0.95, 0.15),
            compare_codes("sex", query.sex, record.sex, 0.97, 0.5),
        ]
        weight = sum(f.weight for f in fields)
        prior_bits = -math.log2(max(len(self._slot), MIN_PRIOR_RECORDS))
        probability = 1 / (1 + 2 ** -min(weight + prior_bits, 60.0))
        return Candidate(record, weight, probability, tuple(fields), shown)

    def possible_duplicates(
        self,
        record: PersonRecord,
        limit: int = 5,
        min_probability: float = LIKELY_MATCH_PROBABILITY,
    ) -> list[Candidate]:
        """Records that may be the same person as `record` (itself excluded): for registration."""
        found = self.search(Query.from_record(record), limit=limit + 1)
        return [c for c in found if c.record.id != record.id and c.probability >= min_probability][
            :limit
        ]

    # -- disk ------------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Write the index to directory `path` (records as gzip JSON Lines, plus meta.json)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        tmp = path / "records.jsonl.gz.tmp"
        with gzip.open(tmp, "wt", encoding="utf-8") as handle:
            for record in self._records:
                if record is not None:
                    handle.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        tmp.replace(path / "records.jsonl.gz")
        meta = {"format": "akte.matching.index", "version": FORMAT_VERSION, "records": len(self)}
        (path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> PersonIndex:
        """Read an index written by `save`; keys are recomputed from the records."""
        path = Path(path)
        meta_file = path / "meta.json"
        if not meta_file.is_file():
            raise FileNotFoundError(
                f"{path} is not a matching index (no meta.json): build one with "
                "`akte match index build RECORDS.jsonl --index PATH`"
            )
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        if meta.get("format") != "akte.matching.index" or meta.get("version") != FORMAT_VERSION:
            raise ValueError(f"{path}: unsupported index format {meta!r}; rebuild the index")
        index = cls()
        with gzip.open(path / "records.jsonl.gz", "rt", encoding="utf-8") as handle:
            for line in handle:
                index.add(PersonRecord.from_dict(json.loads(line)))
        return index


def parse_query(
    name: str, born: str | None = None, country: str = "", place: str = "", sex: str = ""
) -> tuple[Query, list[str]]:
    """A free-text query from the CLI or a web form, with warnings a person should see."""
    warnings = []
    cleaned = clean(name)
    if len(name or "") > 200:
        warnings.append("the name was longer than 200 characters and was cut")
    if len(scripts_of(cleaned) - {"Zyyy", "Zinh"}) > 1:
        warnings.append("the name mixes scripts; each part is transliterated on its own")
    date = None
    if born:
        try:
            date = PartialDate.parse(born)
        except PartialDateError as exc:
            raise QueryError(f"--born: {exc}") from exc
    return Query(
        name=cleaned,
        birth_date=date,
        birth_place=place,
        nationality=(country or "").upper(),
        sex=(sex or "").upper(),
    ), warnings


__all__ = [
    "Candidate",
    "NameVariant",
    "PersonIndex",
    "PersonRecord",
    "Query",
    "QueryError",
    "parse_query",
]
