"""The one API object the read (`views`) and write (`writes`) operations register on."""

from __future__ import annotations

from ninja import NinjaAPI

from . import problems
from .auth import BrowserSession, TokenAuth

api = NinjaAPI(
    title="Akte API",
    version="1",
    description="Procedures and their status for partner agencies and scripts, and the writes "
    "partner systems need. Errors are RFC 9457 problem details.",
    auth=[TokenAuth(), BrowserSession()],
    urls_namespace="api",
)
problems.install(api)
