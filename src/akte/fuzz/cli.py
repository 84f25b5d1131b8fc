"""`akte bench fuzz`: every parser that takes outside input, N hostile inputs each."""

from __future__ import annotations

import json

import typer


def bench(
    examples: int = typer.Option(10_000, min=1, help="inputs per parser"),
    seed: int = typer.Option(0, help="random seed of the input generation"),
    parser: list[str] = typer.Option([], "--parser", help="only these parsers (repeatable)"),
    json_output: bool = typer.Option(True, "--json/--text", help="print JSON (default)"),
) -> None:
    """Fuzz every parser that takes outside input; print examples run, failures and time.

    Exits 1 when any parser failed (an exception other than its documented error)."""
    try:
        from akte.fuzz.runner import Result, run_all
        from akte.fuzz.targets import TARGETS
    except ImportError as exc:  # hypothesis is a dev dependency
        typer.echo(f"error: {exc}: install the dev dependencies (pip install -e .[dev])", err=True)
        raise typer.Exit(code=2) from exc
    unknown = sorted(set(parser) - set(TARGETS))
    if unknown:
        typer.echo(f"error: unknown parser {unknown}; known: {', '.join(TARGETS)}", err=True)
        raise typer.Exit(code=2)
    chosen = [TARGETS[name] for name in parser] if parser else list(TARGETS.values())

    def progress(result: Result) -> None:
        typer.echo(
            f"{result.name}: {result.examples} examples, {result.failures} failures, "
            f"{result.seconds:.1f} s",
            err=True,
        )

    report = run_all(chosen, examples, seed, progress)
    if json_output:
        typer.echo(json.dumps(report, ensure_ascii=False))
    else:
        for name, row in report["parsers"].items():
            typer.echo(f"{name}: {row['examples']} examples, {row['failures']} failures, "
                       f"{row['seconds']} s")  # fmt: skip
    if report["total_failures"]:
        raise typer.Exit(code=1)
