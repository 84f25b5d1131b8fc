"""Field comparisons and Fellegi-Sunter match weights, with a plain-language explanation.

For every field, a comparison puts the pair into one *level* (for the name: exact, same
sound, similar, not found). Each level has two probabilities: `m`, how often the level
occurs when both records are the same person, and `u`, how often it occurs for two
different persons. The level's match weight is log2(m / u): positive when the level is
more typical of the same person, negative otherwise. The score of a candidate is the sum
of its field weights. For names, `u` is the share of records that carry the name's
phonetic key (term frequency, as in Splink): a shared rare name weighs more than a shared
Mohammed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rapidfuzz.distance import OSA, Indel, JaroWinkler

from akte.core.partial_date import PartialDate, Precision
from akte.matching.normalize import latin

Token = tuple[str, str, str]  # canonical, skeleton, role ("g" given, "f" family, "" unknown)


@dataclass(frozen=True)
class FieldResult:
    """One field of a comparison: its level, weight (bits) and a sentence saying why."""

    field: str
    level: str
    weight: float
    detail: str

    def to_dict(self) -> dict:
        return {
            "field": self.field,
            "level": self.level,
            "weight": round(self.weight, 2),
            "detail": self.detail,
        }


def bits(m: float, u: float) -> float:
    return math.log2(m / u)


# Name token levels: m (same person) and, where fixed, u (different persons).
M_EXACT, M_SOUND = 0.55, 0.35
M_FUZZY, U_FUZZY = 0.07, 0.005
M_MERGED = 0.02  # two names written as one (MuratCetin)
M_SPLIT = 0.1  # one name written as two (Tesfa Gabriel for Tesfagabriel)
QUERY_PART_MISSING = bits(0.05, 0.97)
RECORD_PART_UNUSED = -1.0  # a part the query does not mention (dropped parts are common)


def _level(q: Token, r: Token) -> str | None:
    if q[0] == r[0]:
        return "exact"
    if q[1] and q[1] == r[1]:
        return "same sound"
    similarity = JaroWinkler.similarity(q[0], r[0])
    if similarity >= 0.88:
        return "similar"
    if (
        similarity >= 0.7
        and min(len(q[1]), len(r[1])) >= 4
        and OSA.distance(q[1], r[1], score_cutoff=1) <= 1
    ):
        return "similar"
    return None


def compare_name_tokens(
    query: tuple[Token, ...], record: tuple[Token, ...], share: dict[str, float]
) -> tuple[float, list[str]]:
    """Weight and explanation lines for one query name against one spelling of a record.

    Query and record parts are paired greedily, strongest evidence first; a part written
    together with its neighbour on one side (MuratCetin, Tesfa Gabriel) pairs with two parts
    on the other side.
    """
    options = []  # (weight, query parts, record parts, level)
    levels = {(qi, ri): _level(q, r) for qi, q in enumerate(query) for ri, r in enumerate(record)}
    for (qi, ri), level in levels.items():
        if level is None:
            continue
        u = share.get(record[ri][1], 1e-6)
        if level == "exact":
            weight = bits(M_EXACT, u)
        elif level == "same sound":
            weight = bits(M_SOUND, u)
        else:  # a near miss of a common name is weak evidence
            weight = bits(M_FUZZY, max(u, U_FUZZY))
        options.append((weight, (qi,), (ri,), level))
    options += _merges(query, record, share, levels)
    options.sort(reverse=True)
    used_q: set[int] = set()
    used_r: set[int] = set()
    total, lines, swapped = 0.0, [], False
    for weight, qis, ris, level in options:
        if used_q.intersection(qis) or used_r.intersection(ris):
            continue
        used_q.update(qis)
        used_r.update(ris)
        total += weight
        q_text = "+".join(query[i][0] for i in qis)
        r_text = "+".join(record[i][0] for i in ris)
        if len(qis) == len(ris) == 1:
            q, r = query[qis[0]], record[ris[0]]
            swapped |= bool(q[2] and r[2] and q[2] != r[2])
            rarity = f"; {share.get(r[1], 0):.2%} of records" if level != "similar" else ""
            lines.append(f"{q_text} ~ {r_text}: {level} ({r[1]}{rarity}) {weight:+.1f}")
        else:
            lines.append(f"{q_text} ~ {r_text}: {level} {weight:+.1f}")
    for qi, q in enumerate(query):
        if qi not in used_q:
            total += QUERY_PART_MISSING
            lines.append(f"{q[0]}: not in this spelling {QUERY_PART_MISSING:+.1f}")
    unused = [r[0] for ri, r in enumerate(record) if ri not in used_r]
    if unused:
        penalty = max(RECORD_PART_UNUSED * len(unused), 2 * RECORD_PART_UNUSED)
        total += penalty
        lines.append(f"{' '.join(unused)}: not in the query {penalty:+.1f}")
    if swapped:
        lines.append("given and family name swapped (no penalty)")
    return total, lines


def _written_together(one: str, joined: str) -> bool:
    """The same letters up to a slip (no prefix bonus: Mohammed is not MohammedAli)."""
    return Indel.normalized_similarity(one, joined) >= 0.86


def _merges(query, record, share, levels):
    """Pairings of one part with two neighbouring parts written together on the other side.

    The weight is that of both names, less the rarity of writing them together:
    log2(m / (u1 * u2)) with m = M_MERGED, u1 and u2 the shares of the two names. Only names
    of three letters or more count, and never when the one part already matches one of the
    two on its own (Mohammed is not Mohammed+A. written together). `levels` holds the
    level of every (query part, record part) pair.
    """
    level = "parts written together"
    for qi, q in enumerate(query):
        for ri in range(len(record) - 1):
            a, b = record[ri], record[ri + 1]
            alone = (levels[qi, ri], levels[qi, ri + 1])
            if _joinable(a, b, alone) and _written_together(q[0], a[0] + b[0]):
                u = max(share.get(a[1], 1e-6) * share.get(b[1], 1e-6), 1e-9)
                yield bits(M_MERGED, u), (qi,), (ri, ri + 1), level
    for ri, r in enumerate(record):
        for qi in range(len(query) - 1):
            a, b = query[qi], query[qi + 1]
            alone = (levels[qi, ri], levels[qi + 1, ri])
            if _joinable(a, b, alone) and _written_together(a[0] + b[0], r[0]):
                yield bits(M_SPLIT, share.get(r[1], 1e-6)), (qi, qi + 1), (ri,), level


def _joinable(a: Token, b: Token, alone: tuple[str | None, str | None]) -> bool:
    """Both parts are names, and neither already matches the one part by itself."""
    if len(a[0]) < 3 or len(b[0]) < 3:
        return False
    return {"exact", "same sound"}.isdisjoint(alone)


def compare_dates(query: PartialDate | None, record: PartialDate | None) -> FieldResult:
    if query is None or record is None:
        return FieldResult("birth_date", "not given", 0.0, "no date on one side: no evidence")

    def coarse(d: PartialDate) -> bool:
        return d.precision is Precision.YEAR or d.is_placeholder()

    shown = f"{query.german()} vs {record.german()}"
    if query.year != record.year:
        if abs(query.year - record.year) == 1:
            return FieldResult("birth_date", "year ±1", 0.0, f"{shown}: one year apart")
        return FieldResult("birth_date", "different", bits(0.03, 0.9), f"{shown}: different years")
    if coarse(query) or coarse(record):
        why = (
            "placeholder 01.01. counts as year only"
            if (query.is_placeholder() or record.is_placeholder())
            else "only the year is known"
        )
        return FieldResult("birth_date", "same year", bits(0.3, 1 / 55), f"{shown}: {why}")
    if query.precision is Precision.DAY and record.precision is Precision.DAY:
        if query == record:
            return FieldResult("birth_date", "same day", bits(0.5, 1 / 20000), f"{shown}: same day")
        if (query.day, query.month) == (record.month, record.day):
            return FieldResult("birth_date", "day and month swapped", bits(0.02, 1 / 20000), shown)
    if query.could_be(record):
        return FieldResult(
            "birth_date", "same month", bits(0.1, 1 / 660), f"{shown}: same month, day unknown"
        )
    return FieldResult(
        "birth_date", "same year, other day", bits(0.05, 1 / 55), f"{shown}: same year only"
    )


def compare_places(
    query: str, query_ids: frozenset[int], record: str, record_ids: frozenset[int]
) -> FieldResult:
    if not query.strip() or not record.strip():
        return FieldResult("birth_place", "not given", 0.0, "no place on one side: no evidence")
    shown = f"{query} vs {record}"
    if query_ids & record_ids:
        return FieldResult(
            "birth_place", "same place", bits(0.7, 1 / 300), f"{shown}: same GeoNames city"
        )
    if JaroWinkler.similarity(latin(query), latin(record)) >= 0.9:
        return FieldResult("birth_place", "similar", bits(0.1, 0.01), f"{shown}: similar spelling")
    return FieldResult("birth_place", "different", bits(0.2, 0.99), f"{shown}: different")


def compare_codes(field: str, query: str, record: str, m: float, u: float) -> FieldResult:
    """Nationality or sex: equal, different, or not given (X counts as not given for sex)."""
    if not query or not record or "X" in (query, record):
        return FieldResult(field, "not given", 0.0, "not given on one side: no evidence")
    if query == record:
        return FieldResult(field, "same", bits(m, u), f"both {record}")
    return FieldResult(field, "different", bits(1 - m, 1 - u), f"{query} vs {record}")
