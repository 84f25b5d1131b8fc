"""Real processes: concurrent appenders on PostgreSQL and SQLite, and SIGKILL mid-batch."""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from akte.ledger import crypto, merkle
from akte.ledger.log import Ledger
from akte.ledger.stores import open_store

from .conftest import ORIGIN, PG_URL

APPENDER = Path(__file__).with_name("appender.py")


def start(
    url: str, prefix: str, writer: str, batches: int, batch_size: int, key: bytes
) -> subprocess.Popen:
    env = {**os.environ, crypto.MASTER_KEY_ENV: base64.b64encode(key).decode()}
    return subprocess.Popen(
        [sys.executable, str(APPENDER), url, prefix, writer, str(batches), str(batch_size)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def acks(output: str) -> dict[int, bytes]:
    """index -> leaf hash of every acknowledged entry."""
    acked: dict[int, bytes] = {}
    for line in output.splitlines():
        if line.startswith("ACK "):
            _, first, count, hashes = line.split(" ")
            leaves = [bytes.fromhex(h) for h in hashes.split(",")]
            assert len(leaves) == int(count)
            for i, leaf in enumerate(leaves):
                assert int(first) + i not in acked, "duplicate index"
                acked[int(first) + i] = leaf
    return acked


def assert_consistent(url: str, prefix: str, key: bytes, acked: dict[int, bytes]) -> int:
    store = open_store(url, prefix)
    try:
        size = store.size()
        leaves = store.leaf_hashes(0, size)
        assert len(leaves) == size
        for index, leaf in acked.items():
            assert leaves[index] == leaf, f"acknowledged entry {index} lost or changed"
        assert store.root(size)[1] == merkle.root(leaves)
        ledger = Ledger(store, ORIGIN, signer=None, master_key=key)
        assert len(store.entries(0, size)) == size
        from akte.ledger.log import VerifyReport
        from akte.ledger.verify import check_commitments, check_subtrees

        report = VerifyReport(ok=True, log_size=size, checkpoint_size=0)
        check_subtrees(store, size, report)
        check_commitments(store, size, report, ledger.entry_problem)
        assert report.ok, report.problems
        return size
    finally:
        store.close()


def run_two_writers(url: str, prefix: str) -> None:
    key = crypto.new_key()
    store = open_store(url, prefix)
    store.create_schema()
    store.close()
    procs = [start(url, prefix, w, batches=15, batch_size=20, key=key) for w in ("alpha", "beta")]
    for p in procs:  # all ready (schema created, keys loaded) ...
        assert p.stdout is not None and p.stdout.readline() == "READY\n"
    for p in procs:  # ... then go at once
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.close()
    outputs = [(p.stdout.read(), p.stderr.read()) for p in procs if p.stdout and p.stderr]
    for p in procs:
        p.wait(timeout=120)
    for p, (_, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
    acked_a, acked_b = acks(outputs[0][0]), acks(outputs[1][0])
    assert not acked_a.keys() & acked_b.keys(), "two writers got the same index"
    acked = {**acked_a, **acked_b}
    assert sorted(acked) == list(range(600))
    # (with both released at once their batches normally interleave; not asserted, timing)
    assert assert_consistent(url, prefix, key, acked) == 600


@pytest.mark.postgres
def test_two_processes_append_concurrently_on_postgres(pg_prefix: str) -> None:
    run_two_writers(PG_URL, pg_prefix)


def test_two_processes_append_concurrently_on_sqlite(tmp_path: Path) -> None:
    run_two_writers(str(tmp_path / "ledger.db"), "tlog_")


def kill_mid_batch(url: str, prefix: str) -> None:
    key = crypto.new_key()
    proc = start(url, prefix, "crash", batches=10_000, batch_size=500, key=key)
    assert proc.stdout is not None and proc.stdin is not None
    proc.stdin.write("go\n")
    proc.stdin.flush()
    lines = []
    while len([x for x in lines if x.startswith("ACK")]) < 3:
        line = proc.stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else "appender died"
        lines.append(line)
    os.kill(proc.pid, signal.SIGKILL)  # most likely in the middle of the next batch
    rest, _ = proc.communicate(timeout=30)
    acked = acks("".join(lines) + rest)
    assert proc.returncode == -signal.SIGKILL
    size = assert_consistent(url, prefix, key, acked)
    assert size >= len(acked) and size % 500 == 0, "a batch is all or nothing"
    # after restart the log accepts appends again and stays consistent
    again = start(url, prefix, "restart", batches=1, batch_size=10, key=key)
    out, err = again.communicate("go\n", timeout=60)
    assert again.returncode == 0, err
    assert assert_consistent(url, prefix, key, {**acked, **acks(out)}) == size + 10


def test_sigkill_during_a_batch_on_sqlite(tmp_path: Path) -> None:
    kill_mid_batch(str(tmp_path / "ledger.db"), "tlog_")


@pytest.mark.postgres
def test_sigkill_during_a_batch_on_postgres(pg_prefix: str) -> None:
    kill_mid_batch(PG_URL, pg_prefix)
