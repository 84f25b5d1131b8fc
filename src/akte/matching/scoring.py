"""Step two of a search: a candidate compared field by field, its weight and probability.

The probability starts from prior odds of 1 in N (N = records in the index, at least
`MIN_PRIOR_RECORDS`) that the query is any one given record, and adds the weight.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler

from akte.core.message import Message
from akte.matching import model
from akte.matching.compare import FieldResult, compare_codes, compare_dates, compare_places
from akte.matching.name_pairs import NameComparison, Pairing
from akte.matching.normalize import Token, single_letters
from akte.matching.postings import Features, Postings
from akte.matching.query import Query
from akte.matching.record import PersonRecord

# the floor below which a candidate is not shown (data minimisation: no one who does not
# match); chosen on the development part of the real-name evaluation and on 6,000 random
# letter strings of other seeds than the one it reports (docs/matching.md): it costs about
# 1.2 points of recall@10 there (0.5 for Arabic-script queries) and leaves 99.2 % of the
# random strings without a result (72 % of random Arabic-letter strings). A Latin-script
# query shows a candidate of at least the weight with name parts this alike (Jaro-Winkler
# of the most alike matched parts):
FLOOR_TIERS = (
    (1.0, 0.95),  # a part written (almost) the same
    (3.5, 0.87),
    (9.0, 0.80),  # a heavier candidate may have names a little less alike
)
# a query in Arabic or another script writes no short vowels: its parts are compared with the
# record's consonants (`consonant_similarity`), with these tiers; chosen the same way on
# random Arabic-letter strings (docs/matching.md)
FLOOR_TIERS_OTHER_SCRIPT = (
    (0.0, 0.92),  # the consonants written (almost) the same
    (3.0, 0.70),
    (7.0, 0.0),  # from this weight whatever the consonants
)
# shown whatever the names (an alias, another person's name on the same entry) when the
# total is this strong and the birth date, place, nationality and sex carry this much of it
FLOOR_STRONG_WEIGHT, FLOOR_STRONG_OTHER_FIELDS = 10.0, 6.0
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

    @property
    def strength_message(self) -> Message:
        """The weight on a scale a clerk can read: against, weak, moderate, strong."""
        return Message(f"matching.strength.{strength(self.weight)}", {"weight": self.weight})

    def above_floor(self, latin_query: bool = True) -> bool:
        """Worth showing: a likely match; or strong evidence that the fields other than the
        name carry (`FLOOR_STRONG_WEIGHT`); or enough weight and name parts that look alike
        (`FLOOR_TIERS`; for a query in another script their consonants,
        `FLOOR_TIERS_OTHER_SCRIPT`), not only keys that happen to agree."""
        if self.likely_match:
            return True
        other_fields = sum(f.weight for f in self.fields if f.field != "name")
        if self.weight >= FLOOR_STRONG_WEIGHT and other_fields >= FLOOR_STRONG_OTHER_FIELDS:
            return True
        tiers, alike = (
            (FLOOR_TIERS, name_similarity(self))
            if latin_query
            else (FLOOR_TIERS_OTHER_SCRIPT, consonant_similarity(self))
        )
        return any(self.weight >= w and alike >= least for w, least in tiers)

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


def lowest_shown_weight(latin_query: bool, records: int) -> float:
    """Below this weight no candidate passes `Candidate.above_floor` (in an index of
    `records` records): a search may stop scoring there."""
    odds = LIKELY_MATCH_PROBABILITY / (1 - LIKELY_MATCH_PROBABILITY)
    likely = math.log2(odds) + math.log2(max(records, MIN_PRIOR_RECORDS))
    lowest = min(w for w, _ in (FLOOR_TIERS if latin_query else FLOOR_TIERS_OTHER_SCRIPT))
    return min(likely, FLOOR_STRONG_WEIGHT, lowest) - 1e-9


STRENGTHS = ((20.0, "strong"), (10.0, "moderate"), (0.0, "weak"))


def strength(weight: float) -> str:
    """The band of a weight: strong (20 bits or more), moderate (10-20), weak (0-10), against."""
    return next((name for low, name in STRENGTHS if weight >= low), "against")


_PAIRED = ("exact", "same_sound", "similar", "written_together")


def name_similarity(candidate: Candidate, written=lambda part: part) -> float:
    """Jaro-Winkler similarity of the most alike pair of matched name parts (0 if none), of
    the parts as `written` gives them."""
    return max(
        (
            JaroWinkler.similarity(written(r.params["query"]), written(r.params["record"]))
            for r in candidate.fields[0].reasons
            if r.code.rsplit(".", 1)[-1] in _PAIRED
        ),
        default=0.0,
    )


_VOWELS = re.compile("[aeiouy]")


def consonants(part: str) -> str:
    """A name part as Arabic script writes it: without vowels, a doubled letter once."""
    return single_letters(_VOWELS.sub("", part))


def consonant_similarity(candidate: Candidate) -> float:
    """`name_similarity` of the `consonants` only: an Arabic-script query's part, read in
    Latin letters, against the record's (mhmd ~ Mohammed 1, wkhth ~ Vahit 0.69)."""
    return name_similarity(candidate, consonants)


class Scorer:
    """The candidates of one query compared field by field: `weight` ranks them, `candidate`
    gives the result with its reasons. What does not depend on the candidate (a record
    part's worth against the query's parts, a birth date, place or code compared with the
    query's) is worked out once per query."""

    def __init__(
        self, postings: Postings, query: Query, tokens: tuple[Token, ...], places: frozenset[int]
    ) -> None:
        self.query, self.places = query, places
        self.names = NameComparison(tokens, lambda key: postings.share(key) if key else 1e-6)
        self.prior_bits = -math.log2(max(len(postings), MIN_PRIOR_RECORDS))
        self._fields: dict[tuple, FieldResult] = {}

    def _name(self, features: Features) -> tuple[float, Pairing, int, tuple[str, ...]]:
        """The best-matching spelling: its weight, pairing and number, and the original-script
        names the query shares with the record."""
        best = None
        for number, spelling in enumerate(features.spellings):
            pairing = self.names.pair(spelling)
            if best is None or pairing[0] > best[0][0]:
                best = (pairing, number)
        pairing, number = best
        weight = pairing[0]
        originals = self.query.original_spellings
        same = tuple(sorted(set(originals).intersection(features.originals))) if originals else ()
        if same:
            weight += model.NAME_SAME_ORIGINAL_SCRIPT.weight
        return weight, pairing, number, same

    def _other_fields(self, record: PersonRecord, features: Features) -> list[FieldResult]:
        query, fields = self.query, self._fields
        cached = []
        for key, compare in (
            (("d", record.birth_date), lambda: compare_dates(query.birth_date, record.birth_date)),
            (("p", record.birth_place), lambda: compare_places(
                query.birth_place, self.places, record.birth_place, features.place_ids)),
            (("n", record.nationality), lambda: compare_codes(
                "nationality", query.nationality, record.nationality, model.NATIONALITY_SAME)),
            (("s", record.sex), lambda: compare_codes("sex", query.sex, record.sex, model.SEX_SAME)),
        ):  # fmt: skip
            found = fields.get(key)
            if found is None:
                found = fields[key] = compare()
            cached.append(found)
        return cached

    def weight(self, record: PersonRecord, features: Features) -> float:
        """The total match weight of a candidate (what `candidate` gives, without reasons)."""
        weights = [self._name(features)[0]] + [
            f.weight for f in self._other_fields(record, features)
        ]
        return sum(weights)

    def candidate(self, record: PersonRecord, features: Features) -> Candidate:
        """Compare `record` with the query on every field; the name on its best spelling."""
        name_weight, pairing, number, same = self._name(features)
        reasons = self.names.reasons(features.spellings[number], pairing)
        if same:
            extra = model.NAME_SAME_ORIGINAL_SCRIPT.weight
            reasons.append(
                Message("matching.name.same_original_script", {"name": same[0], "weight": extra})
            )
        name = FieldResult("name", "name_parts", name_weight, tuple(reasons))
        fields = [name, *self._other_fields(record, features)]
        weight = sum(f.weight for f in fields)
        probability = 1 / (1 + 2 ** -min(weight + self.prior_bits, 60.0))
        shown = record.names[min(number, len(record.names) - 1)].full
        return Candidate(record, weight, probability, tuple(fields), shown)
