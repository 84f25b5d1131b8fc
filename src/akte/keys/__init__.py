"""The key hierarchy: master key, per-person data keys, per-object keys (plain Python, cryptography).

- The **master key** (32 bytes) is read from a file (raw 32 bytes, or base64/hex text) or from
  the environment variable ``AKTE_LEDGER_MASTER_KEY`` (base64 or hex, `config.py`). It is
  never stored in a database.
- Each person gets a random 32-byte **data key**. A store holds it only wrapped:
  ``nonce || AES-256-GCM(master, data key, aad = "akte-ledger/data-key/v1\\n" || person)``
  (the format the status log has always written; `ring.KeyRing` caches the unwrapped keys).
- An **object key** (one per hearing recording, for instance) is wrapped by the person's data
  key: ``nonce || AES-256-GCM(data key, object key, aad = "akte/object-key/v1\\n" || object)``.
- **Rotation** (`rotation.py`, `akte keys rotate`) rewraps every data key under a new master
  key; meanwhile a process opens keys under either (`masters.MasterKeyFiles`).
- Data is encrypted with AES-256-GCM and associated data naming its place, so a ciphertext
  cannot be moved elsewhere. **Erasure** deletes the wrapped data key: every copy of what it
  (or an object key under it) encrypted, backups included, becomes unreadable
  (crypto-shredding).

The status log (`akte.ledger`) and the hearing recordings (`akte.web.hearings`) both use it.
"""

from akte.keys.hierarchy import (
    KEY_SIZE,
    NONCE_SIZE,
    CryptoError,
    decrypt,
    encrypt,
    load_master_key,
    new_key,
    unwrap_data_key,
    unwrap_object_key,
    wrap_data_key,
    wrap_object_key,
)
from akte.keys.masters import FixedMasterKey, MasterKeyFiles, MasterKeys, as_master_keys
from akte.keys.ring import KeyRing, WrappedKeyStore

__all__ = [
    "KEY_SIZE",
    "NONCE_SIZE",
    "CryptoError",
    "FixedMasterKey",
    "MasterKeyFiles",
    "MasterKeys",
    "KeyRing",
    "WrappedKeyStore",
    "as_master_keys",
    "decrypt",
    "encrypt",
    "load_master_key",
    "new_key",
    "unwrap_data_key",
    "unwrap_object_key",
    "wrap_data_key",
    "wrap_object_key",
]
