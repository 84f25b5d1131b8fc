"""`akte intake`: read mail from courts and authorities (no database, no network)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

app = typer.Typer(help="Mail intake: read, classify and extract.", no_args_is_help=True)


def _say(code: str, params: dict) -> str:
    from akte.core.message import Message
    from akte.words import render

    return render(Message(code, params), "en")


@app.command("read")
def read(
    files: list[Path] = typer.Argument(..., help="PDFs, images, .eml or XJustiz .xml files"),
    json_output: bool = typer.Option(
        False, "--json", help="one JSON object per document (JSON Lines)"
    ),
) -> None:
    """Read, classify and extract each document; an unreadable one gets an error and the
    command goes on. An .eml or XJustiz message gives one object per document, with "part"."""
    from akte.intake.pipeline import read_files

    for _, out in read_files([str(f) for f in files]):
        if "error" in out:
            out["reason"] = _say(out["error"], out["error_params"])
        if json_output:
            typer.echo(json.dumps(out, ensure_ascii=False))
            continue
        name = out["file"] + (f" [{out['part']}]" if "part" in out else "")
        if "error" in out:
            typer.echo(f"{name}: error: {out['reason']}")
        else:
            numbers = ", ".join(out["court_file_numbers"]) or "-"
            flag = " (review)" if out["needs_review"] else ""
            typer.echo(
                f"{name}: {out['kind'] or '?'} {out['document_class'] or ''} {out['confidence']:.2f}"
                f" {numbers} {out['document_date'] or '-'}{flag}"
            )
