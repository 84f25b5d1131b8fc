"""Command line for akte.ledger (`akte ledger ...` and `akte bench ledger`).

Every command reads the ledger configuration from --config (default $AKTE_LEDGER_CONFIG or
var/ledger/ledger.toml). Bad input ends with `error: <reason>` and exit code 1, never a
traceback; a witness that detects a fork or rollback exits with code 3. The proof commands
are in `cli_proof`, what all commands share in `cli_support`.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import typer

from akte import keys
from akte.ledger import environment, note
from akte.ledger.admission import RateLimit
from akte.ledger.cli_proof import proof_app
from akte.ledger.cli_support import ConfigOption, friendly, read_input
from akte.ledger.config import (
    clear_interrupted_creation,
    create_ledger,
    load_config,
    open_ledger,
    write_secret,
)
from akte.ledger.events import EventError, StatusEvent
from akte.ledger.http import LedgerApp, b64
from akte.ledger.log import LedgerError
from akte.ledger.witness import witness_once

app = typer.Typer(help="Verifiable procedure-status log.", no_args_is_help=True)
app.add_typer(proof_app, name="proof")


@app.command()
def init(
    directory: Path = typer.Argument(
        None,
        help="where to create ledger.toml, keys and the database "
        "(default: the folder of $AKTE_LEDGER_CONFIG, else var/ledger)",
        show_default=False,
    ),
    origin: str = typer.Option(
        None,
        help="log name: checkpoint origin line and key name "
        "(default $AKTE_LEDGER_ORIGIN or akte.example/ledger)",
    ),
    database: str = typer.Option(
        "sqlite:///ledger.db", help="sqlite:///FILE (relative to DIRECTORY) or postgresql://..."
    ),
    master_key_file: bool = typer.Option(
        True,
        "--master-key-file/--master-key-env",
        help="create master.key, or expect $AKTE_LEDGER_MASTER_KEY",
    ),
) -> None:
    """Create a log: signing key, master key, configuration and tables."""
    with friendly():
        folder = directory or environment.config_path().parent
        if clear_interrupted_creation(folder):
            typer.echo(f"removed what an interrupted creation left in {folder}")
        cfg_path, verifier = create_ledger(
            folder,
            origin or environment.origin(),
            database,
            master_key_file,
        )
        typer.echo(
            f"created {cfg_path}\nlog verifier key (give it to witnesses): {verifier.vkey()}"
        )


@app.command()
def keygen(
    name: str = typer.Option(
        None, help="key name, e.g. witness.example/w1 (a log key's name is its origin)"
    ),
    out: Path = typer.Option(
        None, help="signer key file to write (the verifier key goes to OUT with .vkey)"
    ),
    witness: bool = typer.Option(
        False, "--witness", help="a cosigner key (type 0x04) instead of a log key"
    ),
    master: Path = typer.Option(None, help="write a new 32-byte master key (base64) to this file"),
    agency_token: bool = typer.Option(
        False, "--agency-token", help="print a new agency token and its SHA-256 for the config"
    ),
) -> None:
    """Create keys: log or witness signing keys, a master key, or an agency token."""
    with friendly():
        if master:
            write_secret(master, b64(keys.new_key()) + "\n")
            typer.echo(
                f"wrote master key {master} (keep it out of the database and of backups of it)"
            )
        if agency_token:
            token = secrets.token_urlsafe(32)
            import hashlib

            typer.echo(
                f"token (give to the agency): {token}\ntoken_sha256 (put in ledger.toml): {hashlib.sha256(token.encode()).hexdigest()}"
            )
        if name or out:
            if not (name and out):
                raise LedgerError("a signing key needs both --name and --out")
            signer = note.Signer.generate(name, note.COSIGNATURE_V1 if witness else note.ED25519)
            write_secret(out, signer.skey() + "\n")
            out.with_suffix(".vkey").write_text(signer.verifier.vkey() + "\n")
            typer.echo(signer.verifier.vkey())
        if not (master or agency_token or name or out):
            raise LedgerError("nothing to do: pass --name/--out, --master FILE or --agency-token")


@app.command()
def append(
    source: str = typer.Argument(
        "-", help='JSON file or - for stdin: {"person", "event"} or a list of them'
    ),
    config: Path = ConfigOption,
    batch_size: int = typer.Option(1000, min=1, max=100_000),
) -> None:
    """Append status events; prints one receipt (index, leaf hash) per event."""
    with friendly():
        data = read_input(source)
        items = data if isinstance(data, list) else [data]
        parsed = []
        for i, item in enumerate(items):
            if not isinstance(item, dict) or "person" not in item or "event" not in item:
                raise LedgerError(f"item {i}: expected an object with 'person' and 'event'")
            try:
                parsed.append((item["person"], StatusEvent.from_dict(item["event"])))
            except EventError as exc:
                raise EventError(f"item {i}: {exc}") from exc
        ledger = open_ledger(load_config(config), need_master=True)
        receipts = ledger.append_many(parsed, batch_size=batch_size)
        typer.echo(
            json.dumps([{"index": r.index, "leaf_hash": b64(r.leaf_hash)} for r in receipts])
        )


@app.command()
def checkpoint(config: Path = ConfigOption) -> None:
    """Sign a checkpoint of the current tree and print it."""
    with friendly():
        typer.echo(open_ledger(load_config(config), need_signer=True).checkpoint(), nl=False)


@app.command()
def verify(
    config: Path = ConfigOption,
    deep: bool = typer.Option(
        True, "--deep/--shallow", help="also check every commitment (needs the master key)"
    ),
) -> None:
    """Check the whole log against the latest checkpoint; name the index where a mismatch starts."""
    with friendly():
        report = open_ledger(load_config(config)).verify(deep=deep)
        for problem in report.problems:
            typer.echo(f"- {problem}", err=not report.ok)
        if report.ok:
            typer.echo(
                f"ok: {report.log_size} entries, checkpoint of size {report.checkpoint_size}, {report.checked_commitments} commitments checked"
            )
            return
        where = (
            f" starting at index {report.first_bad_index}"
            if report.first_bad_index is not None
            else ""
        )
        typer.secho(f"MISMATCH{where}", fg="red", bold=True, err=True)
        raise typer.Exit(code=1)


@app.command()
def history(procedure: str, config: Path = ConfigOption) -> None:
    """A procedure's status history with verified marks (needs the master key)."""
    with friendly():
        for h in open_ledger(load_config(config), need_master=True).procedure_history(procedure):
            mark = "verified" if h.verified else "NOT verified"
            what = (
                f"{h.event.time} {h.event.event_type} ({h.event.agency})" if h.event else "(erased)"
            )
            typer.echo(f"#{h.index} {what} [{mark}: {h.reason}]")


@app.command()
def token(procedure: str, config: Path = ConfigOption) -> None:
    """The read token for one procedure's status page (for applicant and counsel)."""
    with friendly():
        typer.echo(open_ledger(load_config(config), need_master=True).procedure_token(procedure))


@app.command()
def erase(
    person: str = typer.Option(
        ..., "--person", help="the person reference whose data is to be erased"
    ),
    config: Path = ConfigOption,
    vacuum: bool = typer.Option(False, help="also VACUUM the SQLite file (slow on big logs)"),
    yes: bool = typer.Option(False, "--yes", help="do not ask for confirmation"),
) -> None:
    """Crypto-shred a person: destroy data key, salts and payloads; append a tombstone."""
    with friendly():
        if not yes:
            typer.confirm(f"Irreversibly erase all ledger payloads of {person}?", abort=True)
        ledger = open_ledger(load_config(config), need_master=True)
        result = ledger.erase_person(person)
        compacted = result.file_compacted
        compact = getattr(ledger.store, "compact", None)
        if vacuum and compact is not None:
            compacted = compact(vacuum=True)
        if compacted is False:
            typer.secho(
                "warning: another reader kept the SQLite WAL from being truncated; run `erase` again later or stop readers and use --vacuum",
                fg="yellow",
                err=True,
            )
        typer.echo(
            f"erased {result.person_entries} entries; tombstone at index {result.tombstone_index}. Run `akte ledger checkpoint` to publish it."
        )


@app.command()
def witness(
    url: str = typer.Option(..., help="the log's base URL, e.g. https://ledger.example/api/ledger"),
    state: Path = typer.Option(..., help="the witness's state directory"),
    key: Path = typer.Option(..., help="the witness's signer key file (keygen --witness)"),
    log_key: str = typer.Option(
        None, help="the log's verifier key or a file holding it (first run; then pinned in STATE)"
    ),
    post: bool = typer.Option(True, help="send the cosignature to the log"),
) -> None:
    """Check that the log only grew since the last run, then cosign its checkpoint."""
    with friendly():
        signer = note.Signer.parse(key.read_text())
        verifier = None
        if log_key:
            text = Path(log_key).read_text() if Path(log_key).is_file() else log_key
            verifier = note.Verifier.parse(text)
        result = witness_once(url, state, signer, verifier, post=post)
        before = (
            "first checkpoint seen"
            if result.previous_size is None
            else f"consistent with size {result.previous_size}"
        )
        typer.echo(f"cosigned size {result.size} ({before})\n{result.cosignature}")
        if result.post_error:
            typer.secho(
                f"warning: the log did not take the cosignature: {result.post_error}",
                fg="yellow",
                err=True,
            )


@app.command()
def serve(
    config: Path = ConfigOption,
    addr: str = typer.Option("127.0.0.1:8400", help="host:port"),
) -> None:
    """Serve the HTTP contract (docs/ledger.md) with the stdlib WSGI server."""
    from wsgiref.simple_server import make_server

    with friendly():
        cfg = load_config(config)
        ledger = open_ledger(cfg)
        host, _, port = addr.rpartition(":")
        if not port.isdigit():
            raise LedgerError(f"--addr {addr!r} must be host:port")
        server = make_server(
            host or "127.0.0.1",
            int(port),
            LedgerApp(
                ledger,
                cfg.reporter_for_token,
                rate=RateLimit(environment.append_per_minute()),
            ),
        )
        typer.echo(f"serving {cfg.origin} on http://{host}:{server.server_port} (Ctrl-C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


def bench(
    sizes: str = typer.Option(
        "1000000,10000000", help="log sizes, comma-separated, each built in bulk first"
    ),
    unbatched: int = typer.Option(300, min=1, help="appends, one transaction each"),
    batches: int = typer.Option(10, min=1, help="batches appended with append_many"),
    batch_size: int = typer.Option(1000, min=1),
    samples: int = typer.Option(1000, min=1, help="proofs measured per size"),
    baseline_samples: int = typer.Option(3, min=1, help="proofs recomputed from all leaves"),
    workdir: str = typer.Option(None, "--workdir", help="folder for the SQLite files"),
    pg_url: str = typer.Option("", help="PostgreSQL URL to measure it too ('' to skip)"),
    pg_sizes: str = typer.Option("1000000", help="log sizes on PostgreSQL"),
    size: int = typer.Option(None, min=2, help="one log size (instead of --sizes)"),
    appends: int = typer.Option(None, min=1, help="batched appends in all (batches x size)"),
    baseline_size: int = typer.Option(
        10_000_000, min=1, help="largest log whose proof is also recomputed from all leaves"
    ),
    sqlite_path: str = typer.Option(
        None, "--sqlite-path", help="put the SQLite files beside this path (as --workdir)"
    ),
    pg_size: int = typer.Option(None, min=2, help="one log size on PostgreSQL"),
    json_output: bool = typer.Option(True, "--json/--no-json"),
) -> None:
    """Appends into and proofs from logs of 1M and 10M entries, with baselines, as JSON."""
    from akte.ledger.bench import BenchConfig, run_bench

    def numbers(text: str) -> tuple[int, ...]:
        try:
            values = tuple(int(part) for part in text.split(",") if part.strip())
        except ValueError:
            raise typer.BadParameter(f"{text!r}: give sizes like 1000000,10000000") from None
        if not values or min(values) < 2:
            raise typer.BadParameter(f"{text!r}: every size must be at least 2")
        return values

    with friendly():
        cfg = BenchConfig(
            sizes=(size,) if size else numbers(sizes),
            unbatched=unbatched,
            batches=max(1, appends // batch_size) if appends else batches,
            baseline_max_size=baseline_size,
            batch_size=batch_size,
            samples=samples,
            baseline_samples=baseline_samples,
            workdir=workdir or (str(Path(sqlite_path).parent) if sqlite_path else None),
            pg_url=pg_url or None,
            pg_sizes=(pg_size,) if pg_size else numbers(pg_sizes),
        )
        result = run_bench(cfg)
        typer.echo(json.dumps(result, indent=2 if not json_output else None))
