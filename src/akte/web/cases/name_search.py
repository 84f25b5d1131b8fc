"""The spellings that contain a part of a name (the procedure list's search), without
reading every spelling: on SQLite through the trigram full-text index `cases_spelling_search`
(migration 0006), on PostgreSQL through its trigram indexes on `UPPER(name)` (0005). Either
way the same spellings as `icontains` on the given or the family name; a query shorter than
three characters (no trigram) is answered by `icontains` itself."""

from __future__ import annotations

import json

from django.db import connection
from django.db.models import BooleanField, F, Q
from django.db.models.expressions import RawSQL

from .models import NameSpelling

MATCHING = "SELECT rowid FROM cases_spelling_search WHERE cases_spelling_search MATCH %s"
NEWEST = MATCHING + " ORDER BY rowid DESC LIMIT %s"  # the index's own order: no full read
WINDOW = (  # the lowest rowid of those newest matches, and how many there are
    "SELECT min(rowid), count(*) FROM (SELECT rowid FROM cases_spelling_search"
    " WHERE cases_spelling_search MATCH %s ORDER BY rowid DESC LIMIT %s)"
)
SPELLINGS_PER_PERSON = 4  # the newest spellings read first, per person wanted


def _plain(q: str):
    return NameSpelling.objects.filter(Q(family_name__icontains=q) | Q(given_names__icontains=q))


def _phrase(q: str) -> str:
    return '"' + q.replace('"', '""') + '"'  # one phrase: no FTS operators from the query


def spellings_containing(q: str):
    plain = _plain(q)
    if connection.vendor != "sqlite" or len(q) < 3:
        return plain
    found = RawSQL(MATCHING, [_phrase(q)])  # noqa: S611 - constant SQL, the query a parameter
    # the index folds case beyond ASCII (LIKE does not): the plain filter keeps LIKE's answer
    return plain.filter(pk__in=found)


def of_persons(ids: list[int]) -> Q:
    """`person_id IN ids`, on SQLite with the ids as one parameter (a JSON array): as a
    literal list, Django prepares each of 1,000 ids again for every query the list page
    makes (count, page, rows: 28 ms of the broad name search)."""
    if connection.vendor == "postgresql":
        # one array, not 1,000 literals to prepare and plan per query; `= ANY` of a constant
        # array, so that the planner knows how many (from `unnest` it guesses, and reads the
        # office's 20,000 procedures for the count instead)
        among = RawSQL(  # noqa: S611 - constant SQL, the ids a parameter
            '"cases_procedure"."person_id" = ANY(%s::integer[])', [list(ids)], BooleanField()
        )
        return Q(among)
    if connection.vendor != "sqlite":
        return Q(person_id__in=ids)
    rows = RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])  # noqa: S611
    return Q(person_id__in=rows)


RECENT_SPELLINGS_PER_PERSON = 16  # PostgreSQL: the newest spellings read first, per person


def _newest_on_postgresql(q: str, limit: int, everything) -> list[int]:
    """PostgreSQL's trigram index finds every match but in no order: for "Abd" it reads and
    sorts 48,000 spellings (48 ms). The newest `RECENT_SPELLINGS_PER_PERSON * limit`
    spellings are read first instead, through the person index (a range of person ids, so
    each person in it with all their spellings): if `limit` of those persons match, they
    are the newest `limit`, exactly. Only a rarer part of a name, with fewer matches for the
    trigram index to read, goes on to the full search."""
    window = RECENT_SPELLINGS_PER_PERSON * limit
    ids = NameSpelling.objects.order_by("-person_id").values_list("person_id", flat=True)
    boundary = list(ids[window - 1 : window])
    if not boundary:  # fewer spellings than the window: the trigram index reads them all
        return list(everything[:limit])
    recent = (
        _plain(q)
        .filter(person_id__gt=boundary[0])
        .order_by("-person_id")
        .values_list("person_id", flat=True)
        .distinct()
    )
    found = list(recent[:limit])
    return found if len(found) == limit else list(everything[:limit])


def newest_persons_containing(q: str, limit: int) -> list[int]:
    """The ids of the `limit` newest persons (highest id first) with a spelling containing
    `q`, the same as ordering every match by person.

    A common part of a name ("Abd": 48,000 spellings of 100,000 persons) costs 40 ms read in
    full and sorted. On SQLite the full-text index gives its newest matches first instead:
    the persons of the newest `SPELLINGS_PER_PERSON * limit` matching spellings, and then the
    matches below that window whose person is newer than the last one kept (a spelling added
    later to an older person lies above; an older spelling of a newer person, below: read
    through the person index, a short range). Together they hold every person newer than
    the `limit`-th, so the answer is exact."""
    everything = (
        spellings_containing(q)
        # as an expression, so that the database finds all matches by its name index and
        # keeps the top ones, rather than walking the person index backwards
        .annotate(newest=F("person_id") + 0)
        .order_by("-newest")
        .values_list("newest", flat=True)
        .distinct()  # the limit counts persons, not spellings
    )
    if connection.vendor == "postgresql" and len(q) >= 3:
        return _newest_on_postgresql(q, limit, everything)
    if connection.vendor != "sqlite" or len(q) < 3:
        return list(everything[:limit])
    window = SPELLINGS_PER_PERSON * limit
    with connection.cursor() as cursor:
        cursor.execute(WINDOW, [_phrase(q), window])
        lowest, read = cursor.fetchone()
    if read < window:  # few matches: read them all
        return list(everything[:limit])
    top = RawSQL(NEWEST, [_phrase(q), window])  # noqa: S611 - constant SQL, parameters
    found = set(_plain(q).filter(pk__in=top).order_by().values_list("person_id", flat=True))
    if len(found) < limit:  # many spellings per person: the window says too little
        return list(everything[:limit])
    last = sorted(found, reverse=True)[limit - 1]
    # the spelling's id as an expression: the range is the person index's, not the table's
    below = _plain(q).alias(spelling=F("pk") + 0).filter(spelling__lt=lowest, person_id__gt=last)
    found.update(below.order_by().values_list("person_id", flat=True))
    return sorted(found, reverse=True)[:limit]
