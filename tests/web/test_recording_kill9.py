"""Fault test: kill -9 the server while a recording uploads; after a restart every chunk the
server acknowledged is there, decrypts and matches its hash, and recording goes on."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from akte.hearing.synthetic_audio import chunks, speech_like

from .test_kill9 import PASSWORD, _Browser, _env, _free_port, _kill, _start

SETUP = """
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from akte.web.accounts.models import User
from akte.web.cases.models import Person, Procedure
from akte.web.hearings import services
u = User(username="clerk", role="interviewer", office="BER"); u.set_password(PASSWORD); u.save()
person = Person.objects.create(sex="F", nationality="SYR")
p = Procedure.objects.create(file_number="7000002-475", person=person, status="lodged",
                             office="BER", country="SYR")
h = services.start(p, u, skeleton="short", interpreter="", language="ar")
services.add_note(h, "recording_notice", "")
print(h.pk)
""".replace("PASSWORD", repr(PASSWORD))
CHECK = """
import django, json; django.setup()
from akte.web.hearings import recorder
from akte.web.hearings.models import Recording
r = Recording.objects.get()
print(json.dumps({"hashes": {c.sequence: c.sha256 for c in r.chunks.all()},
                  "plain": [len(s) for s in recorder.plaintext_streams(r)]}))
"""


def _send(browser: _Browser, pk: int, sequence: int, data: bytes) -> int:
    request = urllib.request.Request(  # noqa: S310 (http://127.0.0.1 only)
        f"{browser.base}/hearings/{pk}/recording/chunks/",
        data,
        headers={
            "Content-Type": "audio/webm;codecs=opus",
            "X-Chunk-Sequence": str(sequence),
            "X-Chunk-SHA256": hashlib.sha256(data).hexdigest(),
            "X-CSRFToken": browser.csrf(),
            "Referer": browser.base,
        },
    )
    try:
        with browser.opener.open(request, timeout=10) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _start_stream(browser: _Browser, pk: int) -> int:
    import json

    request = urllib.request.Request(  # noqa: S310
        f"{browser.base}/hearings/{pk}/recording/start/",
        b"",
        headers={"X-CSRFToken": browser.csrf(), "Referer": browser.base},
    )
    with browser.opener.open(request, timeout=10) as response:
        return json.loads(response.read())["next"]


def test_kill9_during_recording_keeps_every_acknowledged_chunk(tmp_path):
    import json

    env = _env(tmp_path)
    setup = subprocess.run(
        [sys.executable, "-c", SETUP], env=env, capture_output=True, text=True, timeout=120
    )
    assert setup.returncode == 0, setup.stderr
    pk = int(setup.stdout.strip().splitlines()[-1])
    port = _free_port()
    acknowledged: dict[int, str] = {}
    refused: list[tuple[int, int]] = []
    for round_number in range(2):
        server = _start(env, port)
        browser = _Browser(f"http://127.0.0.1:{port}")
        browser.login()
        sequence = _start_stream(browser, pk)  # after the restart: a new stream, as a reload
        pieces = chunks(speech_like(6.0, voice=170.0 + 40 * round_number), size=1500)
        stop = threading.Event()

        def upload(browser=browser, pieces=pieces, first=sequence, stop=stop):
            for i, piece in enumerate(pieces):
                if stop.is_set():
                    return
                try:
                    status = _send(browser, pk, first + i, piece)
                except OSError:
                    return  # the server is gone: this chunk is not acknowledged
                if status != 200:
                    refused.append((first + i, status))
                    return
                acknowledged[first + i] = hashlib.sha256(piece).hexdigest()

        worker = threading.Thread(target=upload)
        worker.start()
        target = len(acknowledged) + 4
        deadline = time.monotonic() + 60
        while len(acknowledged) < target and time.monotonic() < deadline and worker.is_alive():
            time.sleep(0.005)
        _kill(server)  # kill -9 with a chunk in flight
        stop.set()
        worker.join(timeout=20)
    assert not refused
    assert len(acknowledged) >= 8
    check = subprocess.run(
        [sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, timeout=120
    )
    assert check.returncode == 0, check.stderr
    stored = {int(k): v for k, v in json.loads(check.stdout)["hashes"].items()}
    for sequence, digest in acknowledged.items():
        assert stored.get(sequence) == digest, f"acknowledged chunk {sequence} lost"
    assert len(json.loads(check.stdout)["plain"]) == 2  # both streams decrypt
