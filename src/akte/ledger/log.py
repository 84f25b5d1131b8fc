"""The procedure-status log: the Python API the CLI, the HTTP API and the web app call.

>>> ledger = Ledger(open_store("var/ledger.db"), origin="akte.example/ledger",
...                 signer=signer, master_key=master)          # doctest: +SKIP
>>> receipt = ledger.append("person-17", StatusEvent("1234567-475", "hearing_held",
...                         "BAMF-BER", "2026-11-23T09:30:00Z"))  # doctest: +SKIP
>>> ledger.checkpoint()                                          # doctest: +SKIP
>>> ledger.procedure_history("1234567-475")                      # doctest: +SKIP
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from akte import keys
from akte.core.message import Message
from akte.keys.config import MASTER_KEY_ENV
from akte.ledger import events, merkle, note
from akte.ledger.events import StatusEvent
from akte.ledger.merkle import ProofError
from akte.ledger.store import EntryRow, KeysErased, NewEntry, Store
from akte.ledger.verify import VerifyReport, verify_log

__all__ = ["Erasure", "HistoryEntry", "Ledger", "LedgerError", "Receipt", "VerifyReport"]


class LedgerError(RuntimeError):
    """An operation on the log cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Receipt:
    """Acknowledgement of an appended event: it is committed once you hold this."""

    index: int
    leaf_hash: bytes


@dataclass(frozen=True)
class HistoryEntry:
    """One entry of a procedure's status history, with its proof and verification mark."""

    index: int
    leaf_hash: bytes
    event: StatusEvent | None
    checkpoint_size: int | None  # size of the checkpoint the proof is against
    inclusion_proof: list[bytes]
    verified: bool  # commitment matches the decrypted event and the proof checks out
    reason: str  # why it is (not) verified, in English (CLI, HTTP contract)
    status: Message  # the same as a code (akte.ledger.codes), for the web to say in words


@dataclass(frozen=True)
class Erasure:
    person_entries: int
    tombstone_index: int
    file_compacted: bool | None = None  # SQLite: WAL truncated (None: not applicable)


def procedure_token_key(master: bytes) -> bytes:
    """The key procedure tokens are made with, as derived from a master key."""
    return hmac.new(master, b"akte-ledger/procedure-token/v1", hashlib.sha256).digest()


def _check_person(person: object) -> None:
    if not isinstance(person, str) or not person.strip() or len(person) > 200:
        raise LedgerError("person reference must be a non-empty string of at most 200 characters")


class Ledger:
    """A log over a store. ``signer`` is needed to sign checkpoints, ``master_key`` to
    append, read payloads and erase; read-only uses (proofs, checkpoints) need neither."""

    def __init__(
        self,
        store: Store,
        origin: str,
        *,
        signer: note.Signer | None = None,
        verifier: note.Verifier | None = None,
        master_key: bytes | keys.MasterKeys | None = None,
        witnesses: Sequence[note.Verifier] = (),
        token_key_file: Path | None = None,
    ) -> None:
        self.store = store
        self.origin = origin
        self.signer = signer
        self.verifier = verifier or (signer.verifier if signer else None)
        self._masters = None if master_key is None else keys.as_master_keys(master_key)
        self._token_key_file = token_key_file
        self._token_key: bytes | None = None
        self.witnesses = list(witnesses)
        self._keyring: keys.KeyRing | None = None

    # --- keys ----------------------------------------------------------------------------
    @property
    def master_key(self) -> bytes | None:
        """The master key new data keys are wrapped with (None: read-only for payloads)."""
        return None if self._masters is None else self._masters.wrapping

    def _need_masters(self) -> keys.MasterKeys:
        if self._masters is None:
            raise LedgerError(f"no master key: set master_key in ledger.toml or ${MASTER_KEY_ENV}")
        return self._masters

    def _ring(self) -> keys.KeyRing:
        if self._keyring is None:
            self._keyring = keys.KeyRing(self.store, self._need_masters())
        return self._keyring

    def _data_key(self, person: str, create: bool) -> bytes | None:
        return self._ring().data_key(person, create=create)

    def _load_keys(self, persons: Sequence[str], create: bool) -> None:
        self._ring().load(persons, create=create)

    def data_key(self, person: str, create: bool = True) -> bytes | None:
        """The person's data key (made if ``create`` and missing; None once erased): what
        other records of the person (hearing recordings) wrap their own keys with."""
        _check_person(person)
        return self._data_key(person, create=create)

    # --- appends -------------------------------------------------------------------------
    def prepare(self, person: str, event: StatusEvent) -> NewEntry:
        """Commitment and encrypted payload of one event (no database write)."""
        _check_person(person)
        key = self._data_key(person, create=True)
        assert key is not None
        salt = events.new_salt()
        leaf = events.commitment(salt, event)
        payload = events.canonical_json(
            {"salt": base64.b64encode(salt).decode(), "event": event.to_dict()}
        )
        nonce, ciphertext = keys.encrypt(key, payload, aad=leaf)
        return NewEntry(
            leaf,
            "event",
            procedure=event.procedure,
            person=person,
            nonce=nonce,
            ciphertext=ciphertext,
        )

    def append(self, person: str, event: StatusEvent) -> Receipt:
        return self.append_many([(person, event)])[0]

    def append_many(
        self, items: Iterable[tuple[str, StatusEvent]], batch_size: int = 1000
    ) -> list[Receipt]:
        """Append events in batches (one transaction each); receipts follow the input order."""
        receipts: list[Receipt] = []
        pending: list[tuple[str, StatusEvent]] = []

        def flush() -> None:
            for attempt in (1, 2):
                self._load_keys([p for p, _ in pending], create=True)
                batch = [self.prepare(p, e) for p, e in pending]
                try:
                    first = self.store.append(batch)
                    break
                except KeysErased as exc:  # erased by another process: new keys, once
                    for person in exc.persons:
                        self._ring().forget(person)
                    if attempt == 2:
                        raise LedgerError(str(exc)) from exc
            receipts.extend(Receipt(first + i, e.leaf_hash) for i, e in enumerate(batch))
            pending.clear()

        for person, event in items:
            _check_person(person)
            pending.append((person, event))
            if len(pending) >= batch_size:
                flush()
        if pending:
            flush()
        return receipts

    # --- checkpoints ---------------------------------------------------------------------
    def checkpoint(self) -> str:
        """Sign and store a checkpoint of the current tree; return the signed note."""
        if self.signer is None:
            raise LedgerError(
                "no log signing key: pass --key FILE (create one with `akte ledger keygen`)"
            )
        size, root = self.store.root()
        existing = self.store.checkpoint(size)
        if existing is not None:
            return existing.note
        text = note.sign_checkpoint(self.signer, note.Checkpoint(self.origin, size, root))
        return self.store.add_checkpoint(size, root, text, events.utc_now()).note

    def latest_checkpoint_text(self) -> str | None:
        """The newest signed checkpoint with every stored witness cosignature appended."""
        row = self.store.checkpoint()
        if row is None:
            return None
        cosignatures = self.store.cosignatures(row.size)
        return row.note + "".join(line + "\n" for line in cosignatures)

    def latest_checkpoint(self) -> note.SignedCheckpoint | None:
        """The newest checkpoint, verified, with the names of the witnesses that cosigned it."""
        text = self.latest_checkpoint_text()
        if text is None:
            return None
        return note.open_checkpoint(text, self.need_verifier(), self.origin, self.witnesses)

    def need_verifier(self) -> note.Verifier:
        """The log's verifier key; LedgerError if none is configured."""
        if self.verifier is None:
            raise LedgerError("no log verifier key configured")
        return self.verifier

    def add_cosignature(self, message: str) -> str:
        """Store a witness cosignature sent as a cosigned checkpoint; return the witness name."""
        signed = note.open_checkpoint(message, self.need_verifier(), self.origin, self.witnesses)
        stored = self.store.checkpoint(signed.checkpoint.size)
        if stored is None or stored.root != signed.checkpoint.root:
            raise LedgerError(
                f"the log has no checkpoint with size {signed.checkpoint.size} and that root"
            )
        if not signed.cosigners:
            raise LedgerError("no valid cosignature from a configured witness key")
        for witness in self.witnesses:
            if witness.name in signed.cosigners:
                line = signed.note.verified_by(witness)
                assert line is not None
                self.store.add_cosignature(signed.checkpoint.size, witness.name, line.line)
        return ", ".join(signed.cosigners)

    # --- proofs and history --------------------------------------------------------------
    def inclusion_proof(self, index: int, size: int) -> list[bytes]:
        return self.store.inclusion_proof(index, size)

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]:
        return self.store.consistency_proof(old_size, new_size)

    def open_entry(self, row: EntryRow) -> StatusEvent | None:
        """Decrypt an entry's event and check it against its commitment (None if erased)."""
        if row.kind != "event" or row.person is None or row.ciphertext is None or row.nonce is None:
            return None
        key = self._data_key(row.person, create=False)
        if key is None:
            return None
        payload = json.loads(keys.decrypt(key, row.nonce, row.ciphertext, aad=row.leaf_hash))
        event = StatusEvent.from_dict(payload["event"])
        if events.commitment(base64.b64decode(payload["salt"]), event) != row.leaf_hash:
            raise LedgerError(
                f"entry {row.index}: the decrypted event does not match its commitment"
            )
        return event

    def entry_problem(self, row: EntryRow) -> str | None:
        """Why an entry does not open against its commitment, or None if it does."""
        try:
            self.open_entry(row)
        except (LedgerError, keys.CryptoError, ValueError) as exc:
            return str(exc)
        return None

    def procedure_history(self, procedure: str) -> list[HistoryEntry]:
        """A procedure's entries in log order with inclusion proofs against the latest checkpoint."""
        signed = self.latest_checkpoint()
        rows = self.store.entries_for_procedure(procedure)
        proofs = self._proofs_of(rows, signed)
        result = []
        for row in rows:
            event, proof, verified, reason = None, [], False, ""
            try:
                event = self.open_entry(row)
                if signed is None or row.index >= signed.checkpoint.size:
                    reason = "not yet covered by a signed checkpoint"
                    status = Message("ledger.history.pending")
                else:
                    size = signed.checkpoint.size
                    try:
                        proof = proofs.get(row.index)
                        if proof is None:
                            proof = self.store.inclusion_proof(row.index, size)
                    except LedgerError as exc:  # the tree cannot prove it: not the entry's fault
                        raise ProofError(str(exc)) from exc
                    merkle.verify_inclusion(
                        row.leaf_hash, row.index, size, proof, signed.checkpoint.root
                    )
                    verified, reason = True, f"included in checkpoint of size {size}"
                    status = Message("ledger.history.included", {"size": size})
            except ProofError as exc:
                reason, status = str(exc), Message("ledger.history.proof_invalid")
            except keys.CryptoError as exc:
                reason, status = str(exc), Message("ledger.history.payload_unreadable")
            except LedgerError as exc:
                code = "commitment_mismatch" if self._masters is not None else "no_master_key"
                reason, status = str(exc), Message(f"ledger.history.{code}")
            size = signed.checkpoint.size if signed else None
            result.append(
                HistoryEntry(row.index, row.leaf_hash, event, size, proof, verified, reason, status)
            )
        return result

    def _proofs_of(self, rows: Sequence[EntryRow], signed) -> dict[int, list[bytes]]:
        """The rows' inclusion proofs against the signed checkpoint, in one read; empty if
        that read fails (then each row is proved on its own, and says what went wrong)."""
        if signed is None:
            return {}
        size = signed.checkpoint.size
        try:
            return self.store.inclusion_proofs([r.index for r in rows if r.index < size], size)
        except (RuntimeError, ProofError):  # a damaged store, a size beyond the log
            return {}

    # --- procedure tokens (applicant and counsel open the status page without a login) ---
    def procedure_token(self, procedure: str) -> str:
        """A capability token for reading one procedure's status (derived, never stored)."""
        mac = hmac.new(self._procedure_token_key(), procedure.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac[:24]).decode()

    def _procedure_token_key(self) -> bytes:
        """The tokens' key: kept in its own file once a master-key rotation wrote it (so
        tokens handed out stay valid), else derived from the master key."""
        if self._token_key is None and self._token_key_file and self._token_key_file.is_file():
            self._token_key = keys.load_master_key(self._token_key_file)
        if self._token_key is not None:
            return self._token_key
        return procedure_token_key(self._need_masters().unwrapping[-1])

    def check_procedure_token(self, procedure: str, token: str) -> bool:
        """True for `procedure`'s token; False for any other text, non-ASCII included
        (`hmac.compare_digest` compares str only when both are ASCII, so compare bytes)."""
        if not isinstance(token, str) or not token.isascii():
            return False
        return hmac.compare_digest(self.procedure_token(procedure).encode(), token.encode())

    # --- erasure -------------------------------------------------------------------------
    def erase_person(self, person: str) -> Erasure:
        """Crypto-shred a person: data key, salts and payloads go; a tombstone is appended."""

        def make_tombstone(count: int) -> NewEntry:
            public_json, leaf = events.tombstone(count)
            return NewEntry(leaf, "tombstone", public_json=public_json)

        count, index = self.store.erase_person(person, make_tombstone)
        self._ring().forget(person)
        compact = getattr(self.store, "compact", None)
        compacted = compact() if compact is not None else None
        return Erasure(count, index, compacted)

    # --- whole-log verification ----------------------------------------------------------
    def verify(self, deep: bool = True) -> VerifyReport:
        """Check the whole log against the latest checkpoint (see docs/ledger.md)."""
        report = VerifyReport(ok=True, log_size=self.store.size(), checkpoint_size=0)
        try:
            latest = self.latest_checkpoint()
        except (note.NoteError, LedgerError) as exc:
            report.add(None, f"latest checkpoint does not verify: {exc}")
            return report
        if latest is None:
            report.add(None, "the log has no checkpoint yet: run `akte ledger checkpoint`")
            return report
        verifier = self.need_verifier()

        def open_checkpoint(text: str) -> note.Checkpoint:
            return note.open_checkpoint(text, verifier, self.origin).checkpoint

        check_entry = self.entry_problem if self._masters is not None else None
        return verify_log(self.store, report, latest.checkpoint, open_checkpoint, check_entry, deep)
