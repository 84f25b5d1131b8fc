"""A witness (C2SP tlog-cosignature cosigner) that checks the log never rewrites history.

State directory layout:

- ``log.vkey``       the log's verifier key, pinned on the first run
- ``checkpoint``     the newest checkpoint this witness verified and cosigned
- ``lock``           held while a run is in progress (one run at a time)
- ``FORK-<time>.txt`` evidence written when a fork or rollback is detected

One run: fetch ``GET {url}/checkpoint``, verify the log signature and origin; compare with the
stored checkpoint: a smaller size is a rollback, the same size with another root is a fork;
otherwise fetch ``GET {url}/proof/consistency?old=&new=`` and verify it (failure = fork).
Only then store the new checkpoint, cosign it and ``POST {url}/cosignature``.
"""

from __future__ import annotations

import base64
import binascii
import fcntl
import json
import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from akte.ledger import merkle, note

TIMEOUT = 15


class WitnessError(RuntimeError):
    """The witness could not do its check (network, bad response, bad configuration)."""


class ForkDetected(WitnessError):
    """The log showed two incompatible histories (fork) or went back in time (rollback)."""

    def __init__(self, message: str, evidence: Path | None) -> None:
        super().__init__(message)
        self.evidence = evidence


@dataclass(frozen=True)
class WitnessResult:
    previous_size: int | None
    size: int
    root: bytes
    cosignature: str  # the signature line
    cosigned_note: str  # the checkpoint with the cosignature appended
    posted: bool
    post_error: str | None = None  # why the log did not take the cosignature, if it did not


def _get(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310 (http(s) URL from the operator)
            return response.read(2_000_000)
    except urllib.error.HTTPError as exc:
        detail = exc.read(500).decode(errors="replace")
        raise WitnessError(f"GET {url} failed with HTTP {exc.code}: {detail}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise WitnessError(f"GET {url} failed: {exc}") from exc


def _post(url: str, body: str) -> None:
    request = urllib.request.Request(  # noqa: S310 (scheme checked in witness_once)
        url,
        data=body.encode(),
        method="POST",
        headers={"Content-Type": "text/plain; charset=utf-8"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT):  # noqa: S310
            pass
    except urllib.error.HTTPError as exc:
        detail = exc.read(500).decode(errors="replace")
        raise WitnessError(f"POST {url} failed with HTTP {exc.code}: {detail}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise WitnessError(f"POST {url} failed: {exc}") from exc


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _evidence(state: Path, kind: str, details: dict) -> Path:
    path = state / f"FORK-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}-{kind}.txt"
    _write_atomic(path, json.dumps(details, indent=2) + "\n")
    return path


def pinned_log_key(state: Path, log_key: note.Verifier | None) -> note.Verifier:
    """The log key stored in the state directory; pin ``log_key`` on the first run."""
    pinned = state / "log.vkey"
    if pinned.is_file():
        stored = note.Verifier.parse(pinned.read_text())
        if log_key is not None and log_key != stored:
            raise WitnessError(
                f"{pinned} pins another log key ({stored.vkey()}); refusing to switch logs silently"
            )
        return stored
    if log_key is None:
        raise WitnessError(f"no log key pinned in {state}: pass --log-key VKEY on the first run")
    if log_key.alg != note.ED25519:
        raise WitnessError("the log key must be an Ed25519 note key (type 0x01)")
    _write_atomic(pinned, log_key.vkey() + "\n")
    return log_key


def witness_once(
    url: str,
    state_dir: str | Path,
    signer: note.Signer,
    log_key: note.Verifier | None = None,
    post: bool = True,
) -> WitnessResult:
    """Check the log at ``url`` once; return the cosignature or raise ForkDetected/WitnessError."""
    if signer.alg != note.COSIGNATURE_V1:
        raise WitnessError(
            "the witness key must be a cosigner key (type 0x04): `akte ledger keygen --witness`"
        )
    if not url.startswith(("http://", "https://")):
        raise WitnessError(f"log URL {url!r} must start with http:// or https://")
    state = Path(state_dir)
    state.mkdir(parents=True, exist_ok=True)
    base = url.rstrip("/")
    with open(state / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        log = pinned_log_key(state, log_key)
        text = _get(f"{base}/checkpoint").decode("utf-8", errors="replace")
        try:
            signed = note.open_checkpoint(text, log)
        except note.NoteError as exc:
            raise WitnessError(f"checkpoint from {base} rejected: {exc}") from exc
        new = signed.checkpoint
        stored_file = state / "checkpoint"
        old = (
            note.open_checkpoint(stored_file.read_text(), log).checkpoint
            if stored_file.is_file()
            else None
        )
        if old is not None:
            _check_append_only(base, state, old, new, text)
        # the body signed by the log only: drop other signature lines
        log_line = signed.note.verified_by(log)
        assert log_line is not None
        clean = signed.note.text + "\n" + log_line.line + "\n"
        cosignature = signer.cosign(signed.note.text)
        _write_atomic(stored_file, clean)
        cosigned = clean + cosignature + "\n"
        if post:
            _post(f"{base}/cosignature", cosigned)
        return WitnessResult(
            old.size if old else None, new.size, new.root, cosignature, cosigned, post
        )


def _check_append_only(
    base: str, state: Path, old: note.Checkpoint, new: note.Checkpoint, new_text: str
) -> None:
    details = {
        "log": base,
        "old_size": old.size,
        "old_root": base64.b64encode(old.root).decode(),
        "new_size": new.size,
        "new_root": base64.b64encode(new.root).decode(),
        "new_checkpoint": new_text,
    }
    if new.size < old.size:
        path = _evidence(state, "rollback", details)
        raise ForkDetected(
            f"ROLLBACK: the log at {base} now shows size {new.size} after it showed {old.size}; evidence in {path}",
            path,
        )
    if new.size == old.size:
        if new.root != old.root:
            path = _evidence(state, "fork", details)
            raise ForkDetected(
                f"FORK: the log at {base} shows two different roots for size {new.size}; evidence in {path}",
                path,
            )
        return
    body = _get(f"{base}/proof/consistency?old={old.size}&new={new.size}")
    try:
        proof = [base64.b64decode(p, validate=True) for p in json.loads(body)["proof"]]
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise WitnessError(f"consistency proof from {base} is malformed: {exc}") from exc
    try:
        merkle.verify_consistency(old.size, new.size, old.root, new.root, proof)
    except merkle.ProofError as exc:
        details["proof"] = [base64.b64encode(p).decode() for p in proof]
        details["reason"] = str(exc)
        path = _evidence(state, "fork", details)
        raise ForkDetected(
            f"FORK: the log at {base} cannot prove size {new.size} extends size {old.size} ({exc}); evidence in {path}",
            path,
        ) from exc
