"""Keyed hashes for a snapshot: person and procedure ids become HMAC-SHA256 values under a
secret key, rotated for each snapshot unless asked to keep it (then two snapshots can be
linked, which is what keeping it is for). The key is stored beside the snapshots, readable by
its owner only, never inside a snapshot; a snapshot names only the key's id."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

KEY_FILE = ".pseudonym-key"


@dataclass(frozen=True)
class Pseudonyms:
    key: bytes

    @property
    def key_id(self) -> str:
        return hashlib.sha256(b"akte-analytics-key-id:" + self.key).hexdigest()[:12]

    def of(self, kind: str, pk: int | None) -> str | None:
        if pk is None:
            return None
        digest = hmac.new(self.key, f"{kind}:{pk}".encode(), hashlib.sha256).hexdigest()
        return digest[:32]


def for_snapshot(root: Path, *, keep_key: bool) -> Pseudonyms:
    root.mkdir(parents=True, exist_ok=True)
    path = root / KEY_FILE
    if keep_key and path.is_file():
        return Pseudonyms(path.read_bytes())
    key = secrets.token_bytes(32)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(key)
    return Pseudonyms(key)
