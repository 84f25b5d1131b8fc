"""The HTTP contract on 127.0.0.1 (wsgiref in a thread) and witnesses against it."""

from __future__ import annotations

import hashlib
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from akte.ledger import crypto, merkle, note
from akte.ledger.http import LedgerApp
from akte.ledger.log import Ledger
from akte.ledger.store_sqlite import SQLiteStore
from akte.ledger.witness import ForkDetected, WitnessError, witness_once

from .conftest import ORIGIN, event

TOKEN = "agency-token-for-tests"


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(ledger: Ledger) -> Iterator[str]:
    tokens = {hashlib.sha256(TOKEN.encode()).hexdigest(): "BAMF-BER"}
    app = LedgerApp(ledger, lambda t: tokens.get(hashlib.sha256(t.encode()).hexdigest()))
    server = make_server("127.0.0.1", 0, app, handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def make_log(
    path: Path, signer: note.Signer, witnesses: list[note.Signer], n: int, seed: str = ""
) -> Ledger:
    store = SQLiteStore(path)
    store.create_schema()
    ledger = Ledger(
        store,
        ORIGIN,
        signer=signer,
        master_key=crypto.new_key(),
        witnesses=[w.verifier for w in witnesses],
    )
    if n:
        ledger.append_many([(f"person{seed}{i % 3}", event(i)) for i in range(n)])
        ledger.checkpoint()
    return ledger


def request(
    url: str, data: bytes | None = None, headers: dict | None = None
) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(  # noqa: S310 (tests talk to 127.0.0.1)
        url, data=data, headers=headers or {}, method="POST" if data is not None else "GET"
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as r:  # noqa: S310
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.fixture
def keys() -> tuple[note.Signer, list[note.Signer]]:
    return note.Signer.generate(ORIGIN), [
        note.Signer.generate(f"witness.test/w{i}", note.COSIGNATURE_V1) for i in range(2)
    ]


def test_witnesses_cosign_and_detect_fork_and_rollback(tmp_path: Path, keys) -> None:
    signer, witnesses = keys
    log = make_log(tmp_path / "a.db", signer, witnesses, 5)
    states = [tmp_path / "w0", tmp_path / "w1"]
    with serve(log) as url:
        first = witness_once(url, states[0], witnesses[0], log_key=signer.verifier)
        assert first.previous_size is None and first.size == 5 and first.posted
        status, headers, body = request(f"{url}/checkpoint")
        assert status == 200 and headers["Akte-Witness-Count"] == "1"
        witness_once(url, states[1], witnesses[1], log_key=signer.verifier)
        status, headers, body = request(f"{url}/checkpoint")
        assert headers["Akte-Witness-Count"] == "2"
        signed = note.open_checkpoint(
            body.decode(), signer.verifier, witnesses=[w.verifier for w in witnesses]
        )
        assert signed.witness_count == 2
        assert json.loads(request(f"{url}/checkpoint.json")[2])["witness_count"] == 2
        log.append_many([("later", event(i)) for i in range(5)])
        log.checkpoint()
        again = witness_once(url, states[0], witnesses[0])  # log key pinned in the state
        assert (again.previous_size, again.size) == (5, 10)
        assert log.latest_checkpoint().witness_count == 1  # the new checkpoint, one cosigner so far

    # same key and origin, another history of 12 entries: the proof from 10 cannot verify
    forked = make_log(tmp_path / "fork.db", signer, witnesses, 12, seed="x")
    with serve(forked) as url, pytest.raises(ForkDetected, match="FORK") as caught:
        witness_once(url, states[0], witnesses[0])
    assert caught.value.evidence is not None and caught.value.evidence.is_file()
    assert json.loads(caught.value.evidence.read_text())["old_size"] == 10
    assert (
        note.Checkpoint.parse_text(
            (states[0] / "checkpoint").read_text().split("\n\n")[0] + "\n"
        ).size
        == 10
    )

    rolled_back = make_log(tmp_path / "rollback.db", signer, witnesses, 7)
    with serve(rolled_back) as url, pytest.raises(ForkDetected, match="ROLLBACK"):
        witness_once(url, states[0], witnesses[0])

    same_size = make_log(tmp_path / "same.db", signer, witnesses, 10, seed="y")
    with serve(same_size) as url, pytest.raises(ForkDetected, match="two different roots"):
        witness_once(url, states[0], witnesses[0])

    impostor = make_log(tmp_path / "impostor.db", note.Signer.generate(ORIGIN), witnesses, 20)
    with serve(impostor) as url, pytest.raises(WitnessError, match="no signature from the log key"):
        witness_once(url, states[0], witnesses[0])


def test_witness_configuration_errors(tmp_path: Path, keys) -> None:
    signer, witnesses = keys
    with pytest.raises(WitnessError, match="cosigner key"):
        witness_once("http://127.0.0.1:9", tmp_path, signer)
    with pytest.raises(WitnessError, match="--log-key"):
        witness_once("http://127.0.0.1:9", tmp_path, witnesses[0])
    with pytest.raises(WitnessError, match="http"):
        witness_once("file:///etc/passwd", tmp_path, witnesses[0], log_key=signer.verifier)
    with pytest.raises(WitnessError, match="failed"):
        witness_once("http://127.0.0.1:9", tmp_path, witnesses[0], log_key=signer.verifier)


def test_http_contract_and_bad_input(tmp_path: Path, keys) -> None:
    signer, witnesses = keys
    log = make_log(tmp_path / "a.db", signer, witnesses, 0)
    with serve(log) as url:
        assert request(f"{url}/checkpoint")[0] == 404
        payload = {
            "person": "p-1",
            "event": {
                "procedure": "1234567-475",
                "event_type": "application_filed",
                "agency": "BAMF-BER",
                "time": "2026-11-23T09:00:00Z",
            },
        }
        body = json.dumps(payload).encode()
        assert request(f"{url}/entries", body)[0] == 401
        assert request(f"{url}/entries", body, {"Authorization": "Bearer wrong"})[0] == 403
        other = json.dumps({**payload, "event": {**payload["event"], "agency": "ABH-K"}}).encode()
        status, _, err = request(f"{url}/entries", other, {"Authorization": f"Bearer {TOKEN}"})
        assert status == 403 and "cannot report" in json.loads(err)["error"]
        status, _, err = request(
            f"{url}/entries", b"{not json", {"Authorization": f"Bearer {TOKEN}"}
        )
        assert status == 400 and "not JSON" in json.loads(err)["error"]
        items = {"items": [payload, payload, payload]}
        status, _, out = request(
            f"{url}/entries", json.dumps(items).encode(), {"Authorization": f"Bearer {TOKEN}"}
        )
        assert status == 201
        receipts = json.loads(out)["receipts"]
        assert [r["index"] for r in receipts] == [0, 1, 2]
        cp = note.open_checkpoint(
            request(f"{url}/checkpoint")[2].decode(), signer.verifier
        ).checkpoint
        proof = json.loads(request(f"{url}/proof/inclusion?index=1&size=3")[2])
        import base64

        merkle.verify_inclusion(
            base64.b64decode(proof["leaf_hash"]),
            1,
            3,
            [base64.b64decode(p) for p in proof["proof"]],
            cp.root,
        )
        assert json.loads(request(f"{url}/proof/consistency?old=1&new=3")[2])["proof"]
        entries = json.loads(request(f"{url}/entries?start=0&end=10")[2])["entries"]
        assert (
            len(entries) == 3
            and "p-1" not in json.dumps(entries)
            and "1234567" not in json.dumps(entries)
        )
        for query, message in [
            ("/proof/inclusion?index=abc&size=3", "integer in 0..2^63-1"),
            ("/proof/inclusion?index=1", "'size' is required"),
            ("/proof/inclusion?index=3&size=3", "outside the tree"),
            ("/proof/inclusion?index=0&size=4", "outside 0..3"),
            ("/proof/consistency?old=3&new=2", "never shrinks"),
            ("/proof/consistency?old=-1&new=2", "integer in 0..2^63-1"),
            ("/entries?start=0&end=9999999999999999999", "integer in 0..2^63-1"),
            ("/entries?start=5&end=1", "start <= end"),
        ]:
            status, _, err = request(url + query)
            assert status == 400 and message in json.loads(err)["error"], (query, err)
        assert request(f"{url}/nope")[0] == 404
        status, _, err = request(f"{url}/cosignature", b"garbage")
        assert status == 400 and "blank line" in json.loads(err)["error"]
        # the procedure page for applicant and counsel, opened with its token
        token = log.procedure_token("1234567-475")
        status, _, out = request(f"{url}/procedures/1234567-475?token={token}")
        history = json.loads(out)
        assert status == 200 and [e["verified"] for e in history["entries"]] == [True, True, True]
        assert history["entries"][0]["event"]["event_type"] == "application_filed"
        assert request(f"{url}/procedures/1234567-475?token=guess")[0] == 403
        assert request(f"{url}/procedures/7654321-423?token={token}")[0] == 403
