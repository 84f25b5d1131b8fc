"""Step one of a search: the records worth scoring in full, found through the posting lists.

A query looks up its own keys, up to `postings.NEIGHBOURS` keys one edit away, the halves of
a token that looks like two names written together, the key of two neighbouring tokens
written as one, and its full birth date (also with day and month swapped). Rarer keys count
more. A pair of parts, or a part with the birth year or place, adds only the best of its
keys a record carries (a record with many spellings one edit away counts it once); each part
alone adds every key. The best `CANDIDATES` records (`CANDIDATES_WITH_FIELDS` for a query
with a birth date or place) go on to scoring.
"""

from __future__ import annotations

import re

import numpy as np

from akte.core.partial_date import PartialDate
from akte.matching.normalize import Token, keys, name_tokens, skeleton
from akte.matching.places import place_ids
from akte.matching.postings import Postings, day_key, initial_key
from akte.matching.query import Query

# records scored in full per query: a name alone, or with a birth date or place. Names only,
# the records past the best 100 by candidate order are namesakes of one common part that
# only crowd out the person (docs/matching.md); with a date or place, more candidates let
# those fields decide between namesakes in a large registry
CANDIDATES, CANDIDATES_WITH_FIELDS = 100, 200
INITIAL = 0.3  # weight of a part with the initial of another part (`postings.initial_key`)
HALF, HALF_OF_KNOWN = 0.8, 0.5  # weight of the halves of a name that may be two written as one
MAX_POSTING = 50_000  # entries read from one posting list per query (bounds query time)
MAX_PART_POSTING = 5_000  # entries read per key when a part looks for candidates on its own


def alternatives(postings: Postings, tokens: tuple[Token, ...]) -> list[list[tuple[str, float]]]:
    """Per query token: its own key, keys one edit away, or the halves of a merged token;
    per two neighbouring tokens: the key of both written as one, if the index has it."""
    groups = []
    for canonical, key, _ in tokens:
        alts = [(k, 1.0) for k in keys(canonical) if k in postings.lists]
        alts += [(near, 0.7) for near in postings.neighbours(key) if near not in keys(canonical)]
        exact = bool(alts) and alts[0][1] == 1.0
        # a long name may be two written as one (Alamolhoda for Alam al-Hoda) even when
        # others carry it as one: then its halves count for less
        if len(canonical) >= (8 if alts else 6) or len(key) >= 6:  # 6 consonants: Arabic script
            halves = split_keys(postings, canonical)
            if halves:
                weight = HALF_OF_KNOWN if exact else HALF
                groups += [[(halves[0], weight)], [(halves[1], weight)]]
        if alts:
            groups.append(alts)
    for (first, _, _), (second, _, _) in zip(tokens, tokens[1:], strict=False):
        joined = skeleton(first + second)  # Tesfa Gabriel for Tesfagabriel
        if joined in postings.lists:
            groups.append([(joined, 0.8)])
    return groups


_INNER_ARTICLE = re.compile(r"^[aeiou]l(?=[^aeiouy][a-z]{2})")


def split_keys(postings: Postings, canonical: str) -> tuple[str, str] | None:
    """Two index keys that a token written as one word (WintaYemane) may stand for.

    Cuts are preferred when the two keys occur together in a record, then when both are
    index keys as they stand (not one edit away), then when the shorter key is longer, then
    when both are. An article that begins the second half goes (Alamolhoda: Alam, Hoda).
    """
    best, best_rank = None, (False, 0, 0, 0)
    for cut in range(2, min(len(canonical), 40) - 1):
        keys, exact = [], 0
        for half in (canonical[:cut], _INNER_ARTICLE.sub("", canonical[cut:])):
            tokens = name_tokens(half)
            key = skeleton(tokens[0]) if tokens else ""
            if key in postings.lists:
                exact += 1
            elif key:
                near = postings.neighbours(key) if len(key) >= 3 else []
                key = near[0] if near else ""
            keys.append(key)
        if not keys[0] or not keys[1]:
            continue
        pair = f"{min(keys)}+{max(keys)}"
        rank = (pair in postings.lists, exact, min(map(len, keys)), len(keys[0]) + len(keys[1]))
        if rank > best_rank:
            best, best_rank = (keys[0], keys[1]), rank
    return best


def candidates(postings: Postings, query: Query, tokens: tuple[Token, ...]) -> list[int]:
    """Slots of the best candidate records for `query` (removed records may be among them)."""
    # one score per slot, summed in C: a common key's posting list has thousands of entries
    size = len(postings.records)
    scores = np.zeros(size, dtype=np.float64)
    reached = np.zeros(size, dtype=bool)  # a key every record carries weighs 0, yet finds
    lists, idf = postings.lists, postings.idf

    best = np.zeros(size, dtype=np.float64)  # per group of options: the best one

    def slots_of(key: str, most: int) -> np.ndarray | None:
        posting = lists.get(key)
        if not posting:
            return None
        # a copy of the slice (the index may grow while the query runs); slots are unique in
        # a list and ascending, so records added since the query began are at its end
        slots = np.frombuffer(posting[:most], dtype=np.intc)
        return slots[slots < size] if slots[-1] >= size else slots

    def take(key: str, weight: float, most: int = MAX_POSTING) -> None:
        """Add `weight` times the rarity of `key` (`Postings.idf`) to the records carrying it."""
        slots = slots_of(key, most)
        if slots is not None:
            scores[slots] += weight * idf(key)
            reached[slots] = True

    def take_best(options: list[tuple[str, float]]) -> None:
        """`take` for the one of `options` (key, weight) that weighs most in each record: a
        record that carries several readings or neighbours of a part counts it once."""
        taken, weights = [], []
        for key, weight in options:
            slots = slots_of(key, MAX_POSTING)
            if slots is not None:
                taken.append(slots)
                weights.append(np.full(len(slots), weight * idf(key)))
        if not taken:
            return
        slots = np.concatenate(taken)
        np.maximum.at(best, slots, np.concatenate(weights))
        scores[slots] += best[slots]  # a slot listed twice is added once
        best[slots] = 0.0
        reached[slots] = True

    groups = alternatives(postings, tokens)
    date = query.birth_date
    if day_key(date):
        take(day_key(date), 0.5)
        if date.day <= 12 and date.day != date.month:  # day and month may be swapped
            swapped = day_key(PartialDate(date.year, date.day, date.month))
            take(swapped, 0.3)
    year = date.year if date else None
    places = sorted(place_ids(query.birth_place))[:3] if query.birth_place else []
    for i, group in enumerate(groups):
        for other in groups[i + 1 :]:
            take_best([(f"{min(a, b)}+{max(a, b)}", wa * wb) for a, wa in group for b, wb in other])
        if year is not None:
            take_best([(f"{a}@{year}", wa) for a, wa in group])
        if places:
            take_best([(f"{a}@p{gid}", 0.5 * wa) for a, wa in group for gid in places])
    # a name alone: also a part with the initial of another (the other written beyond a
    # key's reach); with a birth year or place, the part with these finds such a record
    initials = {key[0] for _, key, _ in tokens if key} if year is None and not places else ()
    for group in groups:  # each part on its own too: a part may be missing from the record
        for a, wa in group:  # each key counts: a record with more of the readings is closer
            take(a, 0.5 * wa, MAX_PART_POSTING)  # a common part adds little
            for x in initials:
                take(initial_key(a, x), INITIAL * wa, MAX_PART_POSTING)
    found = np.flatnonzero(reached)
    most = CANDIDATES_WITH_FIELDS if (date or query.birth_place) else CANDIDATES
    if len(found) > most:
        found = found[np.argpartition(-scores[found], most - 1)[:most]]
    return found[np.lexsort((found, -scores[found]))].tolist()  # best first, then by slot
