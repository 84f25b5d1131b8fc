"""The status log's files in a backup: its store, its public files and its secret keys.

The log lives beside the database (``ledger.toml`` names its store and keys). Its SQLite
store is copied with the online backup API, like the database; its public files
(``ledger.toml``, ``log.vkey``, ``key-rotation.log``) are copied as they are; its secrets
(the signing key, the master key, the procedure tokens' key) go only into ``keys.sealed``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from akte.keys.masters import next_key_path
from akte.ledger.config import LedgerConfig, load_config

from .archive import BackupError

STORE_FILE = "ledger/ledger.db"


def _store_path(config: LedgerConfig) -> Path:
    url = config.database
    if not url.startswith("sqlite:///"):
        raise BackupError(
            f"{config.path}: the status log's store is {url.split(':')[0]}, not SQLite: "
            "`akte backup` copies a SQLite store only; back up that database with its own "
            "tools (pg_dump) beside this backup"
        )
    return Path(url.removeprefix("sqlite:///"))


def secret_files(config: LedgerConfig) -> list[Path]:
    found = [config.log_key, config.master_key, config.token_key_file]
    if config.master_key is not None:
        found.append(next_key_path(config.master_key))
    return [p for p in found if p is not None and p.is_file()]


def copy_out(ledger_toml: Path, root: Path) -> tuple[list[str], dict[str, bytes]]:
    """Write the log's store and public files under ``root/ledger``; return the names
    written and the secret files' contents (name beside ``ledger.toml`` -> bytes)."""
    config = load_config(ledger_toml)
    directory = config.path.parent
    store = _store_path(config)
    if store.parent != directory:
        raise BackupError(f"{config.path}: the store {store} must lie beside ledger.toml")
    secrets = {p.name: p.read_bytes() for p in secret_files(config)}
    if any(p.parent != directory for p in secret_files(config)):
        raise BackupError(f"{config.path}: the key files must lie beside ledger.toml")
    out = root / "ledger"
    out.mkdir(parents=True, exist_ok=True)
    source, target = (
        sqlite3.connect(f"file:{store}?mode=ro", uri=True),
        sqlite3.connect(out / "ledger.db"),
    )
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    names = [STORE_FILE]
    skip = {store.name, store.name + "-wal", store.name + "-shm", *secrets}
    for path in sorted(directory.iterdir()):
        if path.is_file() and not path.is_symlink() and path.name not in skip:
            if path.suffix in (".skey", ".key", ".lock"):
                continue  # another secret or a lock file: never in the clear
            shutil.copy2(path, out / path.name)
            names.append(f"ledger/{path.name}")
    return names, secrets


def restore_into(root: Path, ledger_toml: Path, secrets: dict[str, bytes]) -> None:
    """Write the log's files from the backup at ``root`` into ``ledger_toml``'s folder (new)."""
    directory = ledger_toml.parent
    staging = directory.with_name(directory.name + ".restoring")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    for path in (root / "ledger").iterdir():
        shutil.copy2(path, staging / path.name)
    for name, data in secrets.items():
        if "/" in name or name.startswith(".") or not name:
            raise BackupError(f"keys.sealed: {name!r} is not a key file name: refused")
        fd = os.open(staging / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
    if ledger_toml.name != "ledger.toml":
        (staging / "ledger.toml").rename(staging / ledger_toml.name)
    if directory.exists():
        directory.rmdir()  # empty (checked before): else this raises
    staging.rename(directory)


def occupied(ledger_toml: Path) -> list[str]:
    """What already lies where the log would be restored (nothing: a fresh target)."""
    directory = ledger_toml.parent
    if not directory.exists():
        return []
    return sorted(p.name for p in directory.iterdir())
