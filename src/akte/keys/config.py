"""The key hierarchy's environment: read here and nowhere else.

| variable | default | meaning |
|---|---|---|
| ``AKTE_LEDGER_MASTER_KEY`` | (none) | the master key (base64 or hex), if no key file is named |

The name keeps the ledger's prefix: it was the status log's master key before the recordings
shared it. Read when asked for, not at import, so that a test or a process can set it first.
"""

from __future__ import annotations

import os

MASTER_KEY_ENV = "AKTE_LEDGER_MASTER_KEY"


def master_key_text() -> str | None:
    """``$AKTE_LEDGER_MASTER_KEY`` (None if unset or empty)."""
    return os.environ.get(MASTER_KEY_ENV) or None
