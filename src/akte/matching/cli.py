"""Command line for akte.matching (`akte match ...` and `akte bench matching`)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from akte.matching import config
from akte.matching.index import PersonIndex, QueryError, parse_query
from akte.matching.record import PersonRecord, RecordError, read_jsonl
from akte.words import render

app = typer.Typer(help="Person similarity search.", no_args_is_help=True)
index_app = typer.Typer(help="Build or update the search index.", no_args_is_help=True)
app.add_typer(index_app, name="index")

INDEX_OPTION = typer.Option(
    None,
    "--index",
    help="index directory",
    show_default=f"$AKTE_MATCH_INDEX or {config.DEFAULT_INDEX}",
)
err = Console(stderr=True)


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(code=code)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err,
    )  # fmt: skip


def _index_path(path: Path | None) -> Path:
    return path if path is not None else config.settings().index


def _load(path: Path | None) -> PersonIndex:
    path = _index_path(path)
    try:
        return PersonIndex.load(path)
    except (FileNotFoundError, ValueError, RecordError) as exc:
        _fail(str(exc))
        raise  # unreachable


def _read(records: Path) -> list[PersonRecord]:
    if not records.is_file():
        _fail(
            f"{records}: no such file (expected JSON Lines of person records, see docs/matching.md)"
        )
    try:
        return list(read_jsonl(records))
    except RecordError as exc:
        _fail(str(exc))
        raise


def _add_all(index: PersonIndex, records: list[PersonRecord], label: str) -> None:
    with _progress() as progress:
        task = progress.add_task(label, total=len(records))
        for i, record in enumerate(records, 1):
            index.add(record)
            if i % 1000 == 0 or i == len(records):
                progress.update(task, completed=i)


@index_app.command("build")
def index_build(
    records: Path = typer.Argument(..., help="JSON Lines file of person records"),
    index: Path = INDEX_OPTION,
) -> None:
    """Build a new index from a JSON Lines file (replaces the index at --index)."""
    loaded = _read(records)
    built = PersonIndex()
    _add_all(built, loaded, "indexing")
    index = _index_path(index)
    built.save(index)
    typer.echo(f"indexed {len(built)} records into {index}")


@index_app.command("update")
def index_update(
    records: Path = typer.Argument(None, help="JSON Lines file: records to add or replace"),
    remove: list[str] = typer.Option([], "--remove", help="id of a record to remove (repeatable)"),
    index: Path = INDEX_OPTION,
) -> None:
    """Add or replace records (same id) and remove records, without a rebuild."""
    current = _load(index)
    loaded = _read(records) if records else []
    _add_all(current, loaded, "updating")
    missing = [rid for rid in remove if not current.remove(rid)]
    current.save(_index_path(index))
    typer.echo(
        f"{len(loaded)} added or replaced, {len(remove) - len(missing)} removed; {len(current)} records"
    )
    if missing:
        err.print(f"not in the index (nothing removed): {', '.join(missing)}", highlight=False)


@app.command()
def search(
    name: str = typer.Argument(..., help="the name as known, in any script and order"),
    born: str = typer.Option(None, help="birth date: 1990, 03.1990, 07.03.1990 or 1990-03-07"),
    country: str = typer.Option("", help="nationality, ISO alpha-3 (SYR)"),
    place: str = typer.Option("", help="place of birth, any spelling"),
    sex: str = typer.Option("", help="M, F or X"),
    limit: int = typer.Option(10, min=1, max=100),
    json_output: bool = typer.Option(False, "--json", help="print JSON"),
    index: Path = INDEX_OPTION,
) -> None:
    """Search the index and explain every candidate's score."""
    try:
        query, notes = parse_query(name, born, country, place, sex)
        found = _load(index).search(query, limit=limit)
    except QueryError as exc:
        _fail(render(exc.message, "en"), code=2)
        return
    for note in notes:
        err.print(f"[yellow]note:[/yellow] {render(note, 'en')}", highlight=False)
    if json_output:
        typer.echo(json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(found)} candidates")
    for column in ("#", "id", "weight", "name", "born", "place", "nat.", "why"):
        table.add_column(column, overflow="fold")
    for rank, c in enumerate(found, 1):
        r = c.record
        why = "\n".join(
            f"{render(f.field_message, 'en')}: {render(f.level_message, 'en')} {f.weight:+.1f}"
            for f in c.fields
        )
        born_text = r.birth_date.german() if r.birth_date else ""
        table.add_row(str(rank), r.id, f"{c.weight:.1f}" + (" ✓" if c.likely_match else ""),
                      c.spelling, born_text, r.birth_place, r.nationality, why)  # fmt: skip
    Console().print(table)


@app.command()
def dedupe(
    records: Path = typer.Argument(None, help="JSON Lines file; default: the records in --index"),
    engine: str = typer.Option("duckdb", help="duckdb (default) or spark"),
    threshold: float = typer.Option(0.95, min=0.5, max=1.0, help="match probability to link"),
    synthetic: int = typer.Option(0, help="instead of a file: N synthetic persons + 10% copies"),
    json_output: bool = typer.Option(False, "--json", help="print JSON"),
    index: Path = INDEX_OPTION,
) -> None:
    """Find likely duplicates in the whole registry with Splink; print clusters."""
    from akte.matching.linkage import ENGINES
    from akte.matching.linkage import dedupe as run_dedupe

    if engine not in ENGINES:
        _fail(f"--engine must be one of {', '.join(ENGINES)}, not {engine!r}", code=2)
    if synthetic:
        rows = synthetic_with_copies(synthetic)
    elif records:
        rows = _read(records)
    else:
        rows = _load(index).records()
    stages = ["prepared", "trained", "predicted", "clustered"]
    with _progress() as progress:
        task = progress.add_task(f"dedupe {len(rows)} records on {engine}", total=len(stages))
        clusters = run_dedupe(rows, engine=engine, threshold_probability=threshold,
                              step=lambda stage: progress.update(task, advance=1, description=stage))  # fmt: skip
    if json_output:
        typer.echo(json.dumps([c.to_dict() for c in clusters], ensure_ascii=False, indent=2))
        return
    for c in clusters[:50]:
        typer.echo(f"{c.min_weight:6.1f} … {c.max_weight:5.1f}  {' '.join(c.members)}")
    typer.echo(f"{len(clusters)} clusters of likely duplicates among {len(rows)} records")


def synthetic_with_copies(count: int, seed: int = 2019) -> list[PersonRecord]:
    """`count` synthetic persons plus corrupted second registrations of 10% of them."""
    from akte.matching.bench import record_from_synthetic
    from akte.matching.record import NameVariant
    from akte.synth import corrupt, generate_persons

    persons = generate_persons(count=count, seed=seed)
    rows = [record_from_synthetic(p) for p in persons]
    rng = random.Random(seed + 1)
    for i, p in enumerate(rng.sample(persons, count // 10)):
        q = corrupt(p, rng, max_corruptions=2)
        name = NameVariant(q.given_names, q.family_name)
        if name.full.strip():
            rows.append(PersonRecord(f"copy{i}-of-{p.key}", (name,), q.birth_date,
                                     q.birth_place, q.country, q.sex))  # fmt: skip
    return rows


def bench(
    records: int = typer.Option(10_000, min=10, help="synthetic persons in the index"),
    queries: int = typer.Option(500, min=1, help="corrupted queries with known true match"),
    baseline_queries: int = typer.Option(50, min=0, help="queries for the brute-force baseline"),
    query_seed: int = typer.Option(None, help="query seed; default: the held-out seed"),
    json_output: bool = typer.Option(True, "--json/--no-json"),
) -> None:
    """Recall, precision and speed on synthetic persons, with a rapidfuzz baseline."""
    from akte.matching.bench import HELD_OUT_SEED, run_bench

    with _progress() as progress:
        task = progress.add_task("bench", total=None)

        def step(stage: str, done: int, total: int) -> None:
            progress.update(task, description=stage, completed=done, total=total)

        result = run_bench(records=records, queries=queries, baseline_queries=baseline_queries,
                           query_seed=HELD_OUT_SEED if query_seed is None else query_seed,
                           progress=step)  # fmt: skip
    typer.echo(json.dumps(result, indent=2 if not json_output else None))


def bench_real(
    part: str = typer.Option("dev", help="dev (looked into while tuning) or held_out"),
    baselines: bool = typer.Option(True, help="also run rapidfuzz and Splink"),
) -> None:
    """Recall on real name variants (Wikidata, via rigour), with both baselines (JSON)."""
    from akte.matching.evaluation.measure import run

    if part not in ("dev", "held_out"):
        _fail("--part must be dev or held_out", code=2)
    result = run(part, baselines=baselines, echo=lambda line: err.print(line, highlight=False))
    typer.echo(json.dumps(result, indent=2))


def bench_real_speed(
    records: int = typer.Option(100_000, help="registry size (real-name persons)"),
    queries: int = typer.Option(300, help="development queries per script"),
    baseline_queries: int = typer.Option(30, help="of these, how many the baseline runs"),
) -> None:
    """Query time on a registry of real-name persons, beside brute force (JSON)."""
    from akte.matching.evaluation.measure import speed

    if records < 1 or queries < 1 or not 0 < baseline_queries <= queries:
        _fail("--records and --queries must be positive, --baseline-queries 1..queries", code=2)
    typer.echo(json.dumps(speed(records, queries, baseline_queries), indent=2))
