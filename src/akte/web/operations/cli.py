"""`akte backup` and `akte restore` (registered in `akte.cli`, which sets Django up first)."""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path

import typer
from django.conf import settings
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from . import database
from .archive import BackupError
from .backup import make_backup
from .restore import check_backup, preflight, restore_backup, verify_restore


def read_passphrase(path: Path | None, confirm: bool) -> bytes:
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BackupError(f"passphrase file {path}: {exc}") from exc
        lines = text.splitlines()
        return (lines[0] if lines else "").encode()
    return typer.prompt("Backup passphrase", hide_input=True, confirmation_prompt=confirm).encode()


@contextmanager
def _progress():
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), transient=True
    ) as progress:
        current = {"task": None}

        def step(what: str, total: int | None) -> None:
            if current["task"] is not None:
                progress.update(current["task"], completed=progress.tasks[-1].total or 1)
            current["task"] = progress.add_task(what, total=total)

        def advance() -> None:
            if current["task"] is not None:
                progress.advance(current["task"])

        yield step, advance


def _friendly(work):
    try:
        return work()
    except BackupError as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(code=1) from exc


def backup(out: Path, passphrase_file: Path | None) -> None:
    def work():
        passphrase = read_passphrase(passphrase_file, confirm=True)
        with _progress() as (step, advance):
            manifest = make_backup(out, passphrase, step, advance)
        typer.echo(
            f"backup written to {out}: {database.where()} ({sum(manifest.counts.values())} rows), "
            f"{sum(1 for n in manifest.files if n.startswith('media/'))} media files, status log "
            f"of {manifest.ledger.get('size')} entries; keys sealed in keys.sealed. Keep the "
            "passphrase apart from the backup: without it nothing can be restored."
        )

    _friendly(work)


def restore(source: Path, passphrase_file: Path | None, force: bool, yes: bool) -> None:
    def work():
        passphrase = read_passphrase(passphrase_file, confirm=False)
        with tempfile.TemporaryDirectory(prefix="akte-restore-") as tmp:
            with _progress() as (step, advance):
                step("checking every file", None)
                checked = check_backup(source, passphrase, Path(tmp), lambda _n: advance())
            manifest = checked.manifest
            preflight(checked, force)
            typer.echo(
                f"backup of {manifest.created}: {len(manifest.files)} files checked. It will be "
                f"restored into {database.where()}, the media storage ({settings.MEDIA_ROOT}) "
                f"and the status log at {Path(settings.AKTE_LEDGER_CONFIG).parent}"
                + (" -- replacing what is there (--force)" if force else "")
                + "."
            )
            if not yes and not typer.confirm("Restore now?", default=False):
                raise typer.Exit(code=1)
            with _progress() as (step, advance):
                restore_backup(checked, force, step, advance)
        result = verify_restore(manifest)
        typer.echo(
            f"status log: {'verified' if result.ledger_ok else 'NOT VERIFIED'} "
            f"({result.log_size} entries, {result.checked_commitments} commitments checked); "
            f"sealed hearings: {result.sealed_hearings - len(result.broken_seals)} of "
            f"{result.sealed_hearings} intact; recordings readable: {result.readable_recordings}"
        )
        for problem in result.ledger_problems:
            typer.echo(f"  status log: {problem}")
        for hearing in result.broken_seals:
            typer.echo(f"  hearing {hearing}: the seal does not verify")
        for recording in result.unreadable_recordings:
            typer.echo(f"  recording {recording}: the audio does not decrypt")
        for label, (expected, now) in result.counts_differ.items():
            typer.echo(f"  {label}: {now} rows, the backup had {expected}")
        if not result.ok:
            typer.secho("restored, but the verification failed (above)", fg="red", err=True)
            raise typer.Exit(code=2)
        typer.echo("restored and verified")

    _friendly(work)
