"""Every parser that takes outside input gives a valid result or its documented error.

A modest number of examples each here (`AKTE_FUZZ_EXAMPLES`, default 60); `akte bench fuzz
--examples 10000 --json` runs many. Each crash once found is kept as an `@example`.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, example, given, settings

from akte.fuzz import files, ledger, text
from akte.fuzz.runner import run
from akte.fuzz.targets import TARGETS

FUZZ = settings(
    max_examples=int(os.environ.get("AKTE_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True, scope="module")
def fuzz_workdirs():
    teardowns = [files._setup(), ledger._setup_app()]
    yield
    for teardown in teardowns:
        teardown()


@FUZZ
@given(text.hostile_text(text.DATE_PIECES))
@example("١٩٩٠")  # other scripts' digits are digits: 1990
@example("29.02.1900")
def test_partial_date(value):
    text.check_partial_date(value)


@FUZZ
@given(text.hostile_text(text.FILE_NUMBER_PIECES, max_size=16))
@example("١٢٣٤٥٦٧-٤٧٥")  # found: Arabic-Indic digits were taken as a file number
@example("1234567-475\n")
def test_file_number(value):
    text.check_file_number(value)


@FUZZ
@given(text.query_inputs())
@example(("Mohammed\x00Haddad", "31.02.1990", "syr", "", "m"))
@example(("", "", "", "", ""))
def test_query(args):
    text.check_query(args)


@FUZZ
@given(text.hostile_text(text.EXPRESSION_PIECES, max_size=60))
@example("(" * 500 + "1" + ")" * 500)
@example('date("2019-02-30")')
def test_rules_expression(value):
    text.check_expression(value)


@FUZZ
@given(files.rulebook_inputs())
@example({"rules.yaml": "rules:\n  - &a {id: r1}\n  - *a\n"})
# found by `akte bench fuzz`: a section that is neither list nor mapping used an undeclared code
@example({"questions.yaml": "questions:\n  -many?}\nxt: {de:: How many?}\n"})
def test_rulebook_loader(replaced):
    files.check_rulebook(replaced)


_RECORD = json.dumps(files.VALID_RECORD, ensure_ascii=False).encode()


@FUZZ
@given(files.record_inputs())
@example(b"9" * 5000)  # found: ValueError (more digits than int() converts)
@example(b"[" * 5000)  # found: RecursionError
@example(b"\x19\xe6\n" + _RECORD)  # found: UnicodeDecodeError (not UTF-8)
@example(_RECORD.replace(b"Aleppo", b"\\ud800"))  # a lone surrogate could not be saved
def test_record_jsonl(content):
    files.check_records(content)


@FUZZ
@given(ledger.note_inputs())
@example(("note", b"\xff\xfe"))
@example(("checkpoint", "akte.fuzz/ledger\n99999999999999999999\nAAAA\n\n— x AAAAAAA=\n"))
def test_ledger_note(args):
    ledger.check_note(args)


def _request(path, query="", body=b"", method="GET", auth=""):
    return {"method": method, "path": path, "query": query, "body": body, "auth": auth,
            "length": None}  # fmt: skip


def _append(body: str) -> dict:
    return _request("/entries", body=body.encode(), method="POST", auth=f"Bearer {ledger.TOKEN}")


@FUZZ
@given(ledger.http_inputs())
# found: a non-ASCII procedure token was a 500 (hmac.compare_digest on str)
@example(_request("/procedures/1234567-475", "token=%C2%A5"))
# found: lone surrogates in a person reference or an event field were a 500
@example(_append(ledger._near_valid(("person", "\ud800"))))
@example(_append(ledger._near_valid(("procedure", "\ud800"))))
# found: ValueError and RecursionError from the JSON decoder were a 500
@example(_append("9" * 5000))
@example(_append("[" * 5000))
def test_ledger_http(request):
    ledger.check_http(request)


def test_bench_runner_counts_examples_and_failures():
    result = run(TARGETS["file_number"], examples=25)
    assert result.examples == 25 and result.failures == 0
    broken = TARGETS["file_number"].__class__(
        "broken", "int", "none", TARGETS["file_number"].strategy, lambda value: int(value)
    )
    crashed = run(broken, examples=25)
    assert crashed.examples == 25 and crashed.failures > 0
    assert crashed.crashes[0]["error"].startswith("ValueError")


def test_bench_fuzz_command_prints_json_per_parser():
    from typer.testing import CliRunner

    from akte.cli import app

    result = CliRunner().invoke(
        app, ["bench", "fuzz", "--examples", "5", "--parser", "partial_date", "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.strip().splitlines()[-1])
    row = report["parsers"]["partial_date"]
    assert row["examples"] == 5 and row["failures"] == 0
    assert {"seconds", "check_p50_ms", "check_p95_ms", "baseline_examples_per_s"} <= set(row)
    assert report["machine"]["cpus"] and report["total_failures"] == 0
    unknown = CliRunner().invoke(app, ["bench", "fuzz", "--parser", "nope"])
    assert unknown.exit_code == 2 and "unknown parser" in unknown.output
