"""The log's HTTP contract as a plain WSGI app (no framework); see docs/ledger.md.

Read endpoints are public (they reveal commitments only); appending needs an agency bearer
token from the config; a procedure's decrypted status needs that procedure's token.

    GET  /checkpoint                            text/plain signed note (+ cosignatures)
    GET  /checkpoint.json                       {"size", "root", "witnesses", "witness_count", "note"}
    GET  /proof/inclusion?index=I&size=N        {"index", "size", "leaf_hash", "proof"}
    GET  /proof/consistency?old=N&new=M         {"old", "new", "proof"}
    GET  /entries?start=S&end=E                 {"entries": [{"index", "leaf_hash", "kind", "tombstone"}]}
    POST /entries      Authorization: Bearer T  {"person", "event": {...}} or {"items": [...]}
    POST /cosignature                           the checkpoint with the witness's cosignature line
    GET  /procedures/<procedure>?token=T        status history with proofs and verified marks

Hashes are standard base64. Errors are RFC 9457 problem details
(``application/problem+json``: ``type``, ``title``, ``status``, ``detail``, ``instance``,
``pointer`` for the field at fault) that keep the old ``error`` member, with a 4xx status;
429 (too many appends for one token) carries ``Retry-After``. Who may append what:
``akte.ledger.admission``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs, unquote

from akte import keys
from akte.ledger import note
from akte.ledger.admission import (
    ProcedureFacts,
    RateLimit,
    Refused,
    Reporter,
    check_event,
    check_fields,
)
from akte.ledger.events import EventError, StatusEvent
from akte.ledger.log import Ledger, LedgerError
from akte.ledger.merkle import ProofError
from akte.ledger.store import StoreError

MAX_BODY = 1_000_000
MAX_ENTRIES = 1000

StartResponse = Callable[..., Any]


class HttpError(Refused):
    def __init__(self, status: int, message: str, pointer: str = "") -> None:
        super().__init__(status, message, pointer)


_REASONS = {
    200: "OK",
    201: "Created",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Payload Too Large",
    429: "Too Many Requests",
    500: "Internal Server Error",
}


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _int_param(query: dict[str, list[str]], name: str) -> int:
    values = query.get(name)
    if not values or len(values) != 1:
        raise HttpError(400, f"query parameter {name!r} is required once")
    text = values[0]
    if not text.isdigit() or not text.isascii() or len(text) > 19 or int(text) >= 2**63:
        raise HttpError(
            400, f"query parameter {name!r} must be an integer in 0..2^63-1, got {text[:20]!r}"
        )
    return int(text)


def problem(status: int, detail: str, instance: str, pointer: str = "") -> str:
    """An RFC 9457 problem details body; ``error`` repeats ``detail`` for old clients."""
    title = _REASONS.get(status, "Error")
    body = {
        "type": "https://akte.example/problems/ledger/" + title.lower().replace(" ", "-"),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
        "error": detail,
    }
    if pointer:
        body["pointer"] = pointer
    return json.dumps(body)


def _no_lone_surrogates(data: object) -> None:
    """JSON may escape half a character (`"\\ud800"`); such a string cannot be stored."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise HttpError(400, "body holds a lone surrogate escape (e.g. \\ud800): not text") from exc


class LedgerApp:
    """WSGI application over a :class:`Ledger`.

    ``agency_for_token`` maps a bearer token to a :class:`Reporter` (what it may report) or
    an agency name (any event type), or None; see
    :meth:`akte.ledger.config.LedgerConfig.reporter_for_token`. ``procedures``, if given,
    knows the procedures (None for an unknown one): then only events of existing procedures
    are appended, under the procedure's person reference and not before it was opened.
    ``rate`` limits the entries appended per token."""

    def __init__(
        self,
        ledger: Ledger,
        agency_for_token: Callable[[str], Reporter | str | None] = lambda token: None,
        *,
        procedures: Callable[[str], ProcedureFacts | None] | None = None,
        rate: RateLimit | None = None,
    ) -> None:
        self.ledger = ledger
        self.agency_for_token = agency_for_token
        self.procedures = procedures
        self.rate = rate

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        instance = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "/")
        try:
            status, content_type, body, headers = self.route(environ)
        except Refused as exc:
            status, content_type, body, headers = (
                exc.status,
                "application/problem+json",
                problem(exc.status, exc.detail, instance, exc.pointer),
                list(exc.headers),
            )
        except (
            ProofError,
            EventError,
            LedgerError,
            note.NoteError,
            keys.CryptoError,
            StoreError,
        ) as exc:
            status, content_type, body, headers = (
                400,
                "application/problem+json",
                problem(400, str(exc), instance),
                [],
            )
        except Exception:  # never send a traceback (it may hold data) to the client
            logging.getLogger(__name__).exception("ledger HTTP request failed")
            status, content_type, body, headers = (
                500,
                "application/problem+json",
                problem(500, "internal error", instance),
                [],
            )
        data = body.encode()
        start_response(
            f"{status} {_REASONS.get(status, 'Error')}",
            [
                ("Content-Type", f"{content_type}; charset=utf-8"),
                ("Content-Length", str(len(data))),
                ("Cache-Control", "no-store"),
                *headers,
            ],
        )
        return [data]

    def route(self, environ: dict) -> tuple[int, str, str, list[tuple[str, str]]]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/").rstrip("/") or "/"
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        routes = {
            ("GET", "/checkpoint"): lambda: self.checkpoint(),
            ("GET", "/checkpoint.json"): lambda: self.checkpoint_json(),
            ("GET", "/proof/inclusion"): lambda: self.inclusion(query),
            ("GET", "/proof/consistency"): lambda: self.consistency(query),
            ("GET", "/entries"): lambda: self.entries(query),
            ("POST", "/entries"): lambda: self.append(environ),
            ("POST", "/cosignature"): lambda: self.cosignature(environ),
        }
        if (method, path) in routes:
            return routes[(method, path)]()
        if path.startswith("/procedures/") and method == "GET":
            return self.procedure(unquote(path.removeprefix("/procedures/")), query)
        if any(p == path for _, p in routes):
            raise HttpError(405, f"{method} is not allowed on {path}")
        raise HttpError(404, f"no such endpoint {path}")

    @staticmethod
    def _json(data: object, status: int = 200) -> tuple[int, str, str, list[tuple[str, str]]]:
        return status, "application/json", json.dumps(data), []

    def _body(self, environ: dict) -> bytes:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError as exc:
            raise HttpError(400, "bad Content-Length") from exc
        if length > MAX_BODY:
            raise HttpError(413, f"request body larger than {MAX_BODY} bytes")
        return environ["wsgi.input"].read(length) if length else b""

    # --- endpoints -----------------------------------------------------------------------
    def checkpoint(self):
        text = self.ledger.latest_checkpoint_text()
        if text is None:
            raise HttpError(404, "the log has no checkpoint yet")
        signed = self.ledger.latest_checkpoint()
        count = signed.witness_count if signed else 0
        return 200, "text/plain", text, [("Akte-Witness-Count", str(count))]

    def checkpoint_json(self):
        signed = self.ledger.latest_checkpoint()
        if signed is None:
            raise HttpError(404, "the log has no checkpoint yet")
        cp = signed.checkpoint
        return self._json(
            {
                "origin": cp.origin,
                "size": cp.size,
                "root": b64(cp.root),
                "witnesses": list(signed.cosigners),
                "witness_count": signed.witness_count,
                "note": signed.note.render(),
            }
        )

    def inclusion(self, query):
        index, size = _int_param(query, "index"), _int_param(query, "size")
        proof = self.ledger.inclusion_proof(index, size)
        leaf = self.ledger.store.leaf_hashes(index, index + 1)[0]
        return self._json(
            {"index": index, "size": size, "leaf_hash": b64(leaf), "proof": [b64(p) for p in proof]}
        )

    def consistency(self, query):
        old, new = _int_param(query, "old"), _int_param(query, "new")
        return self._json(
            {
                "old": old,
                "new": new,
                "proof": [b64(p) for p in self.ledger.consistency_proof(old, new)],
            }
        )

    def entries(self, query):
        start, end = _int_param(query, "start"), _int_param(query, "end")
        if end < start or end - start > MAX_ENTRIES:
            raise HttpError(400, f"need start <= end and at most {MAX_ENTRIES} entries per request")
        rows = self.ledger.store.entries(start, end)
        return self._json(
            {
                "entries": [
                    {
                        "index": r.index,
                        "leaf_hash": b64(r.leaf_hash),
                        "kind": r.kind,
                        "tombstone": r.public_json,
                    }
                    for r in rows
                ]
            }
        )

    def append(self, environ):
        auth = environ.get("HTTP_AUTHORIZATION", "")
        if not auth.startswith("Bearer "):
            raise HttpError(401, "appending needs an agency token: Authorization: Bearer <token>")
        token = auth.removeprefix("Bearer ").strip()
        reporter = self.agency_for_token(token)
        if reporter is None:
            raise HttpError(403, "unknown agency token")
        if isinstance(reporter, str):
            reporter = Reporter(reporter)
        try:
            data = json.loads(self._body(environ))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise HttpError(400, f"body is not JSON: {exc}") from exc
        except (ValueError, RecursionError) as exc:  # too many digits, nested too deeply
            raise HttpError(400, f"body is not JSON: {str(exc)[:80]}") from exc
        _no_lone_surrogates(data)
        single = not (isinstance(data, dict) and "items" in data)
        items = [data] if single else data.get("items")
        if not isinstance(items, list) or not items or len(items) > MAX_ENTRIES:
            raise HttpError(
                400,
                f"send {{'person', 'event'}} or {{'items': [...]}} with 1..{MAX_ENTRIES} items",
                "/items",
            )
        if self.rate is not None:  # forged tries count too
            self.rate.take(hashlib.sha256(token.encode()).hexdigest(), len(items))
        parsed = [
            self._admit(item, reporter, "" if single else f"/items/{i}")
            for i, item in enumerate(items)
        ]
        receipts = self.ledger.append_many(parsed)
        checkpoint = self.ledger.checkpoint() if self.ledger.signer else None
        return self._json(
            {
                "receipts": [{"index": r.index, "leaf_hash": b64(r.leaf_hash)} for r in receipts],
                "checkpoint": checkpoint,
            },
            status=201,
        )

    def _admit(self, item: object, reporter: Reporter, at: str) -> tuple[str, StatusEvent]:
        """The (person, event) to append for one item, or Refused saying what and where."""
        if not isinstance(item, dict) or not isinstance(item.get("event"), dict):
            raise HttpError(400, "each item needs an 'event' object", at or "/")
        person = item.get("person")
        if person is not None and not isinstance(person, str):
            raise HttpError(400, "'person' must be a string", f"{at}/person")
        check_fields(item["event"], f"{at}/event")
        try:
            event = StatusEvent.from_dict(item["event"])
        except EventError as exc:
            raise HttpError(400, str(exc), f"{at}/event") from exc
        facts = None
        if self.procedures is not None:
            facts = self.procedures(event.procedure)
            if facts is None:
                raise HttpError(
                    404, f"no procedure {event.procedure!r} in this log", f"{at}/event/procedure"
                )
            if person is not None and person != facts.person:
                raise HttpError(
                    400,
                    "the log files an entry under the procedure's person: leave 'person' out",
                    f"{at}/person",
                )
            person = facts.person
        elif person is None:
            raise HttpError(400, "each item needs a 'person' reference (string)", f"{at}/person")
        check_event(
            event, reporter, not_before=facts.opened if facts else None, pointer=f"{at}/event"
        )
        return person, event

    def cosignature(self, environ):
        try:
            message = self._body(environ).decode()
        except UnicodeDecodeError as exc:
            raise HttpError(400, "cosigned checkpoint must be UTF-8") from exc
        witnesses = self.ledger.add_cosignature(message)
        return self._json({"accepted": witnesses})

    def procedure(self, procedure: str, query):
        token = (query.get("token") or [""])[0]
        if not token or not self.ledger.check_procedure_token(procedure, token):
            raise HttpError(403, "a valid procedure token is needed to read this procedure")
        history = self.ledger.procedure_history(procedure)
        signed = self.ledger.latest_checkpoint()
        return self._json(
            {
                "procedure": procedure,
                "checkpoint": signed.note.render() if signed else None,
                "witness_count": signed.witness_count if signed else 0,
                "entries": [
                    {
                        "index": h.index,
                        "leaf_hash": b64(h.leaf_hash),
                        "event": h.event.to_dict() if h.event else None,
                        "checkpoint_size": h.checkpoint_size,
                        "inclusion_proof": [b64(p) for p in h.inclusion_proof],
                        "verified": h.verified,
                        "reason": h.reason,
                    }
                    for h in history
                ],
            }
        )
