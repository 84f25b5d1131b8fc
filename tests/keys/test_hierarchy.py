"""The shared key hierarchy (`akte.keys`): the status log's stored keys still open after the
move, object keys are bound to their object and person, erasure makes them unreadable."""

from __future__ import annotations

import os

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from akte import keys
from akte.ledger import crypto as ledger_crypto


def test_a_data_key_wrapped_as_the_ledger_always_did_still_opens():
    # the format written before the move, built by hand: nonce || AES-GCM(master, key, aad)
    master, data_key, nonce = bytes(range(32)), bytes(range(32, 64)), bytes(12)
    old = nonce + AESGCM(master).encrypt(nonce, data_key, b"akte-ledger/data-key/v1\nperson:7")
    assert keys.unwrap_data_key(master, "person:7", old) == data_key
    with pytest.raises(keys.CryptoError):
        keys.unwrap_data_key(master, "person:8", old)
    assert ledger_crypto.unwrap_data_key is keys.unwrap_data_key  # one implementation


def test_object_keys_are_bound_to_their_object_and_data_key():
    data_key, other = keys.new_key(), keys.new_key()
    recording_key = keys.new_key()
    wrapped = keys.wrap_object_key(data_key, "recording:1", recording_key)
    assert keys.unwrap_object_key(data_key, "recording:1", wrapped) == recording_key
    for key, obj in ((data_key, "recording:2"), (other, "recording:1")):
        with pytest.raises(keys.CryptoError):
            keys.unwrap_object_key(key, obj, wrapped)


class _Store:
    def __init__(self):
        self.rows: dict[str, bytes] = {}

    def wrapped_keys(self, persons):
        return {p: self.rows[p] for p in persons if p in self.rows}

    def add_wrapped_keys(self, new):
        for p, w in new.items():
            self.rows.setdefault(p, w)
        return self.wrapped_keys(list(new))


def test_the_ring_makes_a_key_once_and_an_erased_key_stays_gone():
    store, master = _Store(), keys.new_key()
    ring = keys.KeyRing(store, master)
    assert ring.data_key("person:1", create=False) is None
    first = ring.data_key("person:1", create=True)
    assert keys.KeyRing(store, master).data_key("person:1", create=False) == first
    del store.rows["person:1"]  # erasure (the store's transaction)
    ring.forget("person:1")
    assert ring.data_key("person:1", create=False) is None


def test_a_wrong_master_key_is_named():
    store = _Store()
    keys.KeyRing(store, keys.new_key()).data_key("p", create=True)
    with pytest.raises(keys.CryptoError, match="master key"):
        keys.KeyRing(store, os.urandom(32)).data_key("p", create=False)
