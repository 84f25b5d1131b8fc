"""Command line for akte.dublin (`akte dublin deadlines` and `akte bench dublin`).

`akte dublin deadlines EVENTS.json [--as-of DATE] --json` is a contract other tools use
(docs/dublin.md): the answer on stdout; input that breaks the contract exits with status 2 and
`{"error": {"code", "event_index", "field"}}` on stdout, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import typer

from akte.dublin.events import DublinInputError

app = typer.Typer(help="Dublin III and AMMR deadlines.", no_args_is_help=True)
MAX_INPUT_BYTES = 1_000_000


def say(message) -> str:
    from akte.words import render

    return render(message, "en")


def _as_of(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date: use YYYY-MM-DD") from None


def read_input(path: Path) -> object:
    """The JSON of EVENTS.json; raises `DublinInputError` for a file that is no contract input."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_INPUT_BYTES + 1)
    except OSError:
        raise DublinInputError("dublin.input.unreadable") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise DublinInputError("dublin.input.too_large")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise DublinInputError("dublin.input.not_json") from None


@app.command("deadlines")
def deadlines_cmd(
    events: Path = typer.Argument(..., help="EVENTS.json: {role, events: [{type, date, ...}]}"),
    as_of: str = typer.Option(None, "--as-of", help="YYYY-MM-DD (default today): sets the states"),
    as_json: bool = typer.Option(False, "--json", help="print the contract's JSON"),
) -> None:
    """Every deadline of one procedure: due date, article, state, consequence, explanation."""
    from akte.dublin.deadlines import deadlines

    day = _as_of(as_of)
    try:
        result = deadlines(read_input(events), day, explain=as_json)
    except DublinInputError as error:
        typer.echo(json.dumps({"error": error.to_dict()}))
        raise typer.Exit(code=2) from None
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    from akte.core.message import Message

    typer.echo(say(Message(f"dublin.regulation.{result['regulation']}")))
    for item in result["deadlines"]:
        name = say(Message(f"dublin.deadline.{item['id']}"))
        state = say(Message(f"dublin.state.{item['state']}"))
        typer.echo(f"{item['due'] or '-':10}  {state:14}  {name} ({item['article']})")


def bench(
    procedures: int = typer.Option(2000, "--procedures", "-n", help="event sets to answer"),
    seed: int = typer.Option(7, help="seed of the synthetic event sets"),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """Deadlines per second for N synthetic procedures, against a naive full re-evaluation."""
    from akte.dublin.bench import run

    result = run(procedures, seed)
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        typer.echo(f"{key}: {value}")
