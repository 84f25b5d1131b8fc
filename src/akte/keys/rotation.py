"""Master-key rotation: every data key rewrapped under a new master key, the data untouched.

1. ``begin``: the new key is written to ``<master file>.next`` (never over an existing one).
   From then on every process wraps new data keys with it and opens keys under either.
2. ``rewrap``: page by page, each data key still under the old key is opened and wrapped
   again under the new one, each page in one transaction, each row compare-and-set (a key
   erased or changed meanwhile is left alone). Passes repeat until one finds nothing to do.
3. ``finish``: the new key replaces the old file (one atomic rename), and a last pass with
   the old key still in memory catches a key wrapped by a process that had not yet seen
   the new one. Then the old key is gone: nothing opens with it any more.

Interrupted anywhere, running it again continues: a key already under the new master is
recognised (it opens with it) and skipped, the ``.next`` file says a rotation is under way.
Nothing the data keys encrypted is touched, so payloads, recordings, checkpoints, proofs and
seals are as they were.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from akte.keys.hierarchy import CryptoError, new_key, unwrap_data_key, wrap_data_key
from akte.keys.masters import MasterKeyFiles

PAGE = 500


class RewrapStore(Protocol):
    def wrapped_key_page(self, after: str | None, limit: int) -> list[tuple[str, bytes]]:
        """Up to ``limit`` (person, wrapped key) rows after ``after``, ordered by person."""
        ...

    def replace_wrapped_keys(self, changes: Sequence[tuple[str, bytes, bytes]]) -> int:
        """In one transaction, set each (person, old, new) row to new where it is still old;
        return how many rows changed."""
        ...


@dataclass
class RotationReport:
    rewrapped: int = 0
    already_new: int = 0
    passes: int = 0
    resumed: bool = False
    old_fingerprint: str = ""
    new_fingerprint: str = ""


def fingerprint(key: bytes) -> str:
    """A name for a key in logs (16 hex digits of its SHA-256; says nothing of the key)."""
    return hashlib.sha256(b"akte/master-key-fingerprint\n" + key).hexdigest()[:16]


def _write_new_key(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(base64.b64encode(new_key()).decode() + "\n")
        f.flush()
        os.fsync(f.fileno())


def begin(files: MasterKeyFiles) -> bool:
    """Write the next key unless a rotation is under way already; True if it began now."""
    files.refresh()
    if files.current is None:
        raise CryptoError(
            f"{files.path} is missing but {files.next_path} exists: an interrupted rotation "
            f"renamed its key already; move {files.next_path} back to {files.path} only if "
            "you know it is the key the data keys are wrapped with"
        )
    if files.next is not None:
        return False
    _write_new_key(files.next_path)
    files.refresh()
    return True


def rewrap(
    store: RewrapStore,
    old: bytes,
    new: bytes,
    report: RotationReport,
    on_page: Callable[[int], None] | None = None,
    page: int = PAGE,
) -> None:
    """Rewrap every key under ``old``; repeat until a pass finds none (see the module)."""
    while True:
        report.passes += 1
        changed, after = 0, None
        while rows := store.wrapped_key_page(after, page):
            changes = []
            for person, wrapped in rows:
                try:
                    unwrap_data_key(new, person, wrapped)
                    report.already_new += report.passes == 1
                    continue
                except CryptoError:
                    pass
                data_key = unwrap_data_key(old, person, wrapped)  # neither opens it: raises
                changes.append((person, wrapped, wrap_data_key(new, person, data_key)))
            changed += store.replace_wrapped_keys(changes) if changes else 0
            after = rows[-1][0]
            if on_page is not None:
                on_page(len(rows))
        report.rewrapped += changed
        if not changed:
            return


def finish(files: MasterKeyFiles) -> None:
    """The new key becomes the master key file; the old one is gone from disk."""
    os.replace(files.next_path, files.path)
    fd = os.open(files.path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    files.refresh()


def rotate(
    store: RewrapStore,
    files: MasterKeyFiles,
    on_page: Callable[[int], None] | None = None,
    on_step: Callable[[str, RotationReport], None] | None = None,
    page: int = PAGE,
) -> RotationReport:
    """The whole rotation (begin, rewrap, finish, last pass), resumable (see the module)."""
    report = RotationReport()
    report.resumed = not begin(files)
    old, new = files.current, files.next
    assert old is not None and new is not None
    report.old_fingerprint, report.new_fingerprint = fingerprint(old), fingerprint(new)
    step = on_step or (lambda _name, _report: None)
    step("resumed" if report.resumed else "started", report)
    rewrap(store, old, new, report, on_page, page)
    finish(files)
    step("renamed", report)
    rewrap(store, old, new, report, on_page, page)  # a key wrapped under the old one meanwhile
    step("finished", report)
    return report
