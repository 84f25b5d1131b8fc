"""`akte ledger ...` end to end through the root CLI, including bad input."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akte.cli import app

runner = CliRunner()


def akte(*args: str, input: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), input=input)
    assert "Traceback" not in result.output
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def ev(i: int, person: str = "p-1", procedure: str = "1234567-475") -> dict:
    return {
        "person": person,
        "event": {
            "procedure": procedure,
            "event_type": f"s{i}",
            "agency": "BAMF-BER",
            "time": "2026-11-23T09:00:00Z",
        },
    }


@pytest.fixture
def cfg(tmp_path: Path) -> str:
    code, out = akte("ledger", "init", str(tmp_path / "log"), "--origin", "akte.test/ledger")
    assert code == 0, out
    assert "akte.test/ledger+" in out
    return str(tmp_path / "log" / "ledger.toml")


def test_cli_round_trip(cfg: str, tmp_path: Path) -> None:
    code, out = akte(
        "ledger",
        "append",
        "-",
        "-c",
        cfg,
        input=json.dumps([ev(i) for i in range(5)] + [ev(9, "p-2", "7654321-423")]),
    )
    assert code == 0, out
    assert [r["index"] for r in json.loads(out)] == list(range(6))
    code, out = akte("ledger", "checkpoint", "-c", cfg)
    assert code == 0 and out.startswith("akte.test/ledger\n6\n")
    code, out = akte("ledger", "verify", "-c", cfg)
    assert code == 0 and "ok: 6 entries" in out
    code, out = akte("ledger", "history", "1234567-475", "-c", cfg)
    assert out.count("[verified") == 5
    code, proof = akte("ledger", "proof", "inclusion", "--index", "3", "-c", cfg)
    assert code == 0
    assert akte("ledger", "proof", "check", "-", input=proof) == (0, "valid\n")
    code, cons = akte("ledger", "proof", "consistency", "--old", "2", "-c", cfg)
    assert akte("ledger", "proof", "check", "-", input=cons) == (0, "valid\n")
    # bad proofs are rejected with a reason, never a traceback
    doc = json.loads(proof)
    for change, reason in [
        ({"index": 2}, "does not match"),
        ({"size": 3}, "not below"),
        ({"root": base64.b64encode(base64.b64decode(doc["root"])[:31]).decode()}, "31 bytes"),
        (
            {"leaf_hash": base64.b64encode(base64.b64decode(doc["leaf_hash"]) + b"\0").decode()},
            "33 bytes",
        ),
        ({"proof": [*doc["proof"], doc["root"]]}, "too many"),
        ({"proof": doc["proof"][:-1]}, "too few"),
        ({"leaf_hash": "%%%"}, "base64"),
        ({"index": "3"}, "integer"),
    ]:
        code, out = akte("ledger", "proof", "check", "-", input=json.dumps({**doc, **change}))
        assert code == 1 and out.startswith("error: ") and reason in out, (change, out)
    code, out = akte(
        "ledger", "proof", "check", "-", input=json.dumps({**json.loads(cons), "old": 7, "new": 6})
    )
    assert code == 1 and "shrank" in out
    code, out = akte("ledger", "proof", "consistency", "--old", "7", "--new", "6", "-c", cfg)
    assert code == 1 and "never shrinks" in out
    code, out = akte("ledger", "proof", "inclusion", "--index", "0", "--size", "99", "-c", cfg)
    assert code == 1 and "outside 0..6" in out
    assert akte("ledger", "proof", "check", "-", input="{not json")[0] == 1
    # erasure keeps the log verifiable
    code, out = akte("ledger", "erase", "--person", "p-1", "--yes", "-c", cfg)
    assert code == 0 and "erased 5 entries; tombstone at index 6" in out
    akte("ledger", "checkpoint", "-c", cfg)
    code, out = akte("ledger", "verify", "-c", cfg)
    assert code == 0 and "ok: 7 entries" in out
    assert akte("ledger", "proof", "check", "-", input=proof) == (
        0,
        "valid\n",
    )  # old proof still valid


def test_cli_verify_reports_mismatch_index(cfg: str) -> None:
    akte("ledger", "append", "-", "-c", cfg, input=json.dumps([ev(i) for i in range(8)]))
    akte("ledger", "checkpoint", "-c", cfg)
    import sqlite3

    db = Path(cfg).with_name("ledger.db")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE tlog_nodes SET hash = zeroblob(32) WHERE level = 0 AND idx = 5")
    code, out = akte("ledger", "verify", "-c", cfg)
    assert code == 1 and "MISMATCH starting at index 5" in out and "entry 5" in out


def test_cli_bad_input(cfg: str, tmp_path: Path) -> None:
    code, out = akte(
        "ledger",
        "append",
        "-",
        "-c",
        cfg,
        input=json.dumps({"person": "x", "event": {"procedure": "1"}}),
    )
    assert code == 1 and "missing" in out
    code, out = akte("ledger", "append", "-", "-c", cfg, input="[1]")
    assert code == 1 and "item 0" in out
    code, out = akte("ledger", "checkpoint", "-c", str(tmp_path / "nope.toml"))
    assert code == 1 and "not found" in out
    code, out = akte("ledger", "init", str(Path(cfg).parent))
    assert code == 1 and "already holds a ledger" in out
    code, out = akte("ledger", "verify", "-c", cfg)
    assert code == 1 and "no checkpoint yet" in out
    code, out = akte("ledger", "keygen")
    assert code == 1 and "nothing to do" in out


def test_cli_keygen_and_witness_flags(tmp_path: Path, cfg: str) -> None:
    code, out = akte(
        "ledger",
        "keygen",
        "--name",
        "witness.test/w1",
        "--out",
        str(tmp_path / "w1.skey"),
        "--witness",
    )
    assert code == 0 and out.startswith("witness.test/w1+")
    assert (tmp_path / "w1.skey").stat().st_mode & 0o777 == 0o600
    code, out = akte("ledger", "keygen", "--agency-token", "--master", str(tmp_path / "m.key"))
    assert code == 0 and "token_sha256" in out
    code, out = akte(
        "ledger",
        "witness",
        "--url",
        "http://127.0.0.1:9",
        "--state",
        str(tmp_path / "st"),
        "--key",
        str(tmp_path / "w1.skey"),
        "--log-key",
        str(Path(cfg).with_name("log.vkey")),
    )
    assert code == 1 and "failed" in out


def test_bench_runs_tiny() -> None:
    code, out = akte(
        "bench",
        "ledger",
        "--json",
        "--sizes",
        "300,513",
        "--unbatched",
        "5",
        "--batches",
        "2",
        "--batch-size",
        "10",
        "--samples",
        "5",
        "--baseline-samples",
        "2",
        "--pg-url",
        "",
    )
    assert code == 0, out
    result = json.loads(out)
    assert result["machine"]["cpu_count"] >= 1 and result["machine"]["memory_gib"] > 0
    for size in (300, 513):
        run = result[f"sqlite_{size}"]
        assert run["size"] == size and run["size_after_appends"] == size + 5 + 2 * 10
        assert run["appends"]["distinct_persons"] == 25
        for part in ("unbatched", "batched"):
            assert {"p50_ms", "p95_ms"} <= set(run["appends"][part])
            assert {"p50_ms", "p95_ms"} <= set(run["appends_into_empty_log"][part])
        assert run["proofs"]["baseline_inclusion_proof_from_all_leaves"]["n"] == 2


def test_bench_keeps_its_released_options() -> None:
    code, out = akte(
        "bench", "ledger", "--size", "64", "--appends", "20", "--batch-size", "10",
        "--unbatched", "2", "--samples", "3", "--baseline-size", "10", "--pg-url", "",
    )  # fmt: skip
    assert code == 0, out
    run = json.loads(out)["sqlite_64"]
    assert run["size_after_appends"] == 64 + 2 + 20
    assert "baseline_inclusion_proof_from_all_leaves" not in run["proofs"]  # 64 > 10


def test_serve_and_witness_end_to_end(cfg: str, tmp_path: Path) -> None:
    import hashlib
    import socket
    import subprocess
    import sys
    import urllib.request

    wkey = tmp_path / "w.skey"
    code, wvkey = akte(
        "ledger", "keygen", "--name", "witness.test/w1", "--out", str(wkey), "--witness"
    )
    token = "token-of-bamf-ber"
    config = Path(cfg)
    text = config.read_text().replace("witnesses = []", f'witnesses = ["{wvkey.strip()}"]')
    text += f'\n[[agencies]]\nname = "BAMF-BER"\ntoken_sha256 = "{hashlib.sha256(token.encode()).hexdigest()}"\n'
    config.write_text(text)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-u",
            "-m",
            "akte",
            "ledger",
            "serve",
            "-c",
            cfg,
            "--addr",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        assert "serving akte.test/ledger" in server.stdout.readline()
        url = f"http://127.0.0.1:{port}"
        body = json.dumps({"items": [ev(i) for i in range(4)]}).encode()
        req = urllib.request.Request(  # noqa: S310 (127.0.0.1)
            f"{url}/entries", data=body, headers={"Authorization": f"Bearer {token}"}, method="POST"
        )
        with urllib.request.urlopen(req, timeout=10) as r:  # noqa: S310
            assert r.status == 201
        vkey = str(config.with_name("log.vkey"))
        code, out = akte(
            "ledger",
            "witness",
            "--url",
            url,
            "--state",
            str(tmp_path / "ws"),
            "--key",
            str(wkey),
            "--log-key",
            vkey,
        )
        assert (
            code == 0 and "cosigned size 4 (first checkpoint seen)" in out and "warning" not in out
        )
        with urllib.request.urlopen(f"{url}/checkpoint", timeout=10) as r:  # noqa: S310
            assert r.headers["Akte-Witness-Count"] == "1"
    finally:
        server.terminate()
        server.communicate(timeout=10)
