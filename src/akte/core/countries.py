"""Countries: ISO 3166-1 alpha-3 codes with localised names (from ICU's CLDR data), and the
federal statistical office's three-digit nationality keys used in office file numbers.
"""

from __future__ import annotations

from functools import cache

import icu

# Destatis Staatsangehörigkeitsschlüssel for the countries of the demo office (DOMAIN.md; verify
# further keys against the published list before adding them).
NATIONALITY_KEYS: dict[str, str] = {
    "SYR": "475",
    "AFG": "423",
    "IRQ": "438",
    "IRN": "439",
    "ERI": "224",
    "TUR": "163",
}
KEY_TO_ALPHA3 = {key: alpha3 for alpha3, key in NATIONALITY_KEYS.items()}


@cache
def alpha3_to_alpha2() -> dict[str, str]:
    """ISO 3166-1 alpha-3 code -> alpha-2 code, for every country ICU knows (`SYR` -> `SY`)."""
    mapping = {}
    for alpha2 in icu.Locale.getISOCountries():
        alpha3 = icu.Locale("", alpha2).getISO3Country()
        if len(alpha3) == 3:
            mapping[alpha3] = alpha2
    return mapping


def is_country(code: str) -> bool:
    """True for an ISO 3166-1 alpha-3 code such as `SYR` (upper case)."""
    return code in alpha3_to_alpha2()


def country_name(code: str, language: str = "de") -> str:
    """The country's name in `language` (`de` or `en`); the code itself if unknown."""
    alpha2 = alpha3_to_alpha2().get(code)
    if not alpha2:
        return code
    return icu.Locale("", alpha2).getDisplayCountry(icu.Locale(language))


@cache
def country_choices(language: str = "de") -> list[tuple[str, str]]:
    """(code, name) for every country, sorted by the localised name."""
    collator = icu.Collator.createInstance(icu.Locale(language))
    pairs = [(code, country_name(code, language)) for code in alpha3_to_alpha2()]
    return sorted(pairs, key=lambda pair: collator.getSortKey(pair[1]))
