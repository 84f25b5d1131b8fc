"""The `akte backup` and `akte restore` commands as `akte.cli` registers them: their options
here, Django set up only when one runs (so the other commands stay fast)."""

from __future__ import annotations

import os
from pathlib import Path

import typer

PassphraseFile = typer.Option(
    None, "--passphrase-file", help="its first line is the passphrase (else you are asked)"
)


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akte.web.settings.dev")
    import django

    django.setup()


def backup(
    out: Path = typer.Option(..., "--out", help="a new folder, or a new file ending in .tar"),
    passphrase_file: Path = PassphraseFile,
) -> None:
    """Back up database, media, status log and keys (sealed under a passphrase)."""
    _setup()
    from akte.web.operations import cli

    cli.backup(out, passphrase_file)


def restore(
    source: Path = typer.Argument(..., help="the backup folder or .tar file"),
    passphrase_file: Path = PassphraseFile,
    force: bool = typer.Option(False, "--force", help="replace a target that is not empty"),
    yes: bool = typer.Option(False, "--yes", help="do not ask before writing"),
) -> None:
    """Check a backup completely, restore it into an empty target, verify the result."""
    _setup()
    from akte.web.operations import cli

    cli.restore(source, passphrase_file, force, yes)
