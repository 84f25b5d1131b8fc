"""The unwrapped data keys of persons, fetched from (and made in) a store of wrapped keys."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from akte.keys.hierarchy import CryptoError, new_key, unwrap_data_key, wrap_data_key
from akte.keys.masters import MasterKeys, as_master_keys

CACHE_LIMIT = 100_000  # unwrapped keys kept in memory before the cache is cleared


class WrappedKeyStore(Protocol):
    """Where wrapped data keys live (the status log's ``data_keys`` table, for one)."""

    def wrapped_keys(self, persons: Sequence[str]) -> dict[str, bytes]: ...

    def add_wrapped_keys(self, keys: dict[str, bytes]) -> dict[str, bytes]:
        """Store keys for persons that have none; return the keys now stored for them all."""
        ...


class KeyRing:
    """Data keys under one master key. Erasure is the store's (it deletes the wrapped key in
    the transaction that erases the person's data); `forget` drops the cached copy."""

    def __init__(self, store: WrappedKeyStore, master: bytes | MasterKeys) -> None:
        self.store = store
        self.masters = as_master_keys(master)
        self._keys: dict[str, bytes] = {}

    @property
    def master(self) -> bytes:
        """The master key new data keys are wrapped with."""
        return self.masters.wrapping

    def data_key(self, person: str, create: bool) -> bytes | None:
        if person not in self._keys:
            self.load([person], create=create)
        return self._keys.get(person)

    def load(self, persons: Sequence[str], create: bool) -> None:
        """Fetch (and if ``create``, make) the data keys of ``persons`` with one query each."""
        wanted = [p for p in set(persons) if p not in self._keys]
        if not wanted:
            return
        if len(self._keys) > CACHE_LIMIT:
            self._keys.clear()
        stored = self.store.wrapped_keys(wanted)
        missing = [p for p in wanted if p not in stored]
        if missing and create:
            self.masters.refresh()  # a rotation may have begun: wrap with the newest key
            stored.update(
                self.store.add_wrapped_keys(
                    {p: wrap_data_key(self.master, p, new_key()) for p in missing}
                )
            )
        for person, wrapped in stored.items():
            self._keys[person] = self._unwrap(person, wrapped)

    def _unwrap(self, person: str, wrapped: bytes) -> bytes:
        """Open with any known master key; if none does, re-read the keys once (a rotation
        may have rewrapped this key under a key this process has not seen yet)."""
        error = CryptoError("no master key")
        for attempt in (1, 2):
            for master in self.masters.unwrapping:
                try:
                    return unwrap_data_key(master, person, wrapped)
                except CryptoError as exc:
                    error = exc
            if attempt == 1 and not self.masters.refresh():
                break
        raise error

    def forget(self, person: str) -> None:
        self._keys.pop(person, None)
