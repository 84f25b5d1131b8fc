"""The web app's person index (`akte.matching`), kept in step with the database.

Built at server start in the background (`start_building`, called by the WSGI module and
`akte serve`), with its progress in `progress()` and the log, so the first search does
not wait for it; a search during the build waits until it is done. Then refreshed
incrementally: persons changed since the last refresh are re-added (add replaces a record
with the same id).
"""

from __future__ import annotations

import logging
import threading

from django.db import close_old_connections
from django.db.models import Max

from akte.matching.index import PersonIndex
from akte.matching.record import NameVariant, PersonRecord, RecordError
from akte.web.cases.models import Person

_lock = threading.Lock()
_state: dict = {"index": None, "seen": None}
_progress: dict = {"state": "idle", "done": 0, "total": 0}
_builder: dict = {"thread": None}
log = logging.getLogger("akte.search")


def progress() -> dict:
    """How far the index is: state (idle, building, ready, failed), persons done, total."""
    return dict(_progress)


def start_building() -> threading.Thread | None:
    """Build the index in a background thread (once; None if it is built or being built)."""
    with _lock:
        if _state["index"] is not None or _progress["state"] == "building":
            return None
        _progress.update(state="building", done=0, total=0)
    thread = threading.Thread(target=_build_in_background, name="akte-person-index", daemon=True)
    _builder["thread"] = thread
    thread.start()
    return thread


def _build_in_background() -> None:
    try:
        person_index()
    except Exception:  # noqa: BLE001 - a failed build is logged; a search builds again
        _progress["state"] = "failed"
        log.exception("person index: the build at start failed")
    finally:
        close_old_connections()


def to_record(person: Person) -> PersonRecord | None:
    names = tuple(
        NameVariant(s.given_names, s.family_name, s.script if s.script != "Zyyy" else "")
        for s in person.spellings.all()
    )
    try:
        return PersonRecord(
            id=str(person.pk),
            names=names,
            birth_date=person.birth_date,
            birth_place=person.birth_place,
            nationality=person.nationality,
            sex=person.sex,
        )
    except RecordError:
        return None  # e.g. a person whose only spelling has no letters


def person_index() -> PersonIndex:
    """The index, brought up to date with persons created or changed since the last call."""
    with _lock:
        latest = Person.objects.aggregate(latest=Max("updated_at"))["latest"]
        index, seen = _state["index"], _state["seen"]
        if index is None:
            index, changed = PersonIndex(), Person.objects.all()
            _progress.update(state="building", done=0, total=changed.count())
            log.info("person index: building from %d persons", _progress["total"])
        elif latest is not None and (seen is None or latest > seen):
            changed = Person.objects.filter(updated_at__gt=seen) if seen else Person.objects.all()
        else:
            return index
        for done, person in enumerate(
            changed.prefetch_related("spellings").iterator(chunk_size=2000), start=1
        ):
            record = to_record(person)
            if record is not None:
                try:
                    index.add(record)
                except RecordError:
                    index.remove(record.id)
            if _progress["state"] == "building":
                _progress["done"] = done
                if done % 10_000 == 0:
                    log.info("person index: %d of %d persons", done, _progress["total"])
        _state["index"], _state["seen"] = index, latest
        if _progress["state"] == "building":
            _progress["state"] = "ready"
            log.info("person index: ready, %d records", len(index))
        return index


def reset() -> None:
    """Forget the index (tests, or after persons were deleted)."""
    with _lock:
        _state["index"], _state["seen"] = None, None
        _progress.update(state="idle", done=0, total=0)
