"""Command line for akte.rules (`akte rules ...` and `akte bench rules`)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import typer

from akte.rules.model import RulebookError
from akte.rules.values import FactValueError, show_value

app = typer.Typer(help="akte.rules", no_args_is_help=True)


def _load(path: Path):
    from akte.rules.rulebook import Rulebook

    try:
        return Rulebook.load(path)
    except RulebookError as error:
        typer.echo(error.render(say), err=True)
        raise typer.Exit(code=1) from None


def say(message) -> str:
    """An engine message in English, the command line's language."""
    from akte.words import render

    return render(message, "en")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date: use YYYY-MM-DD") from None


@app.command()
def check(
    path: Path = typer.Argument(..., help="rulebook folder"),
    to_verify: bool = typer.Option(
        False, "--to-verify", help="list the rules marked `verify: true` (figures still to check)"
    ),
) -> None:
    """Load and lint a rulebook; exit 1 with every problem listed."""
    rulebook = _load(path)
    typer.echo(
        f"ok: {rulebook.name} {rulebook.version}: {len(rulebook.rules)} rules, "
        f"{len(rulebook.facts)} facts, {len(rulebook.questions)} questions, "
        f"{len(rulebook.checklist)} checklist items, {len(rulebook.tests)} tests"
    )
    if to_verify:
        marked = [rule for rule in rulebook.rules if rule.verify]
        typer.echo(f"{len(marked)} rules to verify" + (":" if marked else ""))
        for rule in marked:
            typer.echo(f"  {rule.key} ({rule.location}): {rule.source}")


@app.command("test")
def test_cmd(
    path: Path = typer.Argument(..., help="rulebook folder"),
    coverage: bool = typer.Option(
        False, "--coverage", help="list rules and branches no test reached"
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="list passing tests too"),
) -> None:
    """Run the rulebook's YAML tests; a failure shows expected, actual and the explanation."""
    from akte.rules.testing import coverage as measure
    from akte.rules.testing import run_tests

    rulebook = _load(path)
    outcomes = run_tests(rulebook)
    failed = [o for o in outcomes if not o.passed]
    for outcome in outcomes:
        if verbose or not outcome.passed:
            typer.echo(outcome.report(say))
    if not outcomes:
        typer.echo(f"no tests: add YAML tests under {path / 'tests'} (see docs/rules.md)")
    typer.echo(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    if coverage:
        gaps = measure(outcomes).gaps(rulebook)
        typer.echo(f"coverage: {len(gaps)} gaps" + (":" if gaps else ""))
        for line in gaps:
            typer.echo("  " + say(line))
    if failed or not outcomes:
        raise typer.Exit(code=1)


@app.command()
def explain(
    path: Path = typer.Argument(..., help="rulebook folder"),
    fact: str = typer.Argument(..., help="the fact to explain"),
    facts: Path = typer.Option(..., "--facts", help="JSON file: an object of input facts"),
    as_of: str = typer.Option(..., "--as-of", help="YYYY-MM-DD: the rules in force that day"),
    as_json: bool = typer.Option(False, "--json", help="print the tree as JSON"),
) -> None:
    """Explain a fact's value for one case: the rules and inputs behind it, or what is missing."""
    rulebook = _load(path)
    day = _date(as_of)
    try:
        data = json.loads(facts.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("the file must hold one JSON object")
    except (OSError, ValueError) as error:
        typer.echo(f"{facts}: cannot read the facts: {error}", err=True)
        raise typer.Exit(code=1) from None
    try:
        evaluation = rulebook.evaluate(data, as_of=day)
        explanation = evaluation.explain(fact)
    except FactValueError as error:
        typer.echo(f"error: {say(error.message)}", err=True)
        raise typer.Exit(code=1) from None
    except KeyError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=1) from None
    if as_json:
        typer.echo(json.dumps(explanation.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(explanation.render(say))


@app.command()
def diff(
    old: Path = typer.Argument(..., help="old rulebook folder"),
    new: Path = typer.Argument(..., help="new rulebook folder"),
    cases: Path = typer.Option(..., "--cases", help="JSON lines: {id, as_of, facts}"),
    goal: list[str] = typer.Option(None, "--goal", help="facts to compare (default: outcomes)"),
    as_json: bool = typer.Option(False, "--json", help="one JSON object per change"),
) -> None:
    """What-if: which cases' outcomes change between two rulebook versions, and why."""
    from akte.rules.diff import CaseFileError, diff_cases, read_cases, rule_changes

    before, after = _load(old), _load(new)
    if not as_json:
        for line in rule_changes(before, after):
            typer.echo(f"rule {line}")
    total = changed_cases = 0
    seen: set[str] = set()
    try:
        for change in diff_cases(before, after, read_cases(cases), goal or None):
            total += 1
            if change.case not in seen:
                seen.add(change.case)
                changed_cases += 1
            typer.echo(json.dumps(change.to_dict(), ensure_ascii=False) if as_json else str(change))
    except CaseFileError as error:
        detail = f": {say(error.detail)}" if error.detail is not None else ""
        typer.echo(f"error: {error.text}{detail}", err=True)
        raise typer.Exit(code=1) from None
    except OSError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=1) from None
    if not as_json:
        typer.echo(f"{changed_cases} cases changed, {total} outcome changes")


def bench(
    json_output: bool = typer.Option(True, "--json/--text", help="print JSON (default)"),
    rules: int = typer.Option(5000, min=1, help="rules to generate"),
    facts: int = typer.Option(2000, min=40, help="facts to generate"),
    cases: int = typer.Option(300, min=1, help="cases evaluated in full on one core"),
    changes: int = typer.Option(2000, min=1, help="single answers for the incremental run"),
    depth: int = typer.Option(12, min=2, help="layers of derived facts"),
    load_repeat: int = typer.Option(3, min=1, help="cold loads measured"),
    workers: int = typer.Option(1, min=0, help="ignored: the batch runs on one core"),
) -> None:
    """Generate a realistic rulebook; measure load, incremental and batch evaluation, each
    against a baseline from the same run (docs/rules.md, "Benchmark")."""
    from akte.rules.bench import run

    result = run(
        rules=rules,
        facts=facts,
        cases=cases,
        changes=changes,
        depth=depth,
        load_repeat=load_repeat,
    )
    if json_output:
        typer.echo(json.dumps(result))
    else:
        for key, value in result.items():
            typer.echo(f"{key}: {show_value(value) if not isinstance(value, dict) else value}")
