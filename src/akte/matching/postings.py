"""The posting lists of the index: which records carry which key, and how often a key occurs.

Every record is filed under each name skeleton, each pair of skeletons of one spelling
(order-free, a skeleton twice when two names sound alike, as in Kidane Kidane), each
skeleton with the birth year and with the place of birth, and its full birth date.
Records live in slots; a removed record leaves an empty slot whose postings are skipped.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler

from akte.core.partial_date import PartialDate
from akte.matching.normalize import Token, keys, spelling_tokens
from akte.matching.places import place_ids
from akte.matching.record import PersonRecord, RecordError, original_spellings

NEIGHBOURS = 16
SHARE_PRIOR_RECORDS = 1_000  # index keys one edit away looked up per query token


@dataclass(frozen=True)
class Features:
    """What a record is compared on, computed once when it is added."""

    spellings: tuple[tuple[Token, ...], ...]
    place_ids: frozenset[int]
    originals: tuple[str, ...] = ()  # the names in a script other than Latin, cleaned


def day_key(date: PartialDate | None) -> str:
    """Index key of a full birth date; none for a partial date or a 01.01. placeholder."""
    if date is None or date.day is None or date.is_placeholder():
        return ""
    return f"@d{date.isoformat()}"


def is_name_key(key: str) -> bool:
    """A key of one name (not a pair, not with a year, place or date)."""
    return "+" not in key and "@" not in key and ">" not in key


class Postings:
    """Records in slots, and for every key the slots that carry it."""

    def __init__(self) -> None:
        self.records: list[PersonRecord | None] = []
        self.features: list[Features | None] = []
        self.slot: dict[str, int] = {}
        self.lists: dict[str, array] = {}
        self.counts: Counter[str] = Counter()  # records carrying each key (document frequency)
        self._vocab_by_length: dict[int, list[str]] | None = None

    def __len__(self) -> int:
        return len(self.slot)

    def add(self, record: PersonRecord) -> None:
        """Add a record, or replace the record with the same id."""
        if record.id in self.slot:
            self.remove(record.id)
        spellings = tuple(
            t for t in (spelling_tokens(n.given_names, n.family_name) for n in record.names) if t
        )
        if not spellings:
            raise RecordError(f"record {record.id!r} has no name with letters in it")
        features = Features(spellings, place_ids(record.birth_place), original_spellings(record))
        slot = len(self.records)
        self.records.append(record)
        self.features.append(features)
        self.slot[record.id] = slot
        for key in keys_of(record, features):
            posting = self.lists.get(key)
            if posting is None:
                posting = self.lists[key] = array("i")
                if self._vocab_by_length is not None and is_name_key(key):
                    self._vocab_by_length[len(key)].append(key)
            posting.append(slot)
            self.counts[key] += 1

    def remove(self, record_id: str) -> bool:
        """Remove a record; True if it was there. Its postings are skipped from now on."""
        slot = self.slot.pop(record_id, None)
        if slot is None:
            return False
        record, features = self.records[slot], self.features[slot]
        for key in keys_of(record, features):
            self.counts[key] -= 1
        self.records[slot] = None
        self.features[slot] = None
        return True

    def share(self, key: str) -> float:
        """The share of records carrying `key` (smoothed): the u of a name level. A small
        index counts as if it had `SHARE_PRIOR_RECORDS` more records that lack the key, so
        that in a registry of ten persons a shared name is not taken for chance."""
        return (self.counts.get(key, 0) + 1) / (len(self.slot) + SHARE_PRIOR_RECORDS)

    def idf(self, key: str) -> float:
        """How rare `key` is, in bits (the weight of finding a candidate through it)."""
        return math.log2((len(self.slot) + 1) / (self.counts.get(key, 0) + 1))

    def neighbours(self, key: str) -> list[str]:
        """Index keys one edit (or one transposition) away: half of them the most frequent
        (a typo is likelier in a common name), half the closest-looking."""
        if len(key) < 2:  # one letter is too little to guess from
            return []
        if self._vocab_by_length is None:
            self._vocab_by_length = defaultdict(list)
            for k in self.lists:
                if is_name_key(k):
                    self._vocab_by_length[len(k)].append(k)
        vocab = [
            k
            for n in (len(key) - 1, len(key), len(key) + 1)
            for k in self._vocab_by_length.get(n, ())
        ]
        found = process.extract(key, vocab, scorer=OSA.distance, score_cutoff=1, limit=None)
        near = [k for k, dist, _ in found if dist == 1]
        by_count = sorted(near, key=lambda k: (-self.counts.get(k, 0), k))
        by_look = sorted(near, key=lambda k: (-JaroWinkler.similarity(key, k), k))
        half = NEIGHBOURS // 2
        return list(dict.fromkeys(by_count[:half] + by_look[:half] + by_count[half:]))[:NEIGHBOURS]


def initial_key(key: str, initial: str) -> str:
    """A name key with the first letter of another name part's key: finds Alfy Rosenthal for
    Alfy Rozentals, where the second parts share no key and Alfy alone is too common."""
    return f"{key}>{initial}"


def keys_of(record: PersonRecord, features: Features) -> set[str]:
    """Posting keys: each name key, each pair of name keys (order-free, a key twice when
    two names sound alike), each name key with the initial of another part's key
    (`initial_key`), key + birth year, key + place of birth, the full birth date."""
    found: set[str] = set()
    year = record.birth_date.year if record.birth_date else None
    day = day_key(record.birth_date)
    if day:
        found.add(day)  # a full date is rare: it finds a record whose name was mistyped
    for spelling in features.spellings:
        per_token = [keys(tok[0]) for tok in spelling if tok[1]]
        counts = Counter(k[0] for k in per_token)
        found.update(f"{a}+{a}" for a, n in counts.items() if n > 1)  # Kidane Kidane
        initials = [tok[1][0] for tok in spelling if tok[1]]
        for i, own in enumerate(per_token):
            found.update(own)
            for a in own:
                for other in per_token[i + 1 :]:
                    found.update(f"{min(a, b)}+{max(a, b)}" for b in other if b != a)
                found.update(initial_key(a, x) for j, x in enumerate(initials) if j != i)
                if year is not None:
                    found.add(f"{a}@{year}")
                found.update(f"{a}@p{gid}" for gid in features.place_ids)
    return found
