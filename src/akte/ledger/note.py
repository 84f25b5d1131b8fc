"""C2SP signed-note, tlog-checkpoint and tlog-cosignature (Ed25519).

A signed note is a UTF-8 text ending in a newline, a blank line, then signature lines::

    — <key name> base64(4-byte key ID || signature)

- Ed25519 note keys (signed-note, type 0x01): key ID = SHA-256(name || "\\n" || 0x01 || pub)[:4],
  the signature is Ed25519 over the note text.
- Ed25519 cosigner keys (tlog-cosignature, type 0x04): key ID = SHA-256(name || "\\n" || 0x04
  || pub)[:4], the signature is an 8-byte big-endian timestamp followed by an Ed25519
  signature over ``"cosignature/v1\\ntime <t>\\n" || note text``.

Keys are written as in Go's ``golang.org/x/mod/sumdb/note``: verifier keys
``<name>+<hex key ID>+<base64(type || public key)>`` and signer keys
``PRIVATE+KEY+<name>+<hex key ID>+<base64(type || seed)>``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
import time
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from akte.ledger.merkle import HASH_SIZE

ED25519 = 0x01  # signed-note Ed25519 signature type
COSIGNATURE_V1 = 0x04  # tlog-cosignature Ed25519 type
SIG_PREFIX = "\u2014 "  # em dash and space
MAX_SIGNATURES = 100


class NoteError(ValueError):
    """A note, checkpoint, key or signature is malformed or does not verify."""


def _b64decode(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise NoteError(f"{what} is not valid base64") from exc


def _check_name(name: str) -> str:
    if not name or any(c.isspace() for c in name) or "+" in name:
        raise NoteError(f"key name {name!r} must be non-empty without spaces or '+'")
    return name


def key_id(name: str, alg: int, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + bytes([alg]) + public).digest()[:4]


@dataclass(frozen=True)
class Verifier:
    """A public key that checks note signatures (``alg`` 0x01) or cosignatures (0x04)."""

    name: str
    alg: int
    public: bytes

    @property
    def key_id(self) -> bytes:
        return key_id(self.name, self.alg, self.public)

    def vkey(self) -> str:
        return f"{self.name}+{self.key_id.hex()}+{base64.b64encode(bytes([self.alg]) + self.public).decode()}"

    @classmethod
    def parse(cls, vkey: str) -> Verifier:
        parts = vkey.strip().split("+", 2)
        if len(parts) != 3:
            raise NoteError("a verifier key has the form <name>+<hex key ID>+<base64 key>")
        name, hex_id, b64 = parts
        _check_name(name)
        raw = _b64decode(b64, "verifier key")
        if len(raw) != 33 or raw[0] not in (ED25519, COSIGNATURE_V1):
            raise NoteError(
                "verifier key must be type 0x01 (Ed25519) or 0x04 (cosignature) with 32 key bytes"
            )
        verifier = cls(name, raw[0], raw[1:])
        if hex_id.lower() != verifier.key_id.hex():
            raise NoteError(f"verifier key for {name}: key ID {hex_id} does not match the key")
        return verifier

    def public_key(self) -> Ed25519PublicKey:
        """The Ed25519 public key, to check a signature with."""
        return Ed25519PublicKey.from_public_bytes(self.public)


@dataclass(frozen=True)
class Signer:
    name: str
    alg: int
    seed: bytes

    @classmethod
    def generate(cls, name: str, alg: int = ED25519) -> Signer:
        _check_name(name)
        from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

        seed = Ed25519PrivateKey.generate().private_bytes(
            Encoding.Raw, PrivateFormat.Raw, NoEncryption()
        )
        return cls(name, alg, seed)

    def _private(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.seed)

    @property
    def verifier(self) -> Verifier:
        public = self._private().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return Verifier(self.name, self.alg, public)

    def skey(self) -> str:
        return f"PRIVATE+KEY+{self.name}+{self.verifier.key_id.hex()}+{base64.b64encode(bytes([self.alg]) + self.seed).decode()}"

    @classmethod
    def parse(cls, skey: str) -> Signer:
        parts = skey.strip().split("+", 4)
        if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
            raise NoteError(
                "a signer key has the form PRIVATE+KEY+<name>+<hex key ID>+<base64 key>"
            )
        name, hex_id, b64 = parts[2:]
        raw = _b64decode(b64, "signer key")
        if len(raw) != 33 or raw[0] not in (ED25519, COSIGNATURE_V1):
            raise NoteError("signer key must be type 0x01 or 0x04 with a 32-byte Ed25519 seed")
        signer = cls(_check_name(name), raw[0], raw[1:])
        if hex_id.lower() != signer.verifier.key_id.hex():
            raise NoteError(f"signer key for {name}: key ID {hex_id} does not match the key")
        return signer

    def sign_note(self, text: str) -> str:
        """A signature line over the note text (type 0x01)."""
        if self.alg != ED25519:
            raise NoteError(f"key {self.name} is a cosigner key: use cosign()")
        sig = self._private().sign(text.encode())
        return f"{SIG_PREFIX}{self.name} {base64.b64encode(self.verifier.key_id + sig).decode()}"

    def cosign(self, text: str, timestamp: int | None = None) -> str:
        """A tlog-cosignature/v1 line over a checkpoint's note text (type 0x04)."""
        if self.alg != COSIGNATURE_V1:
            raise NoteError(f"key {self.name} is not a cosigner key (type 0x04)")
        t = int(time.time()) if timestamp is None else timestamp
        sig = self._private().sign(_cosigned_message(text, t))
        return f"{SIG_PREFIX}{self.name} {base64.b64encode(self.verifier.key_id + struct.pack('>Q', t) + sig).decode()}"


def _cosigned_message(text: str, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n".encode() + text.encode()


@dataclass(frozen=True)
class SignatureLine:
    name: str
    key_id: bytes
    signature: bytes  # after the key ID (for cosignatures: timestamp || signature)
    line: str


@dataclass(frozen=True)
class Note:
    text: str
    signatures: list[SignatureLine] = field(default_factory=list)

    @classmethod
    def parse(cls, message: str | bytes) -> Note:
        if isinstance(message, bytes):
            try:
                message = message.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise NoteError("note is not UTF-8") from exc
        if "\r" in message:
            raise NoteError("note must use \\n line endings")
        if any((ord(c) < 0x20 and c != "\n") or ord(c) == 0x7F for c in message):
            raise NoteError("note contains control characters other than newline")
        text, sep, sigs = message.rpartition("\n\n")
        if not sep:
            raise NoteError("note has no blank line before its signatures")
        text += "\n"
        if not sigs:
            raise NoteError("note has no signature lines")
        if not sigs.endswith("\n"):
            raise NoteError("note signatures must end with a newline")
        lines = sigs[:-1].split("\n")
        if len(lines) > MAX_SIGNATURES:
            raise NoteError(f"note has more than {MAX_SIGNATURES} signatures")
        parsed = []
        for line in lines:
            if not line.startswith(SIG_PREFIX):
                raise NoteError(
                    f"signature line {line[:40]!r} does not start with an em dash and a space"
                )
            name, space, b64 = line[len(SIG_PREFIX) :].partition(" ")
            if not space or not name or " " in b64:
                raise NoteError(f"signature line {line[:40]!r} is not '— <name> <base64>'")
            raw = _b64decode(b64, f"signature of {name}")
            if len(raw) < 5:
                raise NoteError(f"signature of {name} is too short")
            parsed.append(SignatureLine(name, raw[:4], raw[4:], line))
        return cls(text, parsed)

    def verified_by(self, verifier: Verifier) -> SignatureLine | None:
        """The signature line that ``verifier`` checks, or None if there is none.

        Raises NoteError if a line claims this key (name and key ID) but the signature is bad.
        """
        for sig in self.signatures:
            if sig.name != verifier.name or sig.key_id != verifier.key_id:
                continue
            try:
                if verifier.alg == ED25519:
                    verifier.public_key().verify(sig.signature, self.text.encode())
                else:
                    if len(sig.signature) != 8 + 64:
                        raise NoteError(f"cosignature of {sig.name} has the wrong length")
                    (t,) = struct.unpack(">Q", sig.signature[:8])
                    verifier.public_key().verify(sig.signature[8:], _cosigned_message(self.text, t))
            except InvalidSignature as exc:
                raise NoteError(
                    f"bad signature from {verifier.name} (key ID {verifier.key_id.hex()})"
                ) from exc
            return sig
        return None

    def render(self) -> str:
        return self.text + "\n" + "".join(s.line + "\n" for s in self.signatures)


@dataclass(frozen=True)
class Checkpoint:
    """A C2SP tlog-checkpoint body: origin, tree size, root hash, optional extension lines."""

    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = ()

    def text(self) -> str:
        return "".join(
            f"{line}\n"
            for line in (
                self.origin,
                str(self.size),
                base64.b64encode(self.root).decode(),
                *self.extensions,
            )
        )

    @classmethod
    def parse_text(cls, text: str) -> Checkpoint:
        lines = text.split("\n")
        if len(lines) < 4 or lines[-1] != "":
            raise NoteError(
                "checkpoint needs an origin line, a size line and a root hash line, each ending in a newline"
            )
        origin, size_text, root_text, *extensions = lines[:-1]
        if not origin:
            raise NoteError("checkpoint origin line is empty")
        if (
            not size_text.isdigit()
            or not size_text.isascii()
            or (size_text != "0" and size_text.startswith("0"))
        ):
            raise NoteError(
                f"checkpoint tree size {size_text[:30]!r} is not a decimal number without leading zeros"
            )
        size = int(size_text)
        if size >= 2**63:
            raise NoteError("checkpoint tree size is too large")
        root = _b64decode(root_text, "checkpoint root hash")
        if len(root) != HASH_SIZE:
            raise NoteError(f"checkpoint root hash is {len(root)} bytes, expected {HASH_SIZE}")
        if any(not e for e in extensions):
            raise NoteError("checkpoint extension lines must not be empty")
        return cls(origin, size, root, tuple(extensions))


@dataclass(frozen=True)
class SignedCheckpoint:
    checkpoint: Checkpoint
    note: Note
    cosigners: tuple[str, ...] = ()  # names of witnesses whose cosignature verified

    @property
    def witness_count(self) -> int:
        return len(self.cosigners)


def sign_checkpoint(signer: Signer, checkpoint: Checkpoint) -> str:
    text = checkpoint.text()
    return text + "\n" + signer.sign_note(text) + "\n"


def open_checkpoint(
    message: str | bytes,
    log: Verifier,
    origin: str | None = None,
    witnesses: tuple[Verifier, ...] | list[Verifier] = (),
) -> SignedCheckpoint:
    """Parse and verify a signed checkpoint; count the valid cosignatures of known witnesses.

    ``origin`` defaults to the log key's name. Raises NoteError on a foreign origin, a missing
    or bad log signature, or a malformed note. A bad cosignature is ignored (not counted).
    """
    note = Note.parse(message)
    checkpoint = Checkpoint.parse_text(note.text)
    expected = origin or log.name
    if checkpoint.origin != expected:
        raise NoteError(
            f"checkpoint is for the log {checkpoint.origin!r}, not {expected!r} (foreign origin)"
        )
    if note.verified_by(log) is None:
        raise NoteError(
            f"checkpoint carries no signature from the log key {log.name} ({log.key_id.hex()})"
        )
    cosigners = []
    for witness in witnesses:
        try:
            if note.verified_by(witness) is not None:
                cosigners.append(witness.name)
        except NoteError:
            continue
    return SignedCheckpoint(checkpoint, note, tuple(cosigners))
