"""`Procedure.status_since` from the status history: the time of the latest event of the
procedure's current status (the event that set it). `transitions.record_status` keeps the
field as events are recorded; this fills it where events were written in bulk (the data
migration for existing rows, the demo) and is the one statement both use."""

from __future__ import annotations

FROM_EVENTS = """
UPDATE cases_procedure SET status_since = COALESCE(
    (SELECT MAX(e.at) FROM cases_statusevent e
     WHERE e.procedure_id = cases_procedure.id AND e.status = cases_procedure.status),
    cases_procedure.created_at)
"""


def from_events(connection, procedure_ids=None) -> None:
    """Set `status_since` of every procedure (or of `procedure_ids`) from its events."""
    sql, params = FROM_EVENTS, []
    if procedure_ids is not None:
        ids = list(procedure_ids)
        if not ids:
            return
        sql += " WHERE cases_procedure.id IN (" + ", ".join(["%s"] * len(ids)) + ")"
        params = ids
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
