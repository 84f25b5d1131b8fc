"""`akte backup`: database, media, status log and (sealed) keys into one new folder."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from akte.ledger.config import load_config
from akte.ledger.stores import open_store

from . import database, media, sealed, stores
from .archive import MANIFEST, SEALED_KEYS, BackupError, Manifest, pack

Step = Callable[[str, int | None], None]  # (what, how many to come) at each step's start


def ledger_facts(ledger_toml: Path) -> dict:
    config = load_config(ledger_toml)
    store = open_store(config.database, config.table_prefix)
    try:
        latest = store.checkpoint()
        return {
            "size": store.size(),
            "checkpoint_size": latest.size if latest else 0,
            "data_keys": store.count_data_keys(),
        }
    finally:
        store.close()


def make_backup(
    out: Path,
    passphrase: bytes,
    step: Step | None = None,
    advance: Callable[[], None] | None = None,
) -> Manifest:
    """Write a backup to `out` (a new folder, or a new ``.tar`` file); return its manifest."""
    step = step or (lambda _what, _n: None)
    if out.exists():
        raise BackupError(f"{out} exists: a backup is written to a new folder or file")
    if len(passphrase) < sealed.MIN_PASSPHRASE:
        raise BackupError(f"the passphrase must have at least {sealed.MIN_PASSPHRASE} characters")
    as_tar = out.suffix == ".tar"
    root = Path(tempfile.mkdtemp(prefix="akte-backup-", dir=out.parent)) if as_tar else out
    try:
        if not as_tar:
            root.mkdir(parents=True, mode=0o700)  # personal data: the owner's only
        ledger_toml = Path(settings.AKTE_LEDGER_CONFIG)
        step("database", None)
        db_file, counts = database.dump(root)  # first: the log then holds all it refers to
        step("status log", None)
        ledger_names, secrets = stores.copy_out(ledger_toml, root)
        step("media", sum(1 for _ in media.stored_names()))
        media_names = media.copy_out(root, on_file=lambda _n: advance and advance())
        manifest = Manifest(
            created=dt.datetime.now(dt.UTC).isoformat(),
            database={"vendor": database.vendor(), "file": db_file},
            counts=counts,
            ledger=ledger_facts(root / "ledger" / ledger_toml.name),
        )
        names = [db_file, *ledger_names, *media_names]
        step("checksums", len(names))
        for name in names:
            manifest.add(root, name)
            if advance:
                advance()
        raw = manifest.to_bytes()
        (root / MANIFEST).write_bytes(raw)
        step("keys", None)
        sealed_keys = sealed.seal(secrets, hashlib.sha256(raw).hexdigest(), passphrase)
        (root / SEALED_KEYS).write_bytes(sealed_keys)
        if as_tar:
            step("archive", None)
            pack(root, out)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)  # no half backup left to be trusted
        raise
    if as_tar:
        shutil.rmtree(root, ignore_errors=True)
    return manifest
