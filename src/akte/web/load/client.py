"""One virtual user over real HTTP: cookies, CSRF, a fresh connection per request.

http.client from the standard library rather than a load-testing dependency: the load is a
few hundred requests per second at most on loopback, and the checks (acknowledged writes,
Retry-After) need the raw status and headers of every request.
"""

from __future__ import annotations

import http.client
import re
import secrets
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Answer:
    status: int  # 0: no answer (connection refused or reset, timeout)
    headers: dict[str, str]
    body: bytes
    ms: float
    error: str = ""


@dataclass
class Session:
    """A browser's cookies against one server. `https=True` sends X-Forwarded-Proto: https,
    as the TLS-terminating proxy in front of production does (docs/operations.md)."""

    host: str
    port: int
    https: bool = False
    timeout: float = 30.0
    cookies: dict[str, str] = field(default_factory=dict)
    bearer: str = ""

    @property
    def origin(self) -> str:
        return f"{'https' if self.https else 'http'}://{self.host}:{self.port}"

    def request(self, method: str, path: str, form: dict | None = None) -> Answer:
        headers = {"Host": f"{self.host}:{self.port}", "Connection": "close"}
        headers["Accept-Language"] = "de"
        if self.https:
            headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.bearer:
            headers["Authorization"] = f"Bearer {self.bearer}"
        body = None
        if method == "POST":
            body = urllib.parse.urlencode(form or {}, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
            if "csrftoken" in self.cookies:
                headers["X-CSRFToken"] = self.cookies["csrftoken"]
        start = time.perf_counter()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            return Answer(0, {}, b"", (time.perf_counter() - start) * 1000, repr(exc))
        finally:
            connection.close()
        ms = (time.perf_counter() - start) * 1000
        for value in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                self.cookies[name] = morsel.value
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data, ms)

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, form: dict) -> Answer:
        return self.request("POST", path, form)

    def adopt(self, session_key: str) -> Session:
        """Use a session made on the server's side (`office prepare`), with a CSRF secret
        of our own (Django compares the cookie with the X-CSRFToken header)."""
        self.cookies["sessionid"] = session_key
        self.cookies["csrftoken"] = secrets.token_hex(16)  # 32 characters, as Django's
        return self

    def login(self, username: str, password: str) -> None:
        page = self.get("/accounts/login/")
        match = _CSRF_INPUT.search(page.body.decode("utf-8", "replace"))
        if page.status != 200 or match is None:
            raise RuntimeError(f"login page of {self.origin} answered {page.status}")
        form = {"username": username, "password": password, "csrfmiddlewaretoken": match[1]}
        answer = self.post("/accounts/login/", form)
        if answer.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login of {username} at {self.origin} answered {answer.status}")
