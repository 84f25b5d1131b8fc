"""Command line for akte.analytics (`akte analytics ...`, `akte bench analytics`).

`akte analytics snapshot` needs the web application's database and lives in `akte.cli`.
"""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import json
import sys
from pathlib import Path

import typer

from .config import ENGINES
from .reports import ReportError, catalogue

app = typer.Typer(help="akte.analytics", no_args_is_help=True)


def say(error: ReportError) -> str:
    from akte.core.message import Message
    from akte.words import render

    return render(Message(error.code, error.params), "en")


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date: use YYYY-MM-DD") from None


@app.command("list")
def list_reports() -> None:
    """Every report, its kind, its dimensions and its source."""
    for name, rep in catalogue().reports.items():
        period = "" if rep.period == "none" else f"{rep.period} x "
        typer.echo(f"{name}: {rep.kind}, {period}{rep.dimension} (--by {'|'.join(rep.by)})")
        typer.echo(f"    {rep.source}")


@app.command()
def report(
    name: str = typer.Argument(..., help="a report from `akte analytics list`"),
    engine: str = typer.Option(None, help=f"{' | '.join(ENGINES)} (default: configured)"),
    snapshot: Path = typer.Option(None, help="a snapshot, or a folder of them (the newest)"),
    date_from: str = typer.Option(None, "--from", help="first day, YYYY-MM-DD"),
    date_to: str = typer.Option(None, "--to", help="last day, YYYY-MM-DD"),
    by: str = typer.Option(None, help="the second dimension"),
    min_persons: int = typer.Option(None, min=1, help="suppression threshold"),
    as_json: bool = typer.Option(False, "--json", help="JSON"),
    as_csv: bool = typer.Option(False, "--csv", help="CSV"),
    parquet: Path = typer.Option(None, "--parquet", help="write a Parquet file"),
) -> None:
    """One report with disclosure control applied; exit 2 with a JSON error when refused."""
    from .run import run

    if engine is not None and engine not in ENGINES:
        raise typer.BadParameter(f"{engine!r}: use one of {', '.join(ENGINES)}")
    try:
        result = run(
            name,
            folder=snapshot,
            engine=engine,
            by=by,
            date_from=_date(date_from),
            date_to=_date(date_to),
            min_persons=min_persons,
            reader=f"cli:{getpass.getuser()}",
        )
    except ReportError as error:
        params = {k: str(v) for k, v in error.params.items()}
        typer.echo(json.dumps({"error": {"code": error.code, **params}}))
        typer.echo(say(error), err=True)
        raise typer.Exit(code=2) from None
    columns = [*result.dimensions, "value", "persons", "suppressed"]
    if parquet is not None:
        _write_parquet(parquet, columns, result.rows)
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(result.rows)
    elif as_json or parquet is None:
        manifest = result.manifest
        typer.echo(
            json.dumps(
                {
                    "report": result.report,
                    "engine": result.engine,
                    "dimensions": list(result.dimensions),
                    "min_persons": result.min_persons,
                    "snapshot": {
                        "created_at": manifest.created_at.isoformat(),
                        "key_id": manifest.key_id,
                        "synthetic": manifest.synthetic,
                    },
                    "rows": result.rows,
                },
                ensure_ascii=False,
            )
        )


def _write_parquet(path: Path, columns: list[str], rows: list[dict]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({column: [row.get(column) for row in rows] for column in columns})
    pq.write_table(table, path)


@app.command()
def synth(
    procedures: int = typer.Option(100_000, min=1, max=10_000_000, help="procedures"),
    out: Path = typer.Option(..., help="snapshot folder to write"),
    seed: int = typer.Option(1, help="the same seed gives the same history"),
) -> None:
    """Write a synthetic history (2015-2026) as a snapshot, generated in DuckDB SQL."""
    from .synth import generate

    generate(procedures, out, seed=seed, echo=typer.echo)


def bench(
    procedures: int = typer.Option(1_000_000, min=1000, help="procedures of the main run"),
    large: int = typer.Option(0, min=0, help="also at this many procedures (e.g. 10000000)"),
    spark: bool = typer.Option(True, "--spark/--no-spark", help="also on Spark local"),
    repeat: int = typer.Option(5, min=1, help="runs per report"),
    folder: Path = typer.Option(Path("var/bench-analytics"), help="where snapshots go"),
) -> None:
    """Every report's time on DuckDB (and Spark) beside a naive baseline; prints JSON."""
    from .bench import run

    typer.echo(json.dumps(run(procedures, large, spark, repeat, folder, echo=_err)))


def _err(text: str) -> None:
    typer.echo(text, err=True)
