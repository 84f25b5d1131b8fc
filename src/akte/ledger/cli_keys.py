"""`akte keys`: the master key's rotation (see `akte.keys.rotation`, docs/operations.md)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from akte.ledger.cli_support import ConfigOption, friendly
from akte.ledger.config import load_config
from akte.ledger.rotation import ROTATION_LOG, rotate_master_key
from akte.ledger.stores import open_store

app = typer.Typer(help="The master key: rotation.", no_args_is_help=True)


@app.command()
def rotate(
    config: Path = ConfigOption,
    page: int = typer.Option(500, min=1, max=100_000, help="data keys per transaction"),
) -> None:
    """Make a new master key and rewrap every data key under it, while the server runs.

    Resumable: run it again after an interruption and it continues the same rotation."""
    with friendly():
        cfg = load_config(config)
        store = open_store(cfg.database, cfg.table_prefix)
        try:
            total = store.count_data_keys()
        finally:
            store.close()
        with Progress(
            TextColumn("rewrapping data keys"), BarColumn(), MofNCompleteColumn(), transient=True
        ) as progress:
            task = progress.add_task("rewrap", total=total)
            report = rotate_master_key(cfg, on_page=lambda n: progress.advance(task, n), page=page)
        typer.echo(
            f"{'resumed and finished' if report.resumed else 'finished'}: {report.rewrapped} "
            f"data keys rewrapped ({report.already_new} were under the new key already), "
            f"{report.passes} passes; master key {report.old_fingerprint} replaced by "
            f"{report.new_fingerprint} in {cfg.master_key}; log: "
            f"{cfg.path.parent / ROTATION_LOG}. Make a new backup now: older backups hold the "
            "old master key."
        )
