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


def bench(
    data: Path = typer.Option(
        None, help="folder of the decisions (default ../shared/testdata/court-decisions-dev)"
    ),
    cache: Path = typer.Option(
        Path("var/bench-intake"), help="where the rendered PDFs are kept between runs"
    ),
    ocr_documents: int = typer.Option(
        86, min=0, help="decisions read as scans (0: text layer only)"
    ),
    ocr_pages: int = typer.Option(1, min=1, max=50, help="pages of each decision scanned"),
    show_dev: bool = typer.Option(
        False, help="list the misses of the development part (never the held-out part)"
    ),
    whole_pages: bool = typer.Option(
        True, help="also read the whole published pages (menus and all)"
    ),
    json_output: bool = typer.Option(True, "--json/--no-json"),
) -> None:
    """Macro-F1, confusion per class, file-number exact match, date accuracy and pages/s on
    real court decisions, text layer and OCR, against the plain baseline in the same run."""
    from akte.intake import bench as intake_bench

    folder = data or intake_bench.default_data()
    if not folder.is_dir():
        typer.echo(f"error: no decisions at {folder}", err=True)
        raise typer.Exit(code=1)
    report = intake_bench.run(folder, cache, ocr_documents, ocr_pages, show_dev, whole_pages)
    typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
