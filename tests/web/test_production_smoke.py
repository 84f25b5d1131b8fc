"""Production, proven: gunicorn with `akte.web.settings.production` against PostgreSQL, through
real HTTP on loopback (`make test-production`, run by .ci/run after the PostgreSQL suite).

Needs `AKTE_SMOKE_POSTGRES_URL`, a PostgreSQL server's maintenance database (e.g.
postgres://postgres@127.0.0.1:5432/postgres); the test creates a database of its own there
and drops it afterwards. Production sits behind a TLS-terminating proxy (SECURE_PROXY_SSL_HEADER):
the clients here send `X-Forwarded-Proto: https` as that proxy does, so the secure cookies,
the HTTPS redirect and the CSRF origin check stay exactly as deployed.
"""

from __future__ import annotations

import html
import os
import re
import secrets
import subprocess
import sys
import urllib.parse

import pytest

from akte.web.load.server import Server

pytestmark = [pytest.mark.production, pytest.mark.postgres]
MAINTENANCE_URL = os.environ.get("AKTE_SMOKE_POSTGRES_URL", "")
PASSWORD = "smoke-" + secrets.token_hex(12)


@pytest.fixture
def database_url():
    if not MAINTENANCE_URL:
        pytest.skip("set AKTE_SMOKE_POSTGRES_URL (make test-production)")
    import psycopg

    name = f"akte_smoke_{secrets.token_hex(4)}"
    with psycopg.connect(MAINTENANCE_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urllib.parse.urlsplit(MAINTENANCE_URL)
    yield urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(MAINTENANCE_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _akte(server: Server, *args: str) -> str:
    code = "import sys; from akte.cli import app; sys.argv[0] = 'akte'; app()"
    done = subprocess.run(  # noqa: S603  (our own command line)
        [sys.executable, "-c", code, *args],
        env=server.env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _registration(file_number: str) -> dict:
    return {
        "spelling-TOTAL_FORMS": "1",
        "spelling-INITIAL_FORMS": "0",
        "spelling-MIN_NUM_FORMS": "0",
        "spelling-MAX_NUM_FORMS": "10",
        "spelling-0-given_names": "Senait",
        "spelling-0-family_name": "Tesfay",
        "spelling-0-script": "Latn",
        "person-sex": "F",
        "person-birth_date": "1994",
        "person-birth_place": "Asmara",
        "person-nationality": "ERI",
        "person-languages": "ti",
        "procedure-file_number": file_number,
        "procedure-office": "BER",
        "procedure-country": "SYR",
        "procedure-language": "ti",
        "procedure-lodged_on": "2024-03-01",
        "confirm_new": "1",
    }


def test_production_over_http_on_postgresql(tmp_path, database_url):
    server = Server(tmp_path / "var", kind="gunicorn", database_url=database_url, workers=2)
    (tmp_path / "var").mkdir()
    _akte(server, "migrate")  # as README's production section does
    for username, role in (("smoke-clerk", "registry_clerk"), ("smoke-interviewer", "interviewer")):
        out = _akte(server, "createuser", username, "--role", role, "--office", "BER",
                    "--password", PASSWORD)  # fmt: skip
        assert f"created {username}" in out
    with server:
        plain = server.session()
        plain.https = False
        assert plain.get("/accounts/login/").status == 301  # production redirects plain HTTP

        clerk = server.session()
        clerk.login("smoke-clerk", PASSWORD)
        assert clerk.cookies.get("sessionid")
        registered = clerk.post("/register/", _registration("7000001-475"))
        assert registered.status == 302, registered.body[:2000]
        procedure_path = registered.headers["location"]
        procedure_pk = int(re.search(r"/procedures/(\d+)/", procedure_path)[1])

        interviewer = server.session()
        interviewer.login("smoke-interviewer", PASSWORD)
        started = interviewer.post(
            f"/procedures/{procedure_pk}/hearings/", {"skeleton": "short", "language": "ti"}
        )
        assert started.status == 302, started.body[:2000]
        workspace = started.headers["location"]
        saved = interviewer.post(
            workspace + "segments/", {"speaker": "applicant", "text": "Ich kam über Libyen."}
        )
        assert saved.status == 302, saved.body[:2000]
        assert "Ich kam über Libyen." in interviewer.get(workspace).body.decode()

        changed = clerk.post(
            f"/procedures/{procedure_pk}/status/", {"status": "lodged", "note": "smoke"}
        )
        assert changed.status == 302, changed.body[:2000]
        page = clerk.get(f"/procedures/{procedure_pk}/")
        assert page.status == 200
        link = re.search(r'href="[^"]*(/status/[^"]+)"', page.body.decode())
        assert link, "the procedure page links the applicant's status page"
        # the token travels in the fragment; the page posts it, as its script does
        path, _, fragment = html.unescape(link[1]).partition("#")
        token = urllib.parse.parse_qs(fragment)["token"][0]
        applicant = server.session()
        assert applicant.get(path).status == 200  # the form, and its CSRF cookie
        status_page = applicant.post(path, {"token": token})
        assert status_page.status == 200, status_page.body[:2000]
        assert "7000001-475" in status_page.body.decode()
    assert "Traceback" not in server.tail(100_000)
