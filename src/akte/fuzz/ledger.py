"""Parsers of the status log: signed notes, checkpoints and keys (`akte.ledger.note`) and
the HTTP contract's requests (`akte.ledger.http`, called as WSGI without a server)."""

from __future__ import annotations

import io
import json
import logging
import random
import shutil
import tempfile
from pathlib import Path
from urllib.parse import quote

from hypothesis import strategies as st

from akte.fuzz.runner import Target
from akte.fuzz.text import NASTY, hostile_text, mutate
from akte.keys import new_key
from akte.ledger import note
from akte.ledger.events import StatusEvent
from akte.ledger.http import LedgerApp
from akte.ledger.log import Ledger
from akte.ledger.store_sqlite import SQLiteStore

ORIGIN = "akte.fuzz/ledger"
_KEYS: dict[str, note.Signer] = {}


def _keys() -> dict[str, note.Signer]:
    if not _KEYS:
        _KEYS["log"] = note.Signer.generate(ORIGIN)
        _KEYS["witness"] = note.Signer.generate("witness.example", alg=note.COSIGNATURE_V1)
    return _KEYS


def _signed_checkpoint() -> str:
    keys = _keys()
    checkpoint = note.Checkpoint(ORIGIN, 7, bytes(range(32)), ("ext line",))
    signed = note.sign_checkpoint(keys["log"], checkpoint)
    return signed + keys["witness"].cosign(checkpoint.text(), 1_700_000_000) + "\n"


def _mutate(text: str, rng: random.Random) -> str:
    noise = list("\n+ —=/0aZ")
    return mutate(
        text, rng, rounds=6, inserts=noise + NASTY, replacements=noise, copy=20, cut_spans=False
    )


def note_inputs() -> st.SearchStrategy[tuple[str, str | bytes]]:
    """(what to parse it as, the text): mutated signed checkpoints and keys, noise, bytes."""
    kinds = st.sampled_from(["checkpoint", "note", "verifier", "signer"])

    def mutated(args):
        kind, seed = args
        keys = _keys()
        original = {
            "checkpoint": _signed_checkpoint(),
            "note": _signed_checkpoint(),
            "verifier": keys["witness"].verifier.vkey(),
            "signer": keys["log"].skey(),
        }[kind]
        return kind, _mutate(original, random.Random(seed))

    pieces = ["\n", "\n\n", "— ", ORIGIN, "7", "+", "PRIVATE+KEY+", "AAAA", "==", " "]
    return st.one_of(
        st.tuples(kinds, st.integers(0, 2**32)).map(mutated),
        st.tuples(kinds, hostile_text(pieces, max_size=60)),
        st.tuples(st.just("note"), st.binary(max_size=200)),
    )


def check_note(args: tuple[str, str | bytes]) -> None:
    kind, text = args
    keys = _keys()
    try:
        if kind == "verifier":
            assert note.Verifier.parse(text).vkey()
        elif kind == "signer":
            assert note.Signer.parse(text).skey()
        elif kind == "note":
            parsed = note.Note.parse(text)
            note.Checkpoint.parse_text(parsed.text)
        else:
            signed = note.open_checkpoint(
                text, keys["log"].verifier, ORIGIN, [keys["witness"].verifier]
            )
            assert signed.checkpoint.origin == ORIGIN
            assert set(signed.cosigners) <= {"witness.example"}
    except note.NoteError as error:
        assert str(error), "a NoteError says what is wrong"


NOTE = Target(
    "ledger_note",
    "akte.ledger.note (Note.parse, Checkpoint.parse_text, open_checkpoint, key parsers)",
    "NoteError",
    note_inputs,
    check_note,
)

# -- the HTTP contract ----------------------------------------------------------------------

TOKEN = "fuzz-agency-token"  # noqa: S105 (a test token)
_APP: list[tuple[LedgerApp, Path]] = []


def _setup_app():
    folder = Path(tempfile.mkdtemp(prefix="akte-fuzz-ledger-"))
    store = SQLiteStore(folder / "ledger.db")
    store.create_schema()
    ledger = Ledger(store, ORIGIN, signer=_keys()["log"], master_key=new_key(),
                    witnesses=[_keys()["witness"].verifier])  # fmt: skip
    ledger.append_many([("person-1", StatusEvent("1234567-475", "lodged", "BAMF-BER",
                                                 "2026-11-23T09:30:00Z"))])  # fmt: skip
    ledger.checkpoint()
    logging.getLogger("akte.ledger.http").disabled = True  # crashes are counted, not logged
    _APP.append((LedgerApp(ledger, lambda t: "BAMF-BER" if t == TOKEN else None), folder))

    def teardown() -> None:
        logging.getLogger("akte.ledger.http").disabled = False
        app, path = _APP.pop()
        app.ledger.store.close()
        shutil.rmtree(path, ignore_errors=True)

    return teardown


def _app() -> LedgerApp:
    if not _APP:
        _setup_app()
    return _APP[-1][0]


_event_values = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "1234567-475",
            "BAMF-BER",
            "lodged",
            "2026-11-23T09:30:00Z",
            "9999-12-31T23:59:59+23:59",
            "2026-11-23",
            "2026-11-23T09:30:00",
            "\x00",
            "\ud800",
            "x" * 300,
        ]
    ),  # fmt: skip
    st.integers(),
    st.none(),
    st.lists(st.integers(), max_size=2),
)
_events = st.fixed_dictionaries(
    {},
    optional={
        "procedure": _event_values,
        "event_type": _event_values,
        "agency": _event_values,
        "time": _event_values,
        "extra": _event_values,
    },
)
_items = st.fixed_dictionaries(
    {}, optional={"person": _event_values, "event": _events | _event_values}
)
_VALID_EVENT = {"procedure": "1234567-475", "event_type": "lodged", "agency": "BAMF-BER",
                "time": "2026-11-23T09:30:00Z"}  # fmt: skip


def _near_valid(args) -> str:
    field, value = args
    item = {"person": "person-1", "event": dict(_VALID_EVENT)}
    if field == "person":
        item["person"] = value
    else:
        item["event"][field] = value
    return json.dumps(item)


_bodies = st.one_of(
    st.tuples(st.sampled_from(["person", *_VALID_EVENT]), _event_values).map(_near_valid),
    _items.map(json.dumps),
    st.lists(_items, max_size=3).map(lambda items: json.dumps({"items": items})),
    st.sampled_from(["", "[]", "{}", '{"items": 5}', "null", "[" * 3000, "9" * 5000, "\ud800"]),
    st.text(max_size=80),
)
_paths = st.one_of(
    st.sampled_from(
        [
            "/checkpoint",
            "/checkpoint.json",
            "/proof/inclusion",
            "/proof/consistency",
            "/entries",
            "/cosignature",
            "/procedures/1234567-475",
            "/",
            "",
        ]
    ),  # fmt: skip
    st.just("/procedures/1234567-475"),
    hostile_text(["/", "procedures", "%", "%ff", "%00", "..", "1234567-475"], max_size=30).map(
        lambda t: "/procedures/" + t
    ),
)
_number = st.one_of(
    st.integers(-5, 20).map(str), st.sampled_from(["", "x", str(2**63), str(2**64), "١", "1e3"])
)
_token = st.one_of(
    st.sampled_from(["", "x", "é", "١", "\x00"]),
    hostile_text(["A", "z", "-", "_", "=", "%"], max_size=40),
)
_query_value = {"token": _token}
_queries = st.one_of(
    st.lists(
        st.sampled_from(["index", "size", "old", "new", "start", "end", "token"]).flatmap(
            lambda key: st.tuples(st.just(key), _query_value.get(key, _number))
        ),
        max_size=4,
    ).map(lambda pairs: "&".join(f"{k}={quote(v, safe='')}" for k, v in pairs)),
    hostile_text(["=", "&", "%", "token", "index", "1"], max_size=30),
)
_auth = st.one_of(
    st.just(f"Bearer {TOKEN}"), st.sampled_from(["", "Bearer ", "Basic x", "Bearer \u00e9"]),
    st.text(max_size=20),
)  # fmt: skip


def http_inputs() -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {
            "method": st.sampled_from(
                ["GET"] * 4 + ["POST"] * 3 + ["PUT", "DELETE", "HEAD", "get", ""]
            ),
            "path": _paths,
            "query": _queries,
            "body": st.one_of(
                _bodies.map(lambda b: b.encode("utf-8", "surrogatepass")), st.binary(max_size=40)
            ),  # fmt: skip
            "auth": _auth,
            "length": st.sampled_from([None, "-1", "x", "99999999"]),
        }
    )


def check_http(request: dict) -> None:
    body = request["body"]
    if request["path"] == "/cosignature" and len(body) % 2:
        body = _signed_checkpoint().encode()
    environ = {
        "REQUEST_METHOD": request["method"],
        # WSGI gives the path as latin-1 decoded bytes
        "PATH_INFO": request["path"].encode("utf-8", "surrogatepass").decode("latin-1"),
        "QUERY_STRING": request["query"].encode("utf-8", "surrogatepass").decode("latin-1"),
        "CONTENT_LENGTH": request["length"] if request["length"] is not None else str(len(body)),
        "HTTP_AUTHORIZATION": request["auth"],
        "wsgi.input": io.BytesIO(body),
    }
    answered = {}

    def start_response(status: str, headers: list) -> None:
        answered["status"], answered["headers"] = int(status.split()[0]), dict(headers)

    data = b"".join(_app()(environ, start_response))
    assert answered["status"] < 500, data[:300]
    if answered["status"] >= 400:
        assert json.loads(data)["error"], "an error says what is wrong"


HTTP = Target(
    "ledger_http",
    "akte.ledger.http.LedgerApp (requests: path, query, token, JSON body)",
    "HTTP 4xx with {'error': ...}",
    http_inputs,
    check_http,
    setup=_setup_app,
)
