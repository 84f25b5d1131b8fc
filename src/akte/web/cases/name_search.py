"""The spellings that contain a part of a name (the procedure list's search), without
reading every spelling: on SQLite through the trigram full-text index `cases_spelling_search`
(migration 0006), on PostgreSQL through its trigram indexes on `UPPER(name)` (0005). Either
way the same spellings as `icontains` on the given or the family name; a query shorter than
three characters (no trigram) is answered by `icontains` itself."""

from __future__ import annotations

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from .models import NameSpelling

MATCHING = "SELECT rowid FROM cases_spelling_search WHERE cases_spelling_search MATCH %s"


def spellings_containing(q: str):
    plain = NameSpelling.objects.filter(Q(family_name__icontains=q) | Q(given_names__icontains=q))
    if connection.vendor != "sqlite" or len(q) < 3:
        return plain
    phrase = '"' + q.replace('"', '""') + '"'  # one phrase: no FTS operators from the query
    found = RawSQL(MATCHING, [phrase])  # noqa: S611 - constant SQL, the query a parameter
    # the index folds case beyond ASCII (LIKE does not): the plain filter keeps LIKE's answer
    return plain.filter(pk__in=found)
