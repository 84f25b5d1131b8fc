"""The ledger's environment variables: each is read here and nowhere else, with one default.

| variable | default | meaning |
|---|---|---|
| ``AKTE_LEDGER_CONFIG`` | ``var/ledger/ledger.toml`` | the ledger's configuration file |
| ``AKTE_LEDGER_MASTER_KEY`` | (none) | the master key (base64 or hex), if ``ledger.toml`` names no file |
| ``AKTE_LEDGER_ORIGIN`` | ``akte.example/ledger`` | the log's name for a new ledger |
| ``AKTE_LEDGER_APPEND_PER_MINUTE`` | ``60`` | entries one agency token may append over HTTP per minute |

The default configuration lies under the var directory, ``var/`` in the working directory
for the CLI; the web app passes its own (``$AKTE_VAR_DIR``, else the project's ``var/``), so
that the CLI run from the project directory and the web app open the same log. The values
are read when asked for, not at import, so a test or a process can set them first.
"""

from __future__ import annotations

import os
from pathlib import Path

from akte.keys.config import MASTER_KEY_ENV, master_key_text  # noqa: F401 (the key hierarchy reads it)

CONFIG_ENV = "AKTE_LEDGER_CONFIG"
ORIGIN_ENV = "AKTE_LEDGER_ORIGIN"
APPEND_RATE_ENV = "AKTE_LEDGER_APPEND_PER_MINUTE"
DEFAULT_APPEND_PER_MINUTE = 60

DEFAULT_VAR_DIR = Path("var")
CONFIG_IN_VAR_DIR = Path("ledger") / "ledger.toml"
DEFAULT_ORIGIN = "akte.example/ledger"


def config_path(path: str | Path | None = None, var_dir: str | Path | None = None) -> Path:
    """``path`` if given, else ``$AKTE_LEDGER_CONFIG``, else ``<var_dir>/ledger/ledger.toml``."""
    if path:
        return Path(path)
    configured = os.environ.get(CONFIG_ENV)
    if configured:
        return Path(configured)
    return Path(var_dir or DEFAULT_VAR_DIR) / CONFIG_IN_VAR_DIR


def origin() -> str:
    """``$AKTE_LEDGER_ORIGIN``, else ``akte.example/ledger``."""
    return os.environ.get(ORIGIN_ENV) or DEFAULT_ORIGIN


def append_per_minute() -> int:
    """``$AKTE_LEDGER_APPEND_PER_MINUTE`` (a positive integer), else 60."""
    text = os.environ.get(APPEND_RATE_ENV, "").strip()
    if not text:
        return DEFAULT_APPEND_PER_MINUTE
    if not text.isdigit() or not text.isascii() or int(text) < 1:
        raise ValueError(f"${APPEND_RATE_ENV} must be a positive integer, got {text[:20]!r}")
    return int(text)
