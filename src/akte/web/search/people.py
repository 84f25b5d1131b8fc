"""The web app's person index (`akte.matching`), kept in step with the database.

Built at server start in the background (`start_building`, called by the WSGI module and
`akte serve`), with its progress in `progress()` and the log, so the first search does
not wait for it; during the build the search page shows the progress (`still_building`)
instead of waiting, and `person_index()` waits until the build is done. Then refreshed
incrementally: persons changed since the last refresh are re-added (add replaces a record
with the same id), and so are both persons of a merge or un-merge since then; a person
merged away is removed.
"""

from __future__ import annotations

import functools
import logging
import operator
import threading

from django.db import close_old_connections
from django.db.models import Max, Q

from akte.matching.index import PersonIndex
from akte.matching.record import NameVariant, PersonRecord, RecordError
from akte.web.cases.models import Person, PersonMerge
from akte.web.cases.trail import merged_away_ids

_lock = threading.Lock()
_state: dict = {"index": None, "seen": None, "seen_merge": None}
_progress: dict = {"state": "idle", "done": 0, "total": 0}
_builder: dict = {"thread": None}
log = logging.getLogger("akte.search")


def progress() -> dict:
    """How far the index is: state (idle, building, ready, failed), persons done, total."""
    return dict(_progress)


def still_building() -> bool:
    """True while the first build runs: `person_index()` would wait for it now."""
    return _progress["state"] == "building" and _state["index"] is None


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
    """The index, brought up to date with persons created, changed, merged or un-merged
    since the last call. A person merged into another is not in it (the survivor holds their
    spellings now), so no search shows them as a hit of their own."""
    with _lock:
        latest = Person.objects.aggregate(latest=Max("updated_at"))["latest"]
        latest_merge = PersonMerge.objects.aggregate(latest=Max("changed_at"))["latest"]
        index, seen, seen_merge = _state["index"], _state["seen"], _state["seen_merge"]
        if index is None:
            index, changed = PersonIndex(), Person.objects.all()
            _progress.update(state="building", done=0, total=changed.count())
            log.info("person index: building from %d persons", _progress["total"])
        else:
            conditions = []
            if latest is not None and (seen is None or latest > seen):
                conditions.append(Q(updated_at__gt=seen) if seen else Q(pk__isnull=False))
            if latest_merge is not None and (seen_merge is None or latest_merge > seen_merge):
                merges = PersonMerge.objects.all()
                if seen_merge is not None:
                    merges = merges.filter(changed_at__gt=seen_merge)
                conditions.append(Q(pk__in=merges.values("survivor_id")))
                conditions.append(Q(pk__in=merges.values("merged_id")))
            if not conditions:
                return index
            changed = Person.objects.filter(functools.reduce(operator.or_, conditions))
        away = set(merged_away_ids().values_list("merged_id", flat=True))
        for done, person in enumerate(
            changed.prefetch_related("spellings").iterator(chunk_size=2000), start=1
        ):
            record = None if person.pk in away else to_record(person)
            if record is None:
                index.remove(str(person.pk))
            else:
                try:
                    index.add(record)
                except RecordError:
                    index.remove(record.id)
            if _progress["state"] == "building":
                _progress["done"] = done
                if done % 10_000 == 0:
                    log.info("person index: %d of %d persons", done, _progress["total"])
        _state.update(index=index, seen=latest, seen_merge=latest_merge)
        if _progress["state"] == "building":
            _progress["state"] = "ready"
            log.info("person index: ready, %d records", len(index))
        return index


def reset() -> None:
    """Forget the index (tests, or after persons were deleted)."""
    with _lock:
        _state.update(index=None, seen=None, seen_merge=None)
        _progress.update(state="idle", done=0, total=0)
