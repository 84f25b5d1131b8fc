"""Documents and other uploads, through Django's storage (a folder in production, memory in
tests), so a backup holds what the application stores, wherever that is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.core.files.storage import default_storage

from .archive import BackupError


def stored_names(folder: str = "") -> Iterator[str]:
    """Every file name in the storage, folders walked (sorted, for a stable manifest)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from stored_names(f"{folder}/{sub}" if folder else sub)


def copy_out(root: Path, on_file=None) -> list[str]:
    written = []
    for name in stored_names():
        target = root / "media" / PurePosixPath(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, target.open("wb") as out:
            for block in iter(lambda s=source: s.read(1 << 20), b""):
                out.write(block)
        written.append(f"media/{name}")
        if on_file is not None:
            on_file(name)
    return written


def restore(root: Path, names: list[str], force: bool, on_file=None) -> None:
    for member in names:
        name = member.removeprefix("media/")
        if force and default_storage.exists(name):
            default_storage.delete(name)
        with (root / member).open("rb") as f:
            saved = default_storage.save(name, File(f, name=name))
        if saved != name:
            raise BackupError(f"media: {name} was stored as {saved}: the storage was not empty")
        if on_file is not None:
            on_file(name)
