"""API authentication: bearer tokens for partner systems, the session for the browser."""

from __future__ import annotations

from ninja.security import HttpBearer, SessionAuth

from akte.web.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        if not token or len(token) > 200:
            return None
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


class BrowserSession(SessionAuth):
    """The logged-in browser session (CSRF-checked for unsafe methods)."""
