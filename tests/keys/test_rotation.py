"""Master-key rotation (`akte keys rotate`): every data key rewrapped, nothing else touched;
checkpoints, proofs, payloads and procedure tokens hold; an interrupted rotation resumes; a
server that opened the log before the rotation keeps working; the old key opens nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akte import keys
from akte.cli import app
from akte.keys import rotation
from akte.ledger import merkle, note
from akte.ledger.config import create_ledger, load_config, open_ledger
from akte.ledger.events import StatusEvent
from akte.ledger.rotation import ROTATION_LOG, rotate_master_key


def event(i: int, procedure: str) -> StatusEvent:
    return StatusEvent(procedure, f"status_{i}", "BAMF-BER", f"2026-11-23T09:{i:02d}:00Z")


@pytest.fixture
def office(tmp_path: Path):
    """A log with five persons' events, a checkpoint and a proof, as a server opened it."""
    cfg_path, _ = create_ledger(tmp_path / "ledger", "akte.test/ledger", "sqlite:///ledger.db")
    config = load_config(cfg_path)
    server = open_ledger(config, need_master=True, need_signer=True)
    server.append_many([(f"person:{i}", event(i, f"100000{i}-475")) for i in range(5)])
    checkpoint = server.checkpoint()
    proof = server.inclusion_proof(2, 5)
    tokens = {f"100000{i}-475": server.procedure_token(f"100000{i}-475") for i in range(5)}
    return config, server, checkpoint, proof, tokens


def wrapped(config) -> dict[str, bytes]:
    store = open_ledger(config).store
    return dict(store.wrapped_key_page(None, 1000))


def opens(master: bytes, rows: dict[str, bytes]) -> int:
    count = 0
    for person, w in rows.items():
        try:
            keys.unwrap_data_key(master, person, w)
            count += 1
        except keys.CryptoError:
            pass
    return count


def test_rotation_rewraps_every_key_and_everything_still_verifies(office):
    config, server, checkpoint, proof, tokens = office
    old = keys.load_master_key(config.master_key)
    data_keys = {p: server.data_key(p, create=False) for p in wrapped(config)}
    before = wrapped(config)

    report = rotate_master_key(config, page=2)  # pages of two: several transactions

    new = keys.load_master_key(config.master_key)
    after = wrapped(config)
    assert new != old and report.rewrapped == 5 and not report.resumed
    assert opens(old, after) == 0 and opens(new, after) == 5  # the old key opens nothing
    assert all(after[p] != before[p] for p in before)
    assert not keys.masters.next_key_path(config.master_key).exists()
    fresh = open_ledger(load_config(config.path), need_master=True, need_signer=True)
    assert {p: fresh.data_key(p, create=False) for p in after} == data_keys  # data untouched
    signed = note.open_checkpoint(checkpoint, fresh.need_verifier())  # old checkpoint
    leaf = fresh.store.leaf_hashes(2, 3)[0]
    merkle.verify_inclusion(leaf, 2, 5, proof, signed.checkpoint.root)  # old proof
    report_log = fresh.verify()
    assert report_log.ok and report_log.checked_commitments == 5, report_log.problems
    assert {f: fresh.procedure_token(f) for f in tokens} == tokens  # links handed out hold
    assert fresh.procedure_history("1000003-475")[0].event == event(3, "1000003-475")
    steps = [json.loads(line)["step"] for line in (config.path.parent / ROTATION_LOG).open()]
    assert steps == ["started", "renamed", "finished"]
    assert old.hex() not in (config.path.parent / ROTATION_LOG).read_text()


def test_a_server_opened_before_the_rotation_keeps_reading_and_writing(office):
    config, server, *_ = office
    server.append("person:9", event(9, "1000009-475"))  # a key the server has cached
    rotate_master_key(config)
    # a person the server has not seen yet: its key is under the new master only
    other = open_ledger(load_config(config.path), need_master=True)
    other.append("person:10", event(10, "1000010-475"))
    assert server.procedure_history("1000010-475")[0].event == event(10, "1000010-475")
    server.append("person:11", event(11, "1000011-475"))  # wrapped with the new key
    new = keys.load_master_key(config.master_key)
    assert opens(new, wrapped(config)) == 8


def test_an_interrupted_rotation_resumes_and_a_second_rotation_works(office, monkeypatch):
    config, server, *_ = office
    calls = {"n": 0}
    real = type(server.store).replace_wrapped_keys

    def crash_after_first_page(self, changes):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # killed mid-rotation
        return real(self, changes)

    monkeypatch.setattr(type(server.store), "replace_wrapped_keys", crash_after_first_page)
    with pytest.raises(KeyboardInterrupt):
        rotate_master_key(config, page=2)
    monkeypatch.setattr(type(server.store), "replace_wrapped_keys", real)
    old = keys.load_master_key(config.master_key)
    pending = keys.load_master_key(keys.masters.next_key_path(config.master_key))
    halfway = wrapped(config)
    assert opens(old, halfway) == 3 and opens(pending, halfway) == 2
    assert server.procedure_history("1000004-475")[0].event is not None  # still serving

    report = rotate_master_key(config, page=2)
    assert report.resumed and report.rewrapped == 3 and report.already_new == 2
    assert keys.load_master_key(config.master_key) == pending

    second = rotate_master_key(config)
    third = keys.load_master_key(config.master_key)
    assert second.rewrapped == 5 and not second.resumed and third != pending
    assert opens(pending, wrapped(config)) == 0 and opens(third, wrapped(config)) == 5
    assert open_ledger(load_config(config.path), need_master=True).verify().ok


def test_a_key_that_neither_master_opens_stops_the_rotation_and_says_so(office):
    config, *_ = office
    store = open_ledger(config).store
    store.replace_wrapped_keys(
        [("person:0", wrapped(config)["person:0"], keys.wrap_data_key(keys.new_key(), "x", b"k"))]
    )
    with pytest.raises(keys.CryptoError, match="master key does not open"):
        rotate_master_key(config)


def test_rotation_needs_a_key_file(tmp_path, monkeypatch):
    monkeypatch.setenv(keys.config.MASTER_KEY_ENV, keys.new_key().hex())
    cfg_path, _ = create_ledger(tmp_path, "akte.test/ledger", "ledger.db", master_key_file=False)
    result = CliRunner().invoke(app, ["keys", "rotate", "--config", str(cfg_path)])
    assert result.exit_code == 1
    assert "rotation needs a key file" in result.output


def test_the_command_rotates_and_reports(office):
    config, *_ = office
    result = CliRunner().invoke(app, ["keys", "rotate", "--config", str(config.path)])
    assert result.exit_code == 0, result.output
    assert "5 data keys rewrapped" in result.output
    assert rotation.fingerprint(keys.load_master_key(config.master_key)) in result.output
