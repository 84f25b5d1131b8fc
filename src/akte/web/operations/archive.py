"""A backup on disk: a directory (or a tar file of one) with a manifest of every file.

```
manifest.json      format, when, what: every file's SHA-256 and size, the row counts
keys.sealed        the keys, encrypted under the passphrase (`sealed`); names the
                   manifest's SHA-256, so a changed manifest is noticed too
database/          akte.sqlite3 (SQLite) or akte.json (PostgreSQL)
ledger/            the status log's store (ledger.db) and its public files
media/             documents and other uploads, as the storage holds them
```

Everything read from a backup is outside input: a path in the manifest must be a plain
relative path under one of the three folders (no ``..``, no absolute path, no link), and a
tar member must be a regular file or folder below the archive's root.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tarfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

FORMAT = "akte-backup/v1"
MANIFEST = "manifest.json"
SEALED_KEYS = "keys.sealed"
FOLDERS = ("database", "ledger", "media")
_MAX_MANIFEST = 64 * 1024 * 1024


class BackupError(Exception):
    """The backup cannot be made or used; the message says what, where and what to do."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def member_path(name: object, where: str) -> PurePosixPath:
    """A manifest's file name as a safe relative path under one of `FOLDERS`, or an error."""
    if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
        raise BackupError(f"{where}: {name!r} is not a file name")
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "." in path.parts or name != str(path):
        raise BackupError(f"{where}: {name!r} leaves the backup (absolute path or ..): refused")
    if len(path.parts) < 2 or path.parts[0] not in FOLDERS:
        raise BackupError(f"{where}: {name!r} is not under {', '.join(FOLDERS)}: refused")
    return path


@dataclass
class Manifest:
    created: str
    database: dict  # vendor, file
    files: dict[str, dict] = field(default_factory=dict)  # name -> {sha256, size}
    counts: dict[str, int] = field(default_factory=dict)  # model label -> rows
    ledger: dict = field(default_factory=dict)  # size of the log, checkpoints, data keys
    format: str = FORMAT

    def add(self, root: Path, name: str) -> None:
        path = root / name
        self.files[name] = {"sha256": sha256_file(path), "size": path.stat().st_size}

    def to_bytes(self) -> bytes:
        plain = {
            "format": self.format,
            "created": self.created,
            "database": self.database,
            "counts": self.counts,
            "ledger": self.ledger,
            "files": self.files,
        }
        return json.dumps(plain, indent=1, sort_keys=True).encode()


def read_manifest(root: Path) -> tuple[Manifest, bytes]:
    """The manifest of the backup in `root`, checked for shape and safe names."""
    path = root / MANIFEST
    if not path.is_file():
        raise BackupError(f"{path}: no manifest: is this an Akte backup (`akte backup`)?")
    raw = path.read_bytes()[: _MAX_MANIFEST + 1]
    if len(raw) > _MAX_MANIFEST:
        raise BackupError(f"{path}: larger than {_MAX_MANIFEST} bytes: refused")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"{path}: not valid JSON ({exc}): damaged or cut short") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(f"{path}: format is not {FORMAT!r}")
    files = data.get("files")
    if not isinstance(files, dict):
        raise BackupError(f"{path}: 'files' must be an object")
    for name, entry in files.items():
        member_path(name, str(path))
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("sha256"), str)
            and len(entry["sha256"]) == 64
            and isinstance(entry.get("size"), int)
        ):
            raise BackupError(f"{path}: files[{name!r}] needs a sha256 and a size")
    database = data.get("database")
    if not isinstance(database, dict) or database.get("file") not in files:
        raise BackupError(f"{path}: 'database' must name a file listed under 'files'")
    manifest = Manifest(
        created=str(data.get("created", "")),
        database=database,
        files=files,
        counts=data.get("counts") or {},
        ledger=data.get("ledger") or {},
    )
    return manifest, raw


def check_files(root: Path, manifest: Manifest, on_file=None) -> None:
    """Every listed file is there, a regular file inside `root`, of its size and SHA-256;
    no file is there that the manifest does not list. Raises at the first problem."""
    base = root.resolve()
    for name, entry in manifest.files.items():
        path = root / name
        try:
            info = path.lstat()
        except FileNotFoundError:
            raise BackupError(f"{path}: listed in the manifest but missing") from None
        if not stat.S_ISREG(info.st_mode) or not path.resolve().is_relative_to(base):
            raise BackupError(f"{path}: not a regular file inside the backup: refused")
        if info.st_size != entry["size"]:
            raise BackupError(
                f"{path}: {info.st_size} bytes, the manifest says {entry['size']}: cut short "
                "or altered"
            )
        if sha256_file(path) != entry["sha256"]:
            raise BackupError(f"{path}: SHA-256 differs from the manifest: altered or damaged")
        if on_file is not None:
            on_file(name)
    listed = set(manifest.files)
    for folder in FOLDERS:
        for dirpath, _dirs, names in os.walk(root / folder):
            for n in names:
                rel = (Path(dirpath) / n).relative_to(root).as_posix()
                if rel not in listed:
                    raise BackupError(f"{root / rel}: not in the manifest: refused")


def pack(root: Path, archive: Path) -> None:
    """The backup folder as one tar file (uncompressed: the media are compressed already)."""
    fd = os.open(archive, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # personal data
    with os.fdopen(fd, "wb") as f, tarfile.open(fileobj=f, mode="w") as tar:
        for name in sorted(p.name for p in root.iterdir()):
            tar.add(root / name, arcname=name)


def unpack(archive: Path, into: Path) -> Path:
    """Extract a tar file made by `pack`, refusing links, devices and escaping names."""
    try:
        with tarfile.open(archive, "r:") as tar:
            members = tar.getmembers()
            for m in members:
                name = PurePosixPath(m.name)
                if name.is_absolute() or ".." in name.parts:
                    raise BackupError(f"{archive}: member {m.name!r} leaves the archive: refused")
                if not (m.isfile() or m.isdir()):
                    raise BackupError(f"{archive}: member {m.name!r} is not a file: refused")
            tar.extractall(into, members=members, filter="data")
    except (tarfile.TarError, EOFError) as exc:
        raise BackupError(f"{archive}: not a complete tar file ({exc}): cut short?") from exc
    return into
