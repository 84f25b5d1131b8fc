"""Fault tests: kill -9 a real server during status changes, and a real drain during ledger
appends. After a restart nothing acknowledged is lost, `akte ledger verify` passes and
`akte ledger reconcile` finds no gap and no duplicate. Bounded: a few seconds each."""

from __future__ import annotations

import http.cookiejar
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PASSWORD = "a-long-test-password"
SETUP = """
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from akte.web.accounts.models import User
from akte.web.cases.models import Person, Procedure, StatusEvent
u = User(username="clerk", role="registry_clerk", office="BER"); u.set_password(PASSWORD); u.save()
person = Person.objects.create(sex="F", nationality="SYR")
p = Procedure.objects.create(file_number="7000001-475", person=person, status="registered",
                             office="BER", country="SYR")
print(p.pk)
""".replace("PASSWORD", repr(PASSWORD))
BACKLOG = """
import django; django.setup()
from django.db import transaction
from akte.web.cases.models import Person, Procedure, StatusEvent
from akte.web.statuslog import outbox
with transaction.atomic():
    for i in range(COUNT):
        person = Person.objects.create(sex="M", nationality="AFG")
        p = Procedure.objects.create(file_number=f"71{i:05d}-423", person=person,
                                     status="registered", office="BER", country="AFG")
        for status in ("registered", "lodged", "hearing_scheduled"):
            outbox.enqueue(p, StatusEvent.objects.create(procedure=p, status=status))
"""


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="akte.web.settings.dev",
        AKTE_VAR_DIR=str(tmp),
        AKTE_DATABASE_URL=f"sqlite:///{tmp / 'akte.sqlite3'}",
        AKTE_LEDGER_CONFIG=str(tmp / "ledger" / "ledger.toml"),
        PYTHONPATH=os.pathsep.join(sys.path),
    )
    return env


def _akte(env, *args, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "akte", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(env, port) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "akte", "serve", "--addr", f"127.0.0.1:{port}", "--no-demo"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            assert server.poll() is None, "the server stopped at start"
            time.sleep(0.2)
    _kill(server)
    raise AssertionError("the server did not start within 60 s")


def _kill(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGKILL)
    server.wait(timeout=10)


class _Browser:
    def __init__(self, base: str) -> None:
        self.base, self.jar = base, http.cookiejar.CookieJar()
        handler = urllib.request.HTTPCookieProcessor(self.jar)

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(handler, NoRedirect)

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def request(self, path: str, data: dict | None = None) -> int:
        body = None
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}).encode()
        req = urllib.request.Request(  # noqa: S310 (http://127.0.0.1 only)
            self.base + path, body, headers={"Referer": self.base}
        )
        try:
            with self.opener.open(req, timeout=10) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    def login(self) -> None:
        assert self.request("/accounts/login/") == 200
        assert self.request("/accounts/login/", {"username": "clerk", "password": PASSWORD}) == 302


def _check_after_restart(env, tmp: Path) -> dict:
    verify = _akte(env, "ledger", "verify", "-c", str(tmp / "ledger" / "ledger.toml"))
    assert verify.returncode == 0, verify.stdout + verify.stderr
    reconcile = _akte(env, "ledger", "reconcile", "--json")
    report = json.loads(reconcile.stdout)
    assert reconcile.returncode == 0 and report["ok"], reconcile.stdout + reconcile.stderr
    assert report["gaps"] == [] and report["duplicates"] == []
    return report


def test_kill9_during_status_changes_loses_nothing_acknowledged(tmp_path):
    env = _env(tmp_path)
    setup = subprocess.run(
        [sys.executable, "-c", SETUP], env=env, capture_output=True, text=True, timeout=120
    )
    assert setup.returncode == 0, setup.stderr
    pk = int(setup.stdout.strip().splitlines()[-1])
    port = _free_port()
    acknowledged = 0
    rng = random.Random(10)
    for _round in range(2):
        server = _start(env, port)
        browser = _Browser(f"http://127.0.0.1:{port}")
        browser.login()
        stop = threading.Event()

        def change_statuses(browser=browser, stop=stop):
            nonlocal acknowledged
            # two statuses the lifecycle allows both ways; a move to the current one is a 409
            statuses = ["lodged", "hearing_scheduled"]
            while not stop.is_set():
                try:
                    status = browser.request(
                        f"/procedures/{pk}/status/", {"status": rng.choice(statuses)}
                    )
                except OSError:
                    return  # the server is gone: this request is not acknowledged
                if status == 302:
                    acknowledged += 1

        worker = threading.Thread(target=change_statuses)
        worker.start()
        target = acknowledged + rng.randint(5, 15)
        deadline = time.monotonic() + 60
        while acknowledged < target and time.monotonic() < deadline:
            time.sleep(0.01)
        _kill(server)  # kill -9 with requests in flight
        stop.set()
        worker.join(timeout=20)
    assert acknowledged >= 10
    server = _start(env, port)  # the restart drains what the killed one left pending
    _kill(server)
    report = _check_after_restart(env, tmp_path)
    assert report["events_checked"] >= acknowledged  # every acknowledged change is there


def test_kill9_during_ledger_appends_makes_no_gap_and_no_duplicate(tmp_path):
    env = _env(tmp_path)
    setup = subprocess.run(
        [sys.executable, "-c", SETUP], env=env, capture_output=True, text=True, timeout=120
    )
    assert setup.returncode == 0, setup.stderr
    backlog = subprocess.run(
        [sys.executable, "-c", BACKLOG.replace("COUNT", "300")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert backlog.returncode == 0, backlog.stderr
    rng = random.Random(3)
    for _round in range(4):  # kill each drain at a random moment
        drain = subprocess.Popen(
            [sys.executable, "-m", "akte", "ledger", "drain", "--json"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.8, 2.5))
        _kill(drain)
    finished = _akte(env, "ledger", "drain", "--json")
    assert finished.returncode == 0 and json.loads(finished.stdout)["pending"] == 0
    report = _check_after_restart(env, tmp_path)
    assert report["events_checked"] == 900 and report["log_entries"] == 900
