"""`akte ledger proof ...`: inclusion and consistency proofs as JSON, and checking one offline."""

from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path

import typer

from akte.ledger import merkle
from akte.ledger.cli_support import ConfigOption, friendly, read_input
from akte.ledger.config import load_config, open_ledger
from akte.ledger.http import b64
from akte.ledger.log import LedgerError

proof_app = typer.Typer(
    help="Inclusion and consistency proofs: get them, check them.", no_args_is_help=True
)


@proof_app.command("inclusion")
def proof_inclusion(
    index: int = typer.Option(...),
    size: int = typer.Option(None, help="default: latest checkpoint"),
    config: Path = ConfigOption,
) -> None:
    """Print an inclusion proof as JSON (with the checkpoint root it is for)."""
    with friendly():
        ledger = open_ledger(load_config(config))
        if size is None:
            signed = ledger.latest_checkpoint()
            if signed is None:
                raise LedgerError("no checkpoint yet: pass --size or run `akte ledger checkpoint`")
            size = signed.checkpoint.size
        proof = ledger.inclusion_proof(index, size)
        leaf = ledger.store.leaf_hashes(index, index + 1)[0]
        _, root = ledger.store.root(size)
        typer.echo(
            json.dumps(
                {
                    "type": "inclusion",
                    "index": index,
                    "size": size,
                    "leaf_hash": b64(leaf),
                    "root": b64(root),
                    "proof": [b64(p) for p in proof],
                }
            )
        )


@proof_app.command("consistency")
def proof_consistency(
    old: int = typer.Option(...),
    new: int = typer.Option(None, help="default: current size"),
    config: Path = ConfigOption,
) -> None:
    """Print a consistency proof as JSON (with both roots)."""
    with friendly():
        ledger = open_ledger(load_config(config))
        new = ledger.store.size() if new is None else new
        if old > new:
            raise merkle.ProofError(
                f"old size {old} is larger than new size {new}: a log never shrinks"
            )
        proof = ledger.consistency_proof(old, new)
        typer.echo(
            json.dumps(
                {
                    "type": "consistency",
                    "old": old,
                    "new": new,
                    "old_root": b64(ledger.store.root(old)[1]),
                    "new_root": b64(ledger.store.root(new)[1]),
                    "proof": [b64(p) for p in proof],
                }
            )
        )


def _hash(doc: dict, key: str) -> bytes:
    value = doc.get(key)
    if not isinstance(value, str):
        raise merkle.ProofError(f"'{key}' must be a base64 string")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise merkle.ProofError(f"'{key}' is not valid base64") from exc


@proof_app.command("check")
def proof_check(
    source: str = typer.Argument(
        "-", help="a proof JSON as printed by `proof inclusion|consistency`"
    ),
) -> None:
    """Verify a proof offline (no database): prints `valid` or the reason it is not."""
    with friendly():
        doc = read_input(source)
        if not isinstance(doc, dict) or not isinstance(doc.get("proof"), list):
            raise merkle.ProofError("expected a JSON object with 'type' and a 'proof' list")
        proof = [_hash({"p": p}, "p") for p in doc["proof"]]
        if doc.get("type") == "inclusion":
            merkle.verify_inclusion(
                _hash(doc, "leaf_hash"),
                doc.get("index"),
                doc.get("size"),
                proof,
                _hash(doc, "root"),
            )
        elif doc.get("type") == "consistency":
            merkle.verify_consistency(
                doc.get("old"),
                doc.get("new"),
                _hash(doc, "old_root"),
                _hash(doc, "new_root"),
                proof,
            )
        else:
            raise merkle.ProofError("'type' must be 'inclusion' or 'consistency'")
        typer.echo("valid")
