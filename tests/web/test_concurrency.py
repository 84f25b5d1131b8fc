"""Concurrent writers and kill -9 through real HTTP, on the embedded default (`akte serve`:
the dev settings, SQLite under a temporary var directory, a random loopback port)."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time

import pytest

from akte.web.load import actions
from akte.web.load.server import Server, office

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(  # the servers here are always the embedded default: once per CI run
        os.environ.get("AKTE_DATABASE_URL", "").startswith("postgres"),
        reason="runs in the SQLite pass",
    ),
]

INTERVIEWERS, CLERKS, SAVES = 20, 4, 6


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """One migrated office for the module; each test serves its own copy of it."""
    server = Server(tmp_path_factory.mktemp("office") / "var")
    spec = {"interviewers": INTERVIEWERS, "clerks": CLERKS, "procedures": 8}
    return server.var_dir, office(server.env, "prepare", json.dumps(spec))


def _office(template, tmp_path) -> tuple[Server, dict]:
    var_dir, setup = template
    shutil.copytree(var_dir, tmp_path / "var")
    return Server(tmp_path / "var"), setup


def _logged_in(server: Server, setup: dict, role: str) -> list:
    """Sessions made by `office prepare` (a real login costs a second of PBKDF2 each)."""
    return [server.session().adopt(setup["sessions"][name]) for name in setup["users"][role]]


def _all(threads: list[threading.Thread]) -> None:
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
        assert not thread.is_alive(), "a client hung"


def test_concurrent_segments_and_status_changes_all_saved(template, tmp_path, monkeypatch):
    monkeypatch.setenv("AKTE_QUEUE_TIMEOUT", "60")  # this load is below the knee: no 503
    monkeypatch.setenv("AKTE_MAX_QUEUED_REQUESTS", "100")
    server, setup = _office(template, tmp_path)
    tally = actions.Tally("conc")
    with server:
        interviewers = _logged_in(server, setup, "interviewer")
        clerks = _logged_in(server, setup, "registry_clerk")
        start = threading.Barrier(INTERVIEWERS + CLERKS)

        def interview(session, hearing):
            start.wait()
            for _ in range(SAVES):
                actions.save_segment(session, hearing, tally)

        def clerk(session, i):
            start.wait()
            for n in range(SAVES):  # all clerks on the same two procedures: real contention
                actions.change_status(session, setup["procedures"][n % 2], tally, i + n)

        hearings = [setup["hearings"][name] for name in setup["users"]["interviewer"]]
        _all(
            [
                threading.Thread(target=interview, args=a)
                for a in zip(interviewers, hearings, strict=True)
            ]
            + [threading.Thread(target=clerk, args=(s, i)) for i, s in enumerate(clerks)]
        )
    assert tally.problems() == [], server.tail()
    assert "Traceback" not in server.tail(100_000)
    written = office(server.env, "written", "conc")
    assert tally.lost(written) == {"missing": [], "refused_but_saved": [], "saved_twice": []}
    assert written["segment_number_gaps"] == {}
    saved = len(tally.acknowledged["segment"]) + len(tally.acknowledged["status"])
    # a clerk's move to the status another clerk just set is refused by the lifecycle (409)
    refused = len(tally.refused["status"])
    assert saved + refused == (INTERVIEWERS + CLERKS) * SAVES, tally.statuses()
    assert not tally.refused["segment"] and len(tally.acknowledged["status"]) >= CLERKS


def test_kill_9_during_segment_saves_loses_nothing_acknowledged(template, tmp_path):
    server, setup = _office(template, tmp_path)
    tally = actions.Tally("kill")
    server.start()
    try:
        sessions = _logged_in(server, setup, "interviewer")
        stop = threading.Event()

        def interview(session, hearing):
            while not stop.is_set():
                if actions.save_segment(session, hearing, tally).status == 0:
                    return  # the server is gone

        hearings = [setup["hearings"][name] for name in setup["users"]["interviewer"]]
        threads = [
            threading.Thread(target=interview, args=a) for a in zip(sessions, hearings, strict=True)
        ]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while len(tally.acknowledged["segment"]) < 40 and time.monotonic() < deadline:
            time.sleep(0.05)
        server.kill()  # kill -9 while saves are in flight
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        server.kill()
    assert len(tally.acknowledged["segment"]) >= 40
    restarted = Server(server.var_dir).start()
    try:
        session = restarted.session()
        session.login(setup["users"]["interviewer"][0], setup["password"])
        after = actions.save_segment(session, hearings[0], tally)
        assert after.status == 302, restarted.tail()
    finally:
        restarted.stop()
    written = office(server.env, "written", "kill")
    lost = tally.lost(written)
    assert lost["missing"] == [] and lost["saved_twice"] == []
    assert written["segment_number_gaps"] == {}  # nothing half-saved: numbers 1..n per hearing
