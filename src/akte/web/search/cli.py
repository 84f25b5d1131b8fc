"""`akte persons ...`: the person records of the web application. `akte.cli` sets Django
up before any of these commands runs; importing this module imports no Django."""

from __future__ import annotations

import json

import typer

app = typer.Typer(help="Person records: dedupe clusters to merge.", no_args_is_help=True)


@app.command()
def dedupe(
    engine: str = typer.Option("duckdb", help="duckdb (default) or spark"),
    threshold: float = typer.Option(0.95, min=0.5, max=1.0, help="match probability to link"),
    json_output: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """Clusters of likely duplicate persons on file (Splink), with the page to merge them.
    Prints person numbers only, never names."""
    from akte.web.search.clusters import merge_paths, registry_clusters

    clusters = registry_clusters(engine=engine, threshold_probability=threshold)
    if json_output:
        rows = [{**c.to_dict(), "merge": merge_paths(c.members)} for c in clusters]
        typer.echo(json.dumps(rows, indent=2))
        return
    for c in clusters:
        typer.echo(
            f"{c.max_weight:6.1f}  persons {' '.join(c.members)}  {' '.join(merge_paths(c.members))}"
        )
    typer.echo(f"{len(clusters)} clusters of likely duplicates")
