"""Start Akte on loopback on a free port, on its own database, and stop or kill it.

The server is a process group of its own (`akte serve`, or gunicorn's master and workers),
so `stop()` and `kill()` end exactly what was started, by its id. No Django in this module:
the calling process (pytest, `akte bench load`) stays free of the server's settings.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .client import Session

SETTINGS = {"serve": "akte.web.settings.dev", "gunicorn": "akte.web.settings.production"}
GUNICORN_THREADS = 24  # per worker: the gate's 8 inside Django + its 16 waiting


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(var_dir: Path, *, database_url: str = "", settings: str = "") -> dict[str, str]:
    """The server's (and its `office` helper's) environment: everything under `var_dir`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AKTE_", "DJANGO_"))}
    env |= {
        "AKTE_VAR_DIR": str(var_dir),
        "AKTE_HOME": str(var_dir),
        "AKTE_SECRET_KEY": "load-test-" + "x" * 32,  # throw-away servers on loopback only
        "AKTE_ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
    }
    for name in (
        "AKTE_MAX_CONCURRENT_REQUESTS",
        "AKTE_MAX_QUEUED_REQUESTS",
        "AKTE_QUEUE_TIMEOUT",
        "AKTE_SQLITE_BUSY_TIMEOUT",
    ):
        if name in os.environ:
            env[name] = os.environ[name]
    if database_url:
        env["AKTE_DATABASE_URL"] = database_url
    if settings:
        env["DJANGO_SETTINGS_MODULE"] = settings
    return env


def office(env: dict[str, str], command: str, argument: str) -> dict:
    """Run `python -m akte.web.load.office` with the server's environment; its JSON."""
    Path(env["AKTE_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    done = subprocess.run(  # noqa: S603  (our own command line)
        [sys.executable, "-m", "akte.web.load.office", command, argument],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"office {command} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


@dataclass
class Server:
    """`kind` "serve" (the embedded default: `akte serve`, dev settings) or "gunicorn"
    (`workers` sync workers; production settings unless `settings` says otherwise)."""

    var_dir: Path
    kind: str = "serve"
    database_url: str = ""
    settings: str = ""
    workers: int = 4
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def env(self) -> dict[str, str]:
        return environment(
            self.var_dir,
            database_url=self.database_url,
            settings=self.settings or SETTINGS[self.kind],
        )

    @property
    def log(self) -> Path:
        return self.var_dir / f"server-{self.kind}.log"

    @property
    def https(self) -> bool:
        """Production sits behind a TLS proxy: its clients say X-Forwarded-Proto: https."""
        return (self.settings or SETTINGS[self.kind]).endswith("production")

    def session(self) -> Session:
        return Session("127.0.0.1", self.port, https=self.https)

    def command(self) -> list[str]:
        if self.kind == "serve":
            code = "import sys; from akte.cli import app; sys.argv[0] = 'akte'; app()"
            addr = f"127.0.0.1:{self.port}"
            return [sys.executable, "-c", code, "serve", "--no-demo", "--addr", addr]
        return [
            *(sys.executable, "-m", "gunicorn", "akte.web.wsgi:application"),
            *("--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers)),
            # threads take the connections off the listen backlog and into Django, where the
            # overload gate answers 503 beyond the knee (sync workers leave them queued there)
            *("--worker-class", "gthread", "--threads", str(GUNICORN_THREADS)),
            *("--timeout", "60", "--graceful-timeout", "5", "--error-logfile", "-"),
            "--no-control-socket",  # else every gunicorn shares ~/.gunicorn/gunicorn.ctl
        ]

    def start(self, timeout: float = 60.0) -> Server:
        self.var_dir.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603  (our own command line)
                self.command(),
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stop/kill end all of it
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}: {self.tail()}")
            if self.session().get("/accounts/login/").status == 200:
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server did not answer within {timeout}s: {self.tail()}")

    def tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def _signal(self, sig: int, wait: float) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, sig)
        except ProcessLookupError:
            return
        try:
            self.process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        self._signal(signal.SIGTERM, 10)

    def kill(self) -> None:
        """kill -9, to the whole group (gunicorn's workers too)."""
        self._signal(signal.SIGKILL, 10)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
