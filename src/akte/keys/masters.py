"""Which master keys a process knows: one fixed key, or a key file and, while a rotation
runs, the next key beside it (``<file>.next``).

New data keys are wrapped by the newest key known; a wrapped key is opened by whichever
known key opens it. A process that finds a data key its keys do not open re-reads the key
files once (``refresh``), so a server keeps serving while `akte keys rotate` rewraps the
keys under it, and picks the new key up without a restart (docs/operations.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from akte.keys.hierarchy import CryptoError, load_master_key

NEXT_SUFFIX = ".next"


class MasterKeys(Protocol):
    @property
    def wrapping(self) -> bytes:
        """The key new data keys are wrapped with (the newest)."""
        ...

    @property
    def unwrapping(self) -> tuple[bytes, ...]:
        """Every key that may open a stored data key, newest first."""
        ...

    def refresh(self) -> bool:
        """Re-read the keys if they changed; True if they did."""
        ...


class FixedMasterKey:
    """One master key given as bytes ($AKTE_LEDGER_MASTER_KEY, a test, a benchmark)."""

    def __init__(self, key: bytes) -> None:
        self.wrapping = key
        self.unwrapping = (key,)

    def refresh(self) -> bool:
        return False


def next_key_path(path: Path) -> Path:
    return path.with_name(path.name + NEXT_SUFFIX)


class MasterKeyFiles:
    """The master key in ``path``, and the next one in ``<path>.next`` during a rotation."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.next_path = next_key_path(self.path)
        self._stamp: tuple | None = None
        self.current: bytes | None = None
        self.next: bytes | None = None
        self.refresh()

    def _stat(self) -> tuple:
        stamps = []
        for p in (self.path, self.next_path):
            try:
                s = p.stat()
            except FileNotFoundError:
                stamps.append(None)
                continue
            stamps.append((s.st_ino, s.st_mtime_ns, s.st_size))
        return tuple(stamps)

    def refresh(self) -> bool:
        stamp = self._stat()
        if stamp == self._stamp:
            return False
        nxt = load_master_key(self.next_path) if stamp[1] is not None else None
        current = load_master_key(self.path) if stamp[0] is not None else None
        if current is None and nxt is None:
            load_master_key(self.path)  # raises: names the missing file
        self.current, self.next, self._stamp = current, nxt, stamp
        return True

    @property
    def wrapping(self) -> bytes:
        key = self.next or self.current
        if key is None:
            raise CryptoError(f"master key file {self.path} does not exist")
        return key

    @property
    def unwrapping(self) -> tuple[bytes, ...]:
        return tuple(k for k in (self.next, self.current) if k is not None)


def as_master_keys(master: bytes | MasterKeys) -> MasterKeys:
    return FixedMasterKey(master) if isinstance(master, bytes | bytearray) else master
