"""Configuration of akte.dublin, read once, one default each (docs/configuration.md).

| variable                      | default   | what                                                        |
|-------------------------------|-----------|-------------------------------------------------------------|
| `AKTE_DUBLIN_LAND`            | `BY`      | the office's Land (ISO 3166-2 suffix): its public holidays   |
|                               |           | count for AMMR periods Germany must act within (1182/71)     |
| `AKTE_DUBLIN_TAKE_BACK_CAP`   | `capped`  | the office's reading of Art. 23(2) Dublin III: `capped` (a   |
|                               |           | Eurodac-based take-back request is out of time 3 months after|
|                               |           | lodging, as Mengesteab holds for take charge) or `uncapped`  |
| `AKTE_DUBLIN_ALERT_DAYS`      | `5`       | days before a deadline the Dublin unit is alerted            |
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache

from akte.rules.calendar import regions

LANDS = tuple(r.split("-")[1] for r in regions() if "-" in r)


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class DublinConfig:
    land: str = "BY"
    take_back_capped: bool = True
    alert_days: int = 5

    @property
    def region(self) -> str:
        """The holiday calendar of the office: Germany's and its Land's holidays."""
        return f"DE-{self.land}"


def read_config(environ: dict[str, str] | os._Environ = os.environ) -> DublinConfig:
    land = environ.get("AKTE_DUBLIN_LAND", "BY").strip().upper() or "BY"
    if land not in LANDS:
        raise ConfigError(f"AKTE_DUBLIN_LAND={land!r}: use one of {', '.join(LANDS)}")
    cap = environ.get("AKTE_DUBLIN_TAKE_BACK_CAP", "capped").strip().lower() or "capped"
    if cap not in ("capped", "uncapped"):
        raise ConfigError(f"AKTE_DUBLIN_TAKE_BACK_CAP={cap!r}: use capped or uncapped")
    days = environ.get("AKTE_DUBLIN_ALERT_DAYS", "5").strip() or "5"
    if not days.isdigit() or not 0 <= int(days) <= 90:
        raise ConfigError(f"AKTE_DUBLIN_ALERT_DAYS={days!r}: use a whole number of days, 0-90")
    return DublinConfig(land, cap == "capped", int(days))


@cache
def config() -> DublinConfig:
    """The configuration from the environment, read once."""
    return read_config()
