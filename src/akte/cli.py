"""`akte`: the one command-line entry point.

Engine commands (rules, match, ledger) are plain Python and never start Django.
Commands that need the web application (serve, demo, createuser, bench web, hearing)
set Django up first, lazily, so `akte rules check` stays fast.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from akte.analytics import cli as analytics_cli
from akte.dublin import cli as dublin_cli
from akte.fuzz import cli as fuzz_cli
from akte.intake import cli as intake_cli
from akte.ledger import cli as ledger_cli
from akte.ledger import cli_keys as keys_cli
from akte.matching import cli as matching_cli
from akte.rules import cli as rules_cli
from akte.web.operations import commands as operations_commands
from akte.web.search import cli as persons_cli

app = typer.Typer(
    help="Akte: casework for asylum procedures.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals may hold personal data
)
bench_app = typer.Typer(help="Benchmarks that print JSON.", no_args_is_help=True)

app.add_typer(rules_cli.app, name="rules", help="Rulebooks: check, test, explain, diff.")
app.add_typer(matching_cli.app, name="match", help="Person similarity search.")
app.add_typer(ledger_cli.app, name="ledger", help="Verifiable procedure-status log.")
app.add_typer(keys_cli.app, name="keys", help="The master key: rotation without downtime.")
app.command("backup")(operations_commands.backup)
app.command("restore")(operations_commands.restore)
app.add_typer(analytics_cli.app, name="analytics", help="Figures on pseudonymised snapshots.")
app.add_typer(bench_app, name="bench")
app.add_typer(intake_cli.app, name="intake", help="Mail intake: read, classify, extract.")
bench_app.command("rules")(rules_cli.bench)
bench_app.command("matching")(matching_cli.bench)
bench_app.command("matching-real")(matching_cli.bench_real)
bench_app.command("matching-real-speed")(matching_cli.bench_real_speed)
bench_app.command("ledger")(ledger_cli.bench)
bench_app.command("fuzz")(fuzz_cli.bench)
app.add_typer(dublin_cli.app, name="dublin", help="Dublin III and AMMR deadlines.")
bench_app.command("dublin")(dublin_cli.bench)
bench_app.command("analytics")(analytics_cli.bench)
bench_app.command("intake")(intake_cli.bench)


from akte.courses import cli as courses_cli  # noqa: E402  (language courses, docs/courses.md)

app.add_typer(courses_cli.app, name="courses", help="Language courses: entitlement, billing.")
bench_app.command("courses")(courses_cli.bench)


def _django(settings: str | None = None) -> None:
    """Set up Django for the commands that need the web application."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings or "akte.web.settings.dev")
    import django

    django.setup()
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)


app.add_typer(persons_cli.app, name="persons", callback=lambda: _django())  # Django first


def _manage(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


EMBEDDED_LISTEN_BACKLOG = 128  # connections the embedded server queues before it accepts them


@app.command()
def serve(
    addr: str = typer.Option("127.0.0.1:8000", help="host:port to listen on"),
    demo: bool = typer.Option(True, help="load demo data once if the database is empty"),
) -> None:
    """Migrate the database, load demo data once, print the demo logins and serve the app."""
    _django()
    _manage("migrate", "--verbosity", "0")
    if demo:
        from akte.web.demo.load import ensure_demo

        ensure_demo(echo=typer.echo)
        _demo_figures()
    _drain_at_start()
    from akte.web.search.people import start_building

    start_building()  # the person index, in the background, before the first request
    from django.core.servers.basehttp import WSGIServer

    # Django's development server queues only 10 connections it has not accepted yet; an
    # office's burst of requests (each on its own connection) overflows that and the kernel
    # resets the rest. Gunicorn (production) keeps 2048; the embedded default keeps 128.
    WSGIServer.request_queue_size = EMBEDDED_LISTEN_BACKLOG
    _manage("runserver", addr, "--noreload")


@analytics_cli.app.command("snapshot")
def analytics_snapshot(
    out: Path = typer.Option(None, help="folder of snapshots (default: AKTE_ANALYTICS_SNAPSHOTS)"),
    keep_key: bool = typer.Option(
        False, "--keep-key", help="pseudonymise with the previous snapshot's key (linkable)"
    ),
) -> None:
    """Write a pseudonymised snapshot of the database (Parquet) for the figures."""
    _django()
    from akte.analytics.config import settings as analytics_settings
    from akte.web.analytics.snapshot import write_logged

    folder = write_logged(out or analytics_settings().snapshots, keep_key=keep_key, echo=typer.echo)
    typer.echo(f"snapshot: {folder}")


def _demo_figures() -> None:
    """The demo's figures: a synthetic history (marked as such), unless a snapshot is there."""
    from akte.analytics import snapshot, synth
    from akte.analytics.config import settings as analytics_settings
    from akte.analytics.reports import ReportError

    root = analytics_settings().snapshots
    try:
        snapshot.read(snapshot.newest(root))
    except ReportError:
        typer.echo("figures: writing a synthetic history of 200,000 procedures for the demo ...")
        synth.generate(200_000, root / "demo-synthetic")


def _drain_at_start() -> None:
    """Append what a crashed process left in the status log's outbox before serving."""
    from akte.web.statuslog import outbox

    result = outbox.drain()
    if result.appended or result.recognised:
        typer.echo(f"status log: {result.appended} pending entries appended at start")


@app.command("demo")
def demo_cmd(
    seed: int = typer.Option(2019, help="random seed: the same seed gives the same office"),
    persons: int = typer.Option(300, min=1, max=100_000, help="number of persons"),
    reset: bool = typer.Option(False, help="delete existing demo data first"),
) -> None:
    """Generate a coherent synthetic office (idempotent unless --reset)."""
    _django()
    _manage("migrate", "--verbosity", "0")
    from akte.web.demo.load import ensure_demo

    ensure_demo(seed=seed, persons=persons, reset=reset, echo=typer.echo)


@app.command()
def createuser(
    username: str,
    role: str = typer.Option(..., help="one of the role names, e.g. registry_clerk"),
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
    office: str = typer.Option("", help="office code, e.g. BER"),
    display_name: str = typer.Option("", help="the name printed in records, e.g. 'Erika Muster'"),
) -> None:
    """Create a user with one role."""
    _django()
    from akte.web.accounts.services import UserCreationError, create_user

    try:
        user = create_user(
            username=username, role=role, password=password, office=office,
            display_name=display_name,
        )  # fmt: skip
    except UserCreationError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=1) from exc
    typer.echo(f"created {user.username} ({user.role})")


token_app = typer.Typer(help="API tokens for partner systems.", no_args_is_help=True)
app.add_typer(token_app, name="token")


@token_app.command("issue")
def token_issue(
    username: str,
    name: str = typer.Option(..., help="what the token is for"),
    days: int = typer.Option(
        None, min=1, max=366, help="valid for", show_default="$AKTE_API_TOKEN_DAYS (90)"
    ),
) -> None:
    """Issue a bearer token for USERNAME; it is shown once and only its digest is stored."""
    _django()
    from django.conf import settings

    from akte.web.accounts.models import ApiToken, User

    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        typer.echo(f"error: no active user {username!r}", err=True)
        raise typer.Exit(code=1)
    token, clear = ApiToken.issue(user, name, days=days or settings.AKTE_API_TOKEN_DAYS)
    typer.echo(f"token {token.pk} for {username} ({user.role}): {clear}")
    typer.echo(f"valid until {token.expires_at:%Y-%m-%d %H:%M} UTC")
    typer.echo("Keep it secret; it is not shown again. Send it as 'Authorization: Bearer <token>'.")


@token_app.command("list")
def token_list() -> None:
    """Tokens with their user, name, creation and last use (never the token itself)."""
    _django()
    from akte.web.accounts.models import ApiToken

    for t in ApiToken.objects.select_related("user").order_by("pk"):
        state = "revoked" if t.revoked else "active"
        if not t.revoked and t.expires_at:
            state += f" until {t.expires_at:%Y-%m-%d}"
        used = t.last_used_at.isoformat() if t.last_used_at else "never"
        typer.echo(
            f"{t.pk}\t{t.user.username}\t{t.name}\t{state}\tcreated {t.created_at:%Y-%m-%d}\tused {used}"
        )


@token_app.command("revoke")
def token_revoke(token_id: int) -> None:
    """Revoke a token by its number (see `akte token list`)."""
    _django()
    from akte.web.accounts.models import ApiToken

    if not ApiToken.objects.filter(pk=token_id).update(revoked=True):
        typer.echo(f"error: no token {token_id}", err=True)
        raise typer.Exit(code=1)
    typer.echo(f"token {token_id} revoked")


@ledger_cli.app.command("drain")
def ledger_drain(
    json_output: bool = typer.Option(False, "--json", help="print the result as JSON"),
) -> None:
    """Append the web app's pending status changes (its outbox) to the status log."""
    _django()
    from akte.web.statuslog import outbox

    result = outbox.drain()
    if json_output:
        typer.echo(json.dumps(result.to_dict()))
    else:
        typer.echo(
            f"appended {result.appended}, already in the log {result.recognised}, "
            f"pending {result.pending}"
        )


@ledger_cli.app.command("reconcile")
def ledger_reconcile(
    repair: bool = typer.Option(False, "--repair", help="append every missing event"),
    json_output: bool = typer.Option(False, "--json", help="print the report as JSON"),
) -> None:
    """Compare the web app's committed status events with the status log; report every
    gap (exit code 1 if one remains) and with --repair close it."""
    _django()
    from akte.web.statuslog.reconcile import reconcile

    report = reconcile(repair=repair)
    if json_output:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        typer.echo(
            f"{report.events_checked} status events, {report.log_entries} log entries: "
            f"{len(report.gaps)} gaps, {report.repaired} repaired, {report.remaining} remaining, "
            f"{len(report.duplicates)} duplicated"
        )
        for gap in report.gaps:
            typer.echo(
                f"  gap: status event {gap.status_event} {gap.procedure} {gap.event_type} "
                f"{gap.time} (outbox: {gap.outbox})"
            )
    if not report.ok:
        raise typer.Exit(code=1)


@intake_cli.app.command("watch")
def intake_watch(
    folder: Path = typer.Argument(..., file_okay=False, help="the drop folder"),
    once: bool = typer.Option(False, "--once", help="receive what lies there now, then stop"),
    interval: float = typer.Option(2.0, min=0.2, help="seconds between looks"),
) -> None:
    """Receive every file dropped into FOLDER (moved to FOLDER/received/ afterwards)."""
    _django()
    from akte.web.intake.watch import watch

    watch(folder, once=once, interval=interval, echo=typer.echo)


@intake_cli.app.command("corrections")
def intake_corrections(out: Path = typer.Option(..., "--out", dir_okay=False)) -> None:
    """Write the reviewers' class corrections as JSON Lines for `python -m akte.intake.train
    --corrections FILE` (the texts are personal data: keep the file where the case files are)."""
    _django()
    from akte.web.audit.log import record_cli_access
    from akte.web.audit.models import Action, Purpose
    from akte.web.intake.models import IntakeDocument
    from akte.web.intake.services import corrections_for_training

    rows = corrections_for_training()
    corrected = IntakeDocument.objects.filter(corrections__field="kind").distinct()
    for doc in corrected.select_related("procedure"):
        subject = doc.access_subject
        record_cli_access(
            action=Action.EXPORT,
            record=subject.record,
            person_id=subject.person_id,
            procedure_id=subject.procedure_id,
            purpose=Purpose.QUALITY_ASSURANCE,
        )
    out.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    typer.echo(f"wrote {len(rows)} corrections to {out}")


@app.command()
def migrate() -> None:
    """Create or update the database schema."""
    _django()
    _manage("migrate")


hearing_app = typer.Typer(help="Hearings: export the Niederschrift.", no_args_is_help=True)
app.add_typer(hearing_app, name="hearing")


@hearing_app.command("export")
def hearing_export(
    hearing_id: int,
    format: str = typer.Option("pdf", "--format", help="pdf or docx"),
    out: Path = typer.Option(..., "--out", help="file to write", dir_okay=False),
    language: str = typer.Option("de", help="de or en"),
    purpose: str = typer.Option("case_processing", help="purpose recorded in the access log"),
) -> None:
    """Write a hearing's Niederschrift (PDF or DOCX); the export is written to the access log."""
    if format not in ("pdf", "docx") or language not in ("de", "en"):
        typer.echo("error: --format must be pdf or docx, --language de or en", err=True)
        raise typer.Exit(code=2)
    _django()
    from akte.hearing.export import to_docx, to_pdf
    from akte.web.audit.log import record_cli_access
    from akte.web.audit.models import Action, Purpose
    from akte.web.hearings.models import Hearing
    from akte.web.hearings.services import export_frame, export_record
    from akte.words import render

    if purpose not in Purpose.values:
        typer.echo(
            f"error: unknown purpose {purpose!r}; one of {', '.join(Purpose.values)}", err=True
        )
        raise typer.Exit(code=2)
    hearing = Hearing.objects.select_related("procedure").filter(pk=hearing_id).first()
    if hearing is None:
        typer.echo(f"error: no hearing {hearing_id}", err=True)
        raise typer.Exit(code=1)
    record = export_record(hearing)
    body = (to_pdf if format == "pdf" else to_docx)(
        record,
        lambda message: render(message, language),
        hearing.seal,
        export_frame(hearing, language),
    )
    record_cli_access(
        action=Action.EXPORT,
        record=f"hearing:{hearing.pk}",
        person_id=hearing.procedure.person_id,
        procedure_id=hearing.procedure_id,
        purpose=Purpose(purpose),
    )
    out.write_bytes(body)
    typer.echo(f"wrote {out} ({len(body)} bytes){'' if hearing.seal else ' - not sealed yet'}")


@hearing_app.command("expire-recordings")
def hearing_expire_recordings() -> None:
    """Erase the audio of every recording whose retention ran out (a tombstone stays)."""
    _django()
    from django.utils import timezone

    from akte.web.hearings.recorder import expire

    typer.echo(f"recordings erased: {expire(timezone.localdate())}")


@bench_app.command("web")
def bench_web(
    procedures: int = typer.Option(
        10_000, min=10, help="number of procedures in the bench database"
    ),
    requests: int = typer.Option(200, min=10, help="requests per page"),
    json_output: bool = typer.Option(True, "--json/--no-json"),
) -> None:
    """p50/p95 server time of the procedure list, the procedure page and the other pages of
    `akte.web.bench.pages.PAGES` (Django test client), with realistic procedures."""
    from akte.web.bench import run_web_bench

    run_web_bench(procedures=procedures, requests=requests, echo=typer.echo)


@bench_app.command("dublin-web")
def bench_dublin_web(
    procedures: int = typer.Option(10_000, min=10, help="Dublin procedures in the bench database"),
    requests: int = typer.Option(50, min=5, help="requests per worklist view"),
) -> None:
    """p50/p95 server time of the Dublin worklist (Django test client), JSON."""
    from akte.web.bench.dublin import run_worklist_bench

    run_worklist_bench(procedures=procedures, requests=requests, echo=typer.echo)


@bench_app.command("analytics-web")
def bench_analytics_web(
    procedures: int = typer.Option(100_000, min=100, help="procedures in the live database"),
    snapshot: Path = typer.Option(
        Path("var/bench-analytics/synthetic-1000000"), help="the dashboard's snapshot (cubes)"
    ),
    requests: int = typer.Option(30, min=5, help="requests per measure"),
) -> None:
    """Snapshot time from the database, the ORM baseline, the dashboard page p50/p95, JSON."""
    import json

    from akte.web.bench.analytics import run

    result = run(procedures=procedures, synthetic=snapshot, requests=requests, echo=_stderr)
    typer.echo(json.dumps(result, indent=2))


def _stderr(text: str) -> None:
    typer.echo(text, err=True)


@bench_app.command("courses-page")
def bench_courses_page(
    requests: int = typer.Option(100, min=10, help="requests per measure"),
    json_output: bool = typer.Option(True, "--json/--no-json"),
) -> None:
    """p50/p95 server time of a course's attendance list, 25 participants (test client)."""
    from akte.web.courses.bench import run_page_bench

    run_page_bench(requests=requests, echo=typer.echo)


@bench_app.command("hearing")
def bench_hearing(
    segments: int = typer.Option(
        120, min=5, help="segments saved per run (a realistic hearing: 80-150)"
    ),
    json_output: bool = typer.Option(True, "--json/--no-json"),
) -> None:
    """p50/p95 server time of saving a segment and refreshing the panels (demo rulebook)."""
    from akte.web.hearings.bench import run_hearing_bench

    run_hearing_bench(segments=segments, echo=typer.echo)


@bench_app.command("load")
def bench_load(
    server: str = typer.Option(
        "serve", help="serve (akte serve, the embedded default) or gunicorn"
    ),
    database_url: str = typer.Option(
        "", help="an EMPTY database to fill (postgres://...); default a throw-away SQLite file"
    ),
    rates: str = typer.Option("10,20,30,45,60,90,120", help="offered requests/s, step by step"),
    seconds: float = typer.Option(15, min=2, max=120, help="seconds per step"),
    workers: int = typer.Option(4, min=1, max=16, help="gunicorn workers"),
    interviewers: int = typer.Option(40, min=1, max=500, help="interviewers with a hearing"),
    json_output: bool = typer.Option(True, "--json/--no-json"),
) -> None:
    """Requests/s, p50/p95, server errors, 503s and lost writes of an office, step by step,
    through real HTTP on 127.0.0.1 (a random port); a server of its own, stopped after."""
    from akte.web.load.run import run_load_bench

    if server not in ("serve", "gunicorn"):
        raise typer.BadParameter("choose serve or gunicorn", param_hint="--server")
    try:
        steps = [int(r) for r in rates.split(",") if r.strip()]
    except ValueError as exc:
        raise typer.BadParameter(f"not a list of numbers: {rates!r}", param_hint="--rates") from exc
    if not steps or min(steps) < 1 or max(steps) > 1000:
        raise typer.BadParameter("rates between 1 and 1000 requests/s", param_hint="--rates")
    try:
        run_load_bench(
            server_kind=server,
            database_url=database_url,
            rates=steps,
            seconds=seconds,
            workers=workers,
            interviewers=interviewers,
            echo=typer.echo,
        )
    except RuntimeError as exc:  # the server or its database could not be set up
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=1) from exc


def _dublin_notify(
    as_of: str = typer.Option(None, "--as-of", help="YYYY-MM-DD (default today)"),
) -> None:
    """Send the Dublin deadline alerts that are due, each once (idempotent); prints JSON."""
    import datetime as dt

    _django()
    from akte.web.dublin.alerts import notify

    day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    typer.echo(json.dumps(notify(day)))


dublin_cli.app.command("notify")(_dublin_notify)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
