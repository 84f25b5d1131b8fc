"""Configuration of akte.intake, read once, one default each (docs/intake.md, "Configuration").

| variable                        | default     | what                                              |
|---------------------------------|-------------|---------------------------------------------------|
| `AKTE_INTAKE_TIMEOUT`           | `120`       | seconds one document may take to be read          |
| `AKTE_INTAKE_MEMORY_MB`         | `1024`      | address space of the process reading one document |
| `AKTE_INTAKE_MAX_BYTES`         | `52428800`  | largest file or part read (50 MiB)                |
| `AKTE_INTAKE_MAX_PAGES`         | `500`       | most pages of one document                        |
| `AKTE_INTAKE_MAX_PIXELS`        | `40000000`  | largest image or rendered page (pixels)           |
| `AKTE_INTAKE_MAX_PARTS`         | `100`       | most attachments of one e-mail or message         |
| `AKTE_INTAKE_REVIEW_BELOW`      | `0.8`       | confidence below which a document goes to review  |
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class Limits:
    timeout: float = 120.0
    memory_mb: int = 1024
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 500
    max_pixels: int = 40_000_000
    max_parts: int = 100


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    return float(raw) if raw else default


@cache
def limits() -> Limits:
    d = Limits()
    return Limits(
        timeout=_number("AKTE_INTAKE_TIMEOUT", d.timeout),
        memory_mb=int(_number("AKTE_INTAKE_MEMORY_MB", d.memory_mb)),
        max_bytes=int(_number("AKTE_INTAKE_MAX_BYTES", d.max_bytes)),
        max_pages=int(_number("AKTE_INTAKE_MAX_PAGES", d.max_pages)),
        max_pixels=int(_number("AKTE_INTAKE_MAX_PIXELS", d.max_pixels)),
        max_parts=int(_number("AKTE_INTAKE_MAX_PARTS", d.max_parts)),
    )


@cache
def review_below() -> float:
    return _number("AKTE_INTAKE_REVIEW_BELOW", 0.8)


def data_dir() -> Path:
    """The data shipped with the engine: schemas, code lists, rules, the model."""
    return Path(__file__).resolve().parent / "data"
