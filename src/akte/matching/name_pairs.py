"""The name of a query compared with a record's spelling, part by part: each pair of parts
falls into a level of the model (`model`: exact, same sound, similar, written together),
with its match weight and the reasons as codes with parameters (`codes`).

For names, `u` is the share of records that carry the name's phonetic key (term frequency,
as in Splink): a shared rare name weighs more than a shared Mohammed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from rapidfuzz.distance import OSA, Indel, JaroWinkler

from akte.core.message import Message
from akte.matching import model
from akte.matching.model import bits
from akte.matching.normalize import Token, keys, single_letters

# read for every pair of name parts: looked up once
_M_EXACT, _M_SAME_SOUND, _M_SIMILAR = (
    model.NAME_EXACT.m,
    model.NAME_SAME_SOUND.m,
    model.NAME_SIMILAR.m,
)


@lru_cache(maxsize=65_536)  # within one query, the same pairs meet across candidates
def sound_key(q: Token, r: Token) -> str | None:
    """The phonetic key two tokens share (the record's own skeleton first), if any."""
    if q[1] and q[1] == r[1]:
        return r[1]
    query_keys = keys(q[0])
    return next((k for k in keys(r[0]) if k in query_keys), None)


def _level(
    q: Token, r: Token, query_keys: tuple[str, ...], record_keys: tuple[str, ...]
) -> tuple[str | None, str]:
    """The level of a query part and a record part (with their keys), and for the same
    sound the key they share."""
    if q[0] == r[0]:
        return "exact", r[1]
    if q[1] and q[1] == r[1]:
        return "same_sound", r[1]
    for key in record_keys:  # the record's own skeleton first
        if key in query_keys:
            return "same_sound", key
    similarity = JaroWinkler.similarity(q[0], r[0])
    if similarity >= 0.88:
        return "similar", r[1]
    if (
        similarity >= 0.7
        and min(len(q[1]), len(r[1])) >= 4
        and OSA.distance(q[1], r[1], score_cutoff=1) <= 1
    ):
        return "similar", r[1]
    return None, r[1]


@lru_cache(maxsize=65_536)
def spelling_bonus(query: str, record: str) -> float:
    """Within the same-sound and similar levels, a spelling that looks more alike is a
    little more evidence (not added to an exact match, which already counts most):
    Hemeeda is likelier Himida than Hammaad, though all three give the key hmd.
    `model.SPELLING_BITS` bits per unit of Jaro-Winkler above or below `model.SPELLING_PIVOT`."""
    return model.SPELLING_BITS * (JaroWinkler.similarity(query, record) - model.SPELLING_PIVOT)


def compare_name_tokens(
    query: tuple[Token, ...], record: tuple[Token, ...], share: dict[str, float]
) -> tuple[float, list[Message]]:
    """Weight and reasons for one query name against one spelling of a record (`share`: the
    share of records carrying each of the record's keys)."""
    names = NameComparison(query, lambda key: share.get(key, 1e-6))
    pairing = names.pair(record)
    return pairing[0], names.reasons(record, pairing)


Option = tuple[float, tuple[int, ...], tuple[int, ...], str]  # weight, query, record, level
Pairing = tuple[float, list[Option], bool]  # total weight, the options taken, names swapped


class NameComparison:
    """One query name compared with the spellings of many candidates.

    Query and record parts are paired greedily, strongest evidence first; a part written
    together with its neighbour on one side (MuratCetin, Tesfa Gabriel) pairs with two parts
    on the other side. What a record part is worth against the query's parts is the same in
    every candidate, so it is worked out once per query (`share`: records carrying a key).
    """

    def __init__(self, query: tuple[Token, ...], share: Callable[[str], float]) -> None:
        self.query = query
        self._query_keys = [keys(q[0]) for q in query]
        self._share_of = share
        self._shares: dict[str, float] = {}
        self._rows: dict[Token, tuple[tuple[str | None, ...], list[tuple[float, int, str]]]] = {}
        self._joined: dict[tuple[Token, Token], list[tuple[float, int]]] = {}
        self._split: dict[Token, list[tuple[float, int]]] = {}

    def share(self, key: str) -> float:
        found = self._shares.get(key)
        if found is None:
            found = self._shares[key] = self._share_of(key)
        return found

    def _row(self, r: Token) -> tuple[tuple[str | None, ...], list[tuple[float, int, str]]]:
        """The level of record part `r` against each query part, and the weighted pairings."""
        row = self._rows.get(r)
        if row is not None:
            return row
        record_keys, u = keys(r[0]), self.share(r[1])
        levels, weighted = [], []
        for qi, q in enumerate(self.query):
            level, key = _level(q, r, self._query_keys[qi], record_keys)
            levels.append(level)
            if level == "exact":
                weighted.append((bits(_M_EXACT, u), qi, level))
            elif level is not None:
                if level == "same_sound":
                    weight = bits(_M_SAME_SOUND, self.share(key))
                else:  # a near miss of a common name is weak evidence
                    weight = bits(_M_SIMILAR, max(u, model.NAME_SIMILAR_MIN_U))
                weighted.append((weight + spelling_bonus(q[0], r[0]), qi, level))
        row = self._rows[r] = (tuple(levels), weighted)
        return row

    def _options(self, record: tuple[Token, ...]) -> list[Option]:
        options: list[Option] = []
        rows = [self._row(r) for r in record]
        for ri, (_, weighted) in enumerate(rows):
            options += [(weight, (qi,), (ri,), level) for weight, qi, level in weighted]
        level = "written_together"
        for ri in range(len(record) - 1):  # one query part for two record parts
            found = self._joined.get((record[ri], record[ri + 1]))
            if found is None:
                found = self._joined_weights(
                    record[ri], record[ri + 1], rows[ri][0], rows[ri + 1][0]
                )
            options += [(weight, (qi,), (ri, ri + 1), level) for weight, qi in found]
        for ri, r in enumerate(record):  # two query parts for one record part
            found = self._split.get(r)
            if found is None:
                found = self._split_weights(r, rows[ri][0])
            options += [(weight, (qi, qi + 1), (ri,), level) for weight, qi in found]
        return options

    def _joined_weights(self, a: Token, b: Token, alone_a, alone_b) -> list[tuple[float, int]]:
        """Record parts `a` and `b` written as one query part: log2(m / (u1 * u2)), with m =
        `model.NAME_MERGED.m` and u1, u2 the shares of the two names."""
        found = []
        for qi, q in enumerate(self.query):
            if _joinable(a, b, (alone_a[qi], alone_b[qi])) and _written_together(q[0], a[0], b[0]):
                u = max(self.share(a[1]) * self.share(b[1]), 1e-9)
                found.append((bits(model.NAME_MERGED.m, u), qi))
        self._joined[a, b] = found
        return found

    def _split_weights(self, r: Token, levels) -> list[tuple[float, int]]:
        """Two neighbouring query parts written as the one record part `r`."""
        found = []
        for qi in range(len(self.query) - 1):
            a, b = self.query[qi], self.query[qi + 1]
            if _joinable(a, b, (levels[qi], levels[qi + 1])) and _written_together(
                r[0], a[0], b[0]
            ):
                found.append((bits(model.NAME_SPLIT.m, self.share(r[1])), qi))
        self._split[r] = found
        return found

    def pair(self, record: tuple[Token, ...]) -> Pairing:
        """The total weight of one spelling and the pairings it comes from (no words yet)."""
        options = self._options(record)
        options.sort(reverse=True)
        used_q: set[int] = set()
        used_r: set[int] = set()
        total, taken, swapped = 0.0, [], False
        for option in options:
            weight, qis, ris, _ = option
            if used_q.intersection(qis) or used_r.intersection(ris):
                continue
            used_q.update(qis)
            used_r.update(ris)
            total += weight
            taken.append(option)
            if len(qis) == len(ris) == 1:
                q, r = self.query[qis[0]], record[ris[0]]
                swapped |= bool(q[2] and r[2] and q[2] != r[2])
        total += model.NAME_QUERY_PART_MISSING.weight * (len(self.query) - len(used_q))
        unused = len(record) - len(used_r)
        if unused:
            counted = min(unused, model.NAME_RECORD_PARTS_UNUSED_MAX)
            total += model.NAME_RECORD_PART_UNUSED * counted
        return total, taken, swapped

    def reasons(self, record: tuple[Token, ...], pairing: Pairing) -> list[Message]:
        """The reasons for a pairing of `pair`, as messages."""
        _, taken, swapped = pairing
        reasons = []
        for weight, qis, ris, level in taken:
            q_text = "+".join(self.query[i][0] for i in qis)
            r_text = "+".join(record[i][0] for i in ris)
            params = {"query": q_text, "record": r_text, "weight": weight}
            if len(qis) == len(ris) == 1:
                q, r = self.query[qis[0]], record[ris[0]]
                params["key"] = (level == "same_sound" and sound_key(q, r)) or r[1]
                if level != "similar":
                    params["share"] = self.share(params["key"]) if params["key"] else 0
            reasons.append(Message(f"matching.name.{level}", params))
        used_q = {i for _, qis, _, _ in taken for i in qis}
        used_r = {i for _, _, ris, _ in taken for i in ris}
        missing = model.NAME_QUERY_PART_MISSING.weight
        for qi, q in enumerate(self.query):
            if qi not in used_q:
                reasons.append(
                    Message("matching.name.not_in_spelling", {"part": q[0], "weight": missing})
                )
        unused = [r[0] for ri, r in enumerate(record) if ri not in used_r]
        if unused:
            penalty = model.NAME_RECORD_PART_UNUSED * min(
                len(unused), model.NAME_RECORD_PARTS_UNUSED_MAX
            )
            reasons.append(
                Message(
                    "matching.name.not_in_query", {"parts": " ".join(unused), "weight": penalty}
                )
            )
        if swapped:
            reasons.append(Message("matching.name.swapped"))
        return reasons


def _written_together(one: str, first: str, second: str) -> bool:
    """`one` is `first` and `second` written as one word: the same letters up to a slip (no
    prefix bonus: Mohammed is not MohammedAli), or the same sound in other vowels
    (Mohammadali for Məhəmməd Əli, Aliakbar for Əli Əkbər)."""
    if one[0] != first[0] and keys(one)[0][:1] != keys(first)[0][:1]:
        return False  # neither the letters nor the sounds begin alike
    if Indel.normalized_similarity(one, first + second) >= 0.86:
        return True
    shared = set(keys(one)).intersection(_joined_keys(first, second))
    return any(len(key) >= MERGED_MIN_KEY for key in shared)


@lru_cache(maxsize=65_536)
def _joined_keys(first: str, second: str) -> frozenset[str]:
    """The keys of two names written as one, from the keys of each (a vowel at the start of
    the second is dropped in both; the letters where they meet may double)."""
    return frozenset(single_letters(a + b) for a in keys(first) for b in keys(second))


MERGED_MIN_KEY = 4  # consonants a shared key of a merged name needs (Ali+Akbar: lkbr)


def _joinable(a: Token, b: Token, alone: tuple[str | None, str | None]) -> bool:
    """Both parts are names, and neither already matches the one part by itself."""
    if len(a[0]) < 3 or len(b[0]) < 3:
        return False
    return {"exact", "same_sound"}.isdisjoint(alone)
