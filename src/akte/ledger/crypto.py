"""Keys and encryption: per-person data keys wrapped by a master key (AES-256-GCM).

- The **master key** (32 bytes) is read from a file (raw 32 bytes, or base64/hex text) or from
  the environment variable ``AKTE_LEDGER_MASTER_KEY`` (base64 or hex). It is never stored in
  the database.
- Each person gets a random 32-byte **data key**. The database holds it only wrapped:
  ``nonce || AES-256-GCM(master, data key, aad = "akte-ledger/data-key/v1\\n" || person)``.
- An entry's payload (its salt and status event) is encrypted with the person's data key,
  with the entry's leaf hash as associated data, so a ciphertext cannot be moved to another
  entry. Erasure deletes the wrapped data key, which makes every copy of the ciphertext
  (backups included) unreadable: crypto-shredding.
"""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from akte.ledger import environment
from akte.ledger.environment import MASTER_KEY_ENV as MASTER_KEY_ENV

KEY_SIZE = 32
NONCE_SIZE = 12
_WRAP_AAD = b"akte-ledger/data-key/v1\n"


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
    value = environment.master_key_text()
    if not value:
        raise CryptoError(f"no master key: pass a key file or set ${MASTER_KEY_ENV}")
    return _decode_key_text(value, f"${MASTER_KEY_ENV}")


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def wrap_data_key(master: bytes, person: str, data_key: bytes) -> bytes:
    nonce = os.urandom(NONCE_SIZE)
    return nonce + AESGCM(master).encrypt(nonce, data_key, _WRAP_AAD + person.encode())


def unwrap_data_key(master: bytes, person: str, wrapped: bytes) -> bytes:
    try:
        return AESGCM(master).decrypt(
            wrapped[:NONCE_SIZE], wrapped[NONCE_SIZE:], _WRAP_AAD + person.encode()
        )
    except InvalidTag as exc:
        raise CryptoError(
            "the master key does not open this data key: wrong master key or damaged key table"
        ) from exc


def encrypt(data_key: bytes, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
    """(nonce, ciphertext) under the data key."""
    nonce = os.urandom(NONCE_SIZE)
    return nonce, AESGCM(data_key).encrypt(nonce, plaintext, aad)


def decrypt(data_key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(data_key).decrypt(nonce, ciphertext, aad)
    except InvalidTag as exc:
        raise CryptoError(
            "the payload does not decrypt: it was altered or belongs to another entry"
        ) from exc
