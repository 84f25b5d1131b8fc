"""The keys of a backup, sealed under a passphrase: scrypt (RFC 7914) derives a 256-bit key
from the passphrase and a random salt, AES-256-GCM encrypts the key files with it.

The plaintext also carries the SHA-256 of the backup's manifest: opening the keys with the
passphrase therefore proves that the manifest, and through its checksums every file, is the
one this backup wrote. The header (format, scrypt parameters) is the associated data, so a
changed parameter fails like a wrong passphrase; parameters beyond sane bounds are refused
before any work is done (a hostile file cannot make scrypt eat the machine).
"""

from __future__ import annotations

import base64
import binascii
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .archive import BackupError

FORMAT = "akte-backup-keys/v1"
SCRYPT_N = 2**15  # 32 MiB with r = 8: about 0.1 s per try
MIN_PASSPHRASE = 12


def _key(passphrase: bytes, kdf: dict) -> bytes:
    n, r, p = kdf.get("n"), kdf.get("r"), kdf.get("p")
    if not (isinstance(n, int) and 2**14 <= n <= 2**20 and n & (n - 1) == 0 and r == 8 and p == 1):
        raise BackupError(f"keys.sealed: scrypt parameters {n=}, {r=}, {p=} are out of bounds")
    salt = base64.b64decode(kdf.get("salt", ""), validate=True)
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase)


def _header(kdf: dict) -> bytes:
    return json.dumps({"format": FORMAT, "kdf": kdf}, sort_keys=True).encode()


def seal(files: dict[str, bytes], manifest_sha256: str, passphrase: bytes) -> bytes:
    if len(passphrase) < MIN_PASSPHRASE:
        raise BackupError(f"the passphrase must have at least {MIN_PASSPHRASE} characters")
    kdf = {"name": "scrypt", "n": SCRYPT_N, "r": 8, "p": 1}
    kdf["salt"] = base64.b64encode(os.urandom(16)).decode()
    plain = json.dumps(
        {
            "manifest_sha256": manifest_sha256,
            "files": {n: base64.b64encode(b).decode() for n, b in files.items()},
        }
    ).encode()
    nonce = os.urandom(12)
    ciphertext = AESGCM(_key(passphrase, kdf)).encrypt(nonce, plain, _header(kdf))
    sealed = {
        "format": FORMAT,
        "kdf": kdf,
        "nonce": base64.b64encode(nonce).decode(),
        "ciphertext": base64.b64encode(ciphertext).decode(),
    }
    return json.dumps(sealed, indent=1).encode()


def open_sealed(data: bytes, passphrase: bytes) -> tuple[dict[str, bytes], str]:
    """(key files by name, the manifest's SHA-256) or a `BackupError` saying why not."""
    try:
        sealed = json.loads(data)
        kdf = sealed["kdf"]
        if sealed.get("format") != FORMAT or not isinstance(kdf, dict):
            raise BackupError(f"keys.sealed: format is not {FORMAT!r}")
        nonce = base64.b64decode(sealed["nonce"], validate=True)
        ciphertext = base64.b64decode(sealed["ciphertext"], validate=True)
        key = _key(passphrase, kdf)
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise BackupError(f"keys.sealed: damaged or cut short ({exc})") from exc
    try:
        plain = json.loads(AESGCM(key).decrypt(nonce, ciphertext, _header(kdf)))
    except (InvalidTag, ValueError) as exc:
        raise BackupError(
            "keys.sealed: the passphrase does not open the keys (wrong passphrase, or the file "
            "was altered): nothing restored"
        ) from exc
    files = {n: base64.b64decode(b) for n, b in plain["files"].items()}
    return files, plain["manifest_sha256"]
