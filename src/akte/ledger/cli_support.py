"""What every `akte ledger` command shares: the --config option, reading JSON input, and
expected errors as one line and an exit code (a witness alarm as exit code 3)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from akte import keys
from akte.ledger import merkle, note
from akte.ledger.config import ConfigError
from akte.ledger.events import EventError
from akte.ledger.log import LedgerError
from akte.ledger.store import StoreError
from akte.ledger.witness import ForkDetected, WitnessError

ConfigOption = typer.Option(
    None,
    "--config",
    "-c",
    help="ledger.toml (default $AKTE_LEDGER_CONFIG or var/ledger/ledger.toml)",
)
EXPECTED = (
    ConfigError,
    LedgerError,
    StoreError,
    EventError,
    keys.CryptoError,
    note.NoteError,
    merkle.ProofError,
    WitnessError,
    OSError,
    json.JSONDecodeError,
    UnicodeDecodeError,
)


@contextmanager
def friendly() -> Iterator[None]:
    """Turn expected errors into one line and an exit code."""
    try:
        yield
    except ForkDetected as exc:
        typer.secho("!" * 72, fg="red", bold=True, err=True)
        typer.secho(f"WITNESS ALERT: {exc}", fg="red", bold=True, err=True)
        typer.secho(
            "Do not cosign this log again until the operator explains the fork.", fg="red", err=True
        )
        typer.secho("!" * 72, fg="red", bold=True, err=True)
        raise typer.Exit(code=3) from exc
    except EXPECTED as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(code=1) from exc


def read_input(source: str) -> object:
    text = sys.stdin.read() if source == "-" else Path(source).read_text()
    return json.loads(text)
