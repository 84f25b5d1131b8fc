"""Rotating the status log's master key (`akte keys rotate`; the steps: `akte.keys.rotation`).

The log's master key wraps the persons' data keys in ``data_keys``; the hearing recordings'
keys hang below those, so they need nothing. Two things here are the log's own:

- the procedure tokens (the applicant's status-page link) were derived from the master key;
  before the first rotation their key is written to ``procedure-token.key`` beside
  ``ledger.toml``, so every token handed out stays valid;
- each step is logged, one JSON line each, to ``key-rotation.log`` beside ``ledger.toml``
  (times, counts and key fingerprints; never a key).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
from collections.abc import Callable

from akte import keys
from akte.keys import rotation
from akte.keys.config import MASTER_KEY_ENV
from akte.ledger.config import LedgerConfig, write_secret
from akte.ledger.log import LedgerError, procedure_token_key
from akte.ledger.stores import open_store

ROTATION_LOG = "key-rotation.log"


def rotate_master_key(
    config: LedgerConfig,
    on_page: Callable[[int], None] | None = None,
    page: int = rotation.PAGE,
) -> rotation.RotationReport:
    if config.master_key is None:
        raise LedgerError(
            f"{config.path}: the master key comes from ${MASTER_KEY_ENV}; rotation "
            "needs a key file: write the key to a file (mode 600), name it as master_key in "
            "ledger.toml, unset the variable, and run this again"
        )
    files = keys.MasterKeyFiles(config.master_key)
    if not config.token_key_file.exists() and files.current is not None:
        token_key = procedure_token_key(files.current)
        write_secret(config.token_key_file, base64.b64encode(token_key).decode() + "\n")
    log_path = config.path.parent / ROTATION_LOG

    def log(step: str, report: rotation.RotationReport) -> None:
        line = {"at": dt.datetime.now(dt.UTC).isoformat(), "step": step}
        line |= dataclasses.asdict(report)
        with log_path.open("a") as f:
            f.write(json.dumps(line) + "\n")

    store = open_store(config.database, config.table_prefix)
    try:
        return rotation.rotate(store, files, on_page=on_page, on_step=log, page=page)
    finally:
        store.close()
