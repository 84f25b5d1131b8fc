"""The two baselines of the real-name evaluation, on the same records and queries as Akte.

`BruteForce`: rapidfuzz `token_sort_ratio` with `default_process` over the anyascii
transliteration of every spelling of every record (the best spelling counts); where the
query has other fields, points for each that agrees are added to the name's 0-100
(`FIELD_POINTS`, set by hand before any run, never tuned): the same full birth date 30,
the same birth year 15, the same place of birth (anyascii, case-folded) 15, the same
nationality 10, the same sex 5.
`splink_ranking`: Splink (DuckDB) linking the queries to the records with the same fields
(name by Jaro-Winkler on the anyascii name, birth date, place, nationality, sex), u
estimated from random pairs, blocking on the first three letters of any two name tokens.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from anyascii import anyascii
from rapidfuzz import fuzz, process, utils

from akte.matching.query import Query
from akte.matching.record import PersonRecord


def ascii_name(text: str) -> str:
    return utils.default_process(anyascii(text))


def _query_name(query: Query) -> str:
    return query.name or f"{query.given_names} {query.family_name}"


FIELD_POINTS = {"day": 30, "year": 15, "place": 15, "nationality": 10, "sex": 5}


def _day(date) -> str:
    return date.isoformat() if date and date.day and not date.is_placeholder() else ""


class BruteForce:
    def __init__(self, records: list[PersonRecord]) -> None:
        self.choices, owner = [], []
        for slot, record in enumerate(records):
            for name in record.names:
                self.choices.append(ascii_name(name.full))
                owner.append(slot)
        self.ids = [r.id for r in records]
        self.owner = np.array(owner)
        self.fields = {
            "day": np.array([_day(r.birth_date) for r in records]),
            "year": np.array([r.birth_date.year if r.birth_date else -1 for r in records]),
            "place": np.array([ascii_name(r.birth_place) for r in records]),
            "nationality": np.array([r.nationality for r in records]),
            "sex": np.array([r.sex for r in records]),
        }

    def search(self, query: Query, limit: int = 10) -> list[str]:
        wanted = {
            "day": _day(query.birth_date),
            "year": query.birth_date.year if query.birth_date else None,
            "place": ascii_name(query.birth_place),
            "nationality": query.nationality,
            "sex": query.sex if query.sex in ("M", "F") else "",
        }
        if not any(wanted.values()):
            found = process.extract(
                ascii_name(_query_name(query)), self.choices, scorer=fuzz.token_sort_ratio,
                processor=None, limit=limit * 4,
            )  # fmt: skip
            slots = dict.fromkeys(int(self.owner[i]) for _, _, i in found)
            return [self.ids[s] for s in slots][:limit]
        names = process.cdist(
            [ascii_name(_query_name(query))], self.choices, scorer=fuzz.token_sort_ratio,
            processor=None, dtype=np.float32,
        )[0]  # fmt: skip
        score = np.zeros(len(self.ids), dtype=np.float32)
        np.maximum.at(score, self.owner, names)  # the best spelling of each record
        for field, value in wanted.items():
            if value:
                score += FIELD_POINTS[field] * (self.fields[field] == value)
        best = (
            np.argpartition(-score, limit)[:limit] if limit < len(score) else np.arange(len(score))
        )
        return [self.ids[s] for s in best[np.lexsort((best, -score[best]))]]


def _row(uid: str, name: str, date, place: str, nationality: str, sex: str) -> dict:
    tokens = sorted(ascii_name(name).split()) or [""]
    return {
        "unique_id": uid,
        "name": " ".join(tokens),
        "t1": tokens[0][:3],
        "t2": tokens[-1][:3],
        "birth_date": date.isoformat() if date and date.day and not date.is_placeholder() else None,
        "birth_year": date.year if date else None,
        "place": ascii_name(place) or None,
        "nationality": nationality or None,
        "sex": sex or None,
    }


def splink_ranking(
    records: list[PersonRecord], queries: list[Query], limit: int = 10
) -> list[list[str]]:
    """Per query (in order) the ids of the best `limit` records by Splink match weight."""
    import pyarrow as pa
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    left = [
        _row(r.id, n.full, r.birth_date, r.birth_place, r.nationality, r.sex)
        for r in records
        for n in r.names[:1]
    ]
    right = [
        _row(f"q{i}", _query_name(q), q.birth_date, q.birth_place, q.nationality, q.sex)
        for i, q in enumerate(queries)
    ]
    date = cl.CustomComparison(
        output_column_name="birth_date",
        comparison_levels=[
            cll.NullLevel("birth_year"),
            cll.ExactMatchLevel("birth_date"),
            cll.ExactMatchLevel("birth_year"),
            cll.ElseLevel(),
        ],
    ).configure(m_probabilities=[0.5, 0.4, 0.1])
    settings = SettingsCreator(
        link_type="link_only",
        probability_two_random_records_match=1 / max(len(records), 1),
        comparisons=[
            cl.JaroWinklerAtThresholds("name", [0.92, 0.85, 0.75]).configure(
                m_probabilities=[0.3, 0.3, 0.2, 0.1, 0.1]
            ),
            date,
            cl.ExactMatch("place").configure(m_probabilities=[0.5, 0.5]),
            cl.ExactMatch("nationality").configure(m_probabilities=[0.8, 0.2]),
            cl.ExactMatch("sex").configure(m_probabilities=[0.85, 0.15]),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("t1"),
            block_on("t2"),
            "l.t1 = r.t2",
            "l.t2 = r.t1",
        ],  # fmt: skip
        retain_intermediate_calculation_columns=False,
    )
    api = DuckDBAPI()
    tables = [
        api.register(pa.Table.from_pylist(left), table_name="records"),
        api.register(pa.Table.from_pylist(right), table_name="queries"),
    ]
    linker = Linker(tables, settings, log_level=None)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    ranked: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for pair in linker.inference.predict().as_record_list():
        l_id, r_id, weight = pair["unique_id_l"], pair["unique_id_r"], pair["match_weight"]
        q, rec = (l_id, r_id) if str(l_id).startswith("q") else (r_id, l_id)
        ranked[str(q)].append((-float(weight), str(rec)))
    return [
        [rid for _, rid in sorted(ranked.get(f"q{i}", []))[:limit]] for i in range(len(queries))
    ]
