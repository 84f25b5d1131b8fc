"""Command line for akte.courses (`akte courses ...` and `akte bench courses`)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import typer

app = typer.Typer(help="akte.courses", no_args_is_help=True)


def say(message) -> str:
    from akte.words import render

    return render(message, "en")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date: use YYYY-MM-DD") from None


def _facts(pairs: list[str]) -> dict:
    facts = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise typer.BadParameter(f"{pair!r}: use name=value")
        facts[name] = {"true": True, "false": False}.get(value, value)
    return facts


@app.command()
def entitlement(
    as_of: str = typer.Option(..., "--as-of", help="the day of enrolment, YYYY-MM-DD"),
    fact: list[str] = typer.Option([], "--fact", "-f", help="an input of the rulebook, name=value"),
) -> None:
    """Check who may or must attend (§ 45a (2) AufenthG), with reasons and the rules' explanation."""
    from akte.courses.entitlement import check_entitlement
    from akte.rules.values import FactValueError

    try:
        check = check_entitlement(_facts(fact), _date(as_of))
    except FactValueError as error:
        typer.echo(say(error.message), err=True)
        raise typer.Exit(code=1) from None
    for reason in check.reasons:
        typer.echo(say(reason))
    for line in check.explanation:
        typer.echo("  " * (line.depth + 1) + say(line.message))
    raise typer.Exit(code=1 if check.refused else 0)


@app.command("bill")
def bill_cmd(
    path: Path = typer.Argument(
        ..., help="a course as JSON: module, days [[date, units]], participants, marks"
    ),
) -> None:
    """Bill a course described in a JSON file; print the invoice as JSON (exit 1 on problems)."""
    from akte.courses.billing import bill
    from akte.courses.model import Course, CourseDay, Mark, Participant

    data = json.loads(path.read_text(encoding="utf-8"))
    course = Course(
        str(data.get("id", "course")),
        data["module"],
        tuple(CourseDay(_date(d), int(u)) for d, u in data["days"]),
    )
    people = [Participant(str(p["id"]), p.get("facts", {})) for p in data["participants"]]
    marks = (
        Mark(
            str(m[0]),
            _date(m[1]),
            m[2],
            int(m[3]) if len(m) > 3 else 0,
            bool(m[4]) if len(m) > 4 else None,
        )
        for m in data["marks"]
    )
    invoice = bill(course, people, marks, _date(data["first"]), _date(data["last"]))

    def plain(value):
        return str(value) if isinstance(value, Decimal | dt.date) else value

    out = {
        "course": invoice.course,
        "total": str(invoice.total),
        "contributions": str(invoice.contributions),
        "payable": str(invoice.payable),
        "problems": [say(p) for p in invoice.problems],
        "lines": [
            {
                "participant": line.participant,
                "first": plain(line.first),
                "last": plain(line.last),
                "rate": plain(line.rate),
                "rate_rule": line.rate_rule,
                "units_billable": line.units_billable,
                "amount": plain(line.amount),
                "contribution": plain(line.contribution),
                "explanation": [say(m) for m in line.explanation],
            }
            for line in invoice.lines
        ],
    }
    typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
    raise typer.Exit(code=0 if invoice.ok else 1)


def bench(
    courses: int = typer.Option(
        10_000, min=1, help="courses to bill (25 participants, 400 units each)"
    ),
    naive: int = typer.Option(20, min=0, help="courses of the sample billed the naive way as well"),
    json_output: bool = typer.Option(True, "--json/--no-json"),
) -> None:
    """Invoices per second, streamed attendance, against a naive per-mark computation."""
    from akte.courses.bench import run

    result = run(courses=courses, naive_courses=naive)
    typer.echo(json.dumps(result, indent=2))
