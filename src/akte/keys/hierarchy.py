"""Master key loading, wrapping of data and object keys, AES-256-GCM (see the package docstring)."""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from akte.keys import config
from akte.keys.config import MASTER_KEY_ENV

KEY_SIZE = 32
NONCE_SIZE = 12
_DATA_KEY_AAD = b"akte-ledger/data-key/v1\n"  # unchanged since the status log introduced it
_OBJECT_KEY_AAD = b"akte/object-key/v1\n"


class CryptoError(ValueError):
    """A key is missing, malformed or does not open the data (message says which and why)."""


def _decode_key_text(text: str, where: str) -> bytes:
    text = text.strip()
    for decode in (bytes.fromhex, lambda t: base64.b64decode(t, validate=True)):
        try:
            key = decode(text)
        except (ValueError, binascii.Error):
            continue
        if len(key) == KEY_SIZE:
            return key
    raise CryptoError(
        f"{where} must hold a 32-byte key as base64 or hex (see `akte ledger keygen`)"
    )


def load_master_key(path: str | Path | None = None) -> bytes:
    """The master key from ``path`` or, if no path is given, from $AKTE_LEDGER_MASTER_KEY."""
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise CryptoError(
                f"master key file {p} does not exist (create one with `akte ledger keygen --master {p}`)"
            )
        raw = p.read_bytes()
        if len(raw) == KEY_SIZE:
            return raw
        try:
            return _decode_key_text(raw.decode("ascii"), f"master key file {p}")
        except UnicodeDecodeError as exc:
            raise CryptoError(
                f"master key file {p} is neither 32 raw bytes nor base64/hex text"
            ) from exc
    value = config.master_key_text()
    if not value:
        raise CryptoError(f"no master key: pass a key file or set ${MASTER_KEY_ENV}")
    return _decode_key_text(value, f"${MASTER_KEY_ENV}")


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def _wrap(wrapping_key: bytes, key: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_SIZE)
    return nonce + AESGCM(wrapping_key).encrypt(nonce, key, aad)


def _unwrap(wrapping_key: bytes, wrapped: bytes, aad: bytes, what: str) -> bytes:
    try:
        return AESGCM(wrapping_key).decrypt(wrapped[:NONCE_SIZE], wrapped[NONCE_SIZE:], aad)
    except InvalidTag as exc:
        raise CryptoError(what) from exc


def wrap_data_key(master: bytes, person: str, data_key: bytes) -> bytes:
    return _wrap(master, data_key, _DATA_KEY_AAD + person.encode())


def unwrap_data_key(master: bytes, person: str, wrapped: bytes) -> bytes:
    return _unwrap(
        master,
        wrapped,
        _DATA_KEY_AAD + person.encode(),
        "the master key does not open this data key: wrong master key or damaged key table",
    )


def wrap_object_key(data_key: bytes, obj: str, object_key: bytes) -> bytes:
    """An object's key (a recording's, say) wrapped by its person's data key, bound to ``obj``."""
    return _wrap(data_key, object_key, _OBJECT_KEY_AAD + obj.encode())


def unwrap_object_key(data_key: bytes, obj: str, wrapped: bytes) -> bytes:
    return _unwrap(
        data_key,
        wrapped,
        _OBJECT_KEY_AAD + obj.encode(),
        "the person's data key does not open this object key: wrong person or damaged key",
    )


def encrypt(data_key: bytes, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
    """(nonce, ciphertext) under the key."""
    nonce = os.urandom(NONCE_SIZE)
    return nonce, AESGCM(data_key).encrypt(nonce, plaintext, aad)


def decrypt(data_key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(data_key).decrypt(nonce, ciphertext, aad)
    except InvalidTag as exc:
        raise CryptoError(
            "the payload does not decrypt: it was altered or belongs to another entry"
        ) from exc
