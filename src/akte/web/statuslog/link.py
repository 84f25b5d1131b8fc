"""The web app's link to the verifiable status log (`akte.ledger`).

Every status change of a procedure is appended to the log once the database transaction
has committed (through the outbox, `outbox.py`), as a commitment with the event encrypted under the person's data key, and a new
checkpoint is signed. The log lives beside the database: `var/ledger/` by default (created
on first use with its own signing and master keys), or wherever `AKTE_LEDGER_CONFIG` points.
"""

from __future__ import annotations

import datetime as dt
import threading
from functools import cache
from pathlib import Path

from django.conf import settings

from akte.ledger.config import clear_interrupted_creation, create_ledger, load_config, open_ledger
from akte.ledger.events import StatusEvent
from akte.ledger.log import HistoryEntry, Ledger

lock = threading.Lock()  # one append or checkpoint at a time in this process
_lock = lock


def ledger_config_path() -> Path:
    return Path(settings.AKTE_LEDGER_CONFIG)


def _initialise(path: Path) -> None:
    clear_interrupted_creation(path.parent)  # a process killed while creating it before
    create_ledger(path.parent, settings.AKTE_LEDGER_ORIGIN, "sqlite:///ledger.db")


@cache
def _open(path: str) -> tuple[Ledger, object]:
    config_file = Path(path)
    with _lock:
        if not config_file.exists():
            _initialise(config_file)
    config = load_config(config_file)
    return open_ledger(config, need_master=True, need_signer=True), config


def reopen() -> None:
    """Forget the opened log (after `akte restore` wrote a new one in its place)."""
    _open.cache_clear()


def get_ledger() -> Ledger:
    return _open(str(ledger_config_path()))[0]


def ledger_config():
    """The log's configuration (`ledger.toml`): its agencies and what each may report."""
    return _open(str(ledger_config_path()))[1]


def person_ref(person_id: int) -> str:
    return f"person:{person_id}"


def agency_for(office: str) -> str:
    return f"BAMF-{office}" if office else "BAMF"


def utc(at: dt.datetime) -> str:
    """The log's time of a database time: ISO 8601 in UTC with a trailing Z."""
    return at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def append_status(procedure, status_event) -> int:
    """Append one status event of `procedure` to the log and sign a new checkpoint."""
    ledger = get_ledger()
    event = StatusEvent(
        procedure=procedure.file_number,
        event_type=status_event.status,
        agency=status_event.agency
        if status_event.agency != "BAMF"
        else agency_for(procedure.office),
        time=utc(status_event.at),
    )
    with _lock:
        receipt = ledger.append(person_ref(procedure.person_id), event)
        ledger.checkpoint()
    return receipt.index


def append_many(items) -> None:
    """Bulk variant for the demo: `items` are (procedure, status_event) pairs."""
    ledger = get_ledger()
    batch = [
        (
            person_ref(p.person_id),
            StatusEvent(
                p.file_number,
                e.status,
                agency_for(p.office) if e.agency == "BAMF" else e.agency,
                utc(e.at),
            ),
        )
        for p, e in items
    ]
    with _lock:
        ledger.append_many(batch)
        ledger.checkpoint()


def history(procedure) -> list[HistoryEntry]:
    return get_ledger().procedure_history(procedure.file_number)


def verified_marks(procedure) -> dict[tuple[str, str], HistoryEntry]:
    """(status, UTC time) -> log entry, to mark the rows of the status history."""
    marks = {}
    for entry in history(procedure):
        if entry.event is not None:
            marks[(entry.event.event_type, entry.event.time)] = entry
    return marks


def mark_for(marks: dict, status_event) -> HistoryEntry | None:
    return marks.get((status_event.status, utc(status_event.at)))


def status_token(procedure) -> str:
    return get_ledger().procedure_token(procedure.file_number)


def check_status_token(file_number: str, token: str) -> bool:
    return bool(token) and get_ledger().check_procedure_token(file_number, token)
