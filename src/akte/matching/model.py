"""The Fellegi-Sunter model: every comparison level with its m and u, in one place.

For every field, a comparison puts the pair into one *level*. Each level has two
probabilities: `m`, how often the level occurs when both records are the same person, and
`u`, how often it occurs for two different persons. Its match weight is log2(m / u). The
index (`compare`) uses these levels as they are; the Splink batch (`linkage`) compares on
coarser levels whose m-probabilities are sums of the levels here (`splink_m`), and estimates
its own u from random pairs. `tests/matching/test_model.py` checks that both agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache


def bits(m: float, u: float) -> float:
    return math.log2(m / u)


@dataclass(frozen=True)
class Level:
    """One comparison level: m, and u where it is fixed (None: u is a term frequency)."""

    m: float
    u: float | None = None
    fixed_weight: float | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:  # computed once: comparisons read it for every pair
        weight = bits(self.m, self.u) if self.u is not None else None
        object.__setattr__(self, "fixed_weight", weight)

    @property
    def weight(self) -> float:
        assert self.fixed_weight is not None, "a level with a term-frequency u has no fixed weight"
        return self.fixed_weight


# -- names (per token; u is the share of records carrying the token's skeleton) -----------
NAME_EXACT = Level(0.55)
NAME_SAME_SOUND = Level(0.35)
NAME_SIMILAR = Level(0.07)
NAME_SIMILAR_MIN_U = 0.005  # a near miss of a common name is weak evidence
# within the same-sound and similar levels, how alike the spellings look (Jaro-Winkler)
# moves the weight a little: SPELLING_BITS per unit above or below SPELLING_PIVOT
SPELLING_BITS, SPELLING_PIVOT = 4.0, 0.8
NAME_MERGED = Level(0.02)  # two names written as one (MuratCetin): u = u1 * u2
NAME_SPLIT = Level(0.1)  # one name written as two (Tesfa Gabriel for Tesfagabriel)
NAME_QUERY_PART_MISSING = Level(0.2, 0.97)  # an alias or a part the record lacks: small
# both records carry the same name in the original script, letter for letter: strong
# evidence, whatever their Latin spellings (issue 13: a duplicate missed at 0.023)
NAME_SAME_ORIGINAL_SCRIPT = Level(0.3, 1 / 5000)
NAME_RECORD_PART_UNUSED = -1.0  # bits per part the query does not mention (dropped parts)
NAME_RECORD_PARTS_UNUSED_MAX = 2  # at most this many parts cost

# -- birth date (`PartialDate`, precision respected); "year ±1" weighs 0 -------------------
DATE_SAME_DAY = Level(0.5, 1 / 20000)
DATE_DAY_MONTH_SWAPPED = Level(0.02, 1 / 20000)
DATE_SAME_MONTH = Level(0.1, 1 / 660)  # one side has no day
DATE_SAME_YEAR = Level(0.3, 1 / 55)  # one side year only, or a 01.01. placeholder
DATE_SAME_YEAR_OTHER_DAY = Level(0.05, 1 / 55)
DATE_DIFFERENT = Level(0.03, 0.9)

# -- place of birth (GeoNames ids) ---------------------------------------------------------
PLACE_SAME = Level(0.7, 1 / 300)
PLACE_SIMILAR = Level(0.1, 0.01)
PLACE_DIFFERENT = Level(0.2, 0.99)

# -- codes: equal or different; different has m = 1 - m(same), u = 1 - u(same) -----------
NATIONALITY_SAME = Level(0.95, 0.15)
SEX_SAME = Level(0.97, 0.5)


@cache
def different(same: Level) -> Level:
    """The level "different" of a code field, from its level "same"."""
    assert same.u is not None
    return Level(1 - same.m, 1 - same.u)


# -- the Splink batch ------------------------------------------------------------------------
# Splink compares on coarser levels (no day-and-month swap, no similar spelling of a place);
# each of its m-probabilities is the sum of the index's levels that fall into it.
# Names have no counterpart in the index (Splink compares whole key sets, the index pairs
# tokens with term frequencies), so their m-probabilities are set here, for the batch only.
SPLINK_NAME_KEYS_SHARED = (0.5, 0.35, 0.1, 0.05)  # 3, 2, 1 shared name keys, else
SPLINK_FAMILY_KEY = (0.75, 0.25)  # same family key (term-frequency adjusted), else


def splink_m() -> dict[str, tuple[float, ...]]:
    """Splink's m-probabilities per comparison (levels in Splink's order, null level left out)."""
    return {
        "name_keys": SPLINK_NAME_KEYS_SHARED,
        "family_key": SPLINK_FAMILY_KEY,
        "birth_date": (  # same day, same year and month, same year, else
            DATE_SAME_DAY.m,
            DATE_SAME_MONTH.m,
            DATE_SAME_YEAR.m + DATE_SAME_YEAR_OTHER_DAY.m + DATE_DAY_MONTH_SWAPPED.m,
            DATE_DIFFERENT.m,
        ),
        "place_key": (PLACE_SAME.m, PLACE_SIMILAR.m + PLACE_DIFFERENT.m),
        "nationality": (NATIONALITY_SAME.m, different(NATIONALITY_SAME).m),
        "sex": (SEX_SAME.m, different(SEX_SAME).m),
    }
