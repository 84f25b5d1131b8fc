"""The status log's keys are the shared key hierarchy's (`akte.keys`): this name stays for
callers and tests written before the move. Stored data is unchanged (same wrapping format)."""

from akte.keys import (  # noqa: F401 (re-exported)
    KEY_SIZE,
    NONCE_SIZE,
    CryptoError,
    decrypt,
    encrypt,
    load_master_key,
    new_key,
    unwrap_data_key,
    wrap_data_key,
)
from akte.keys.config import MASTER_KEY_ENV  # noqa: F401 (re-exported)
