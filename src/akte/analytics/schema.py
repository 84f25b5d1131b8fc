"""The tables of a pseudonymised snapshot, as data: name -> columns (name, DuckDB type).

No names, no dates of birth (age bands), no free text; person and procedure ids are keyed
hashes (`person_key`, `procedure_key`). Each fact table carries the procedure's dimensions
(office, nationality, sex, age band, first or follow-up application), so that no figure needs a
join: the snapshot is written for reading. A source that does not exist yet is an empty table
with these columns, never an error. `SCHEMA_VERSION` goes into every manifest.
"""

from __future__ import annotations

SCHEMA_VERSION = 1

TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "procedures": (
        ("procedure_key", "VARCHAR"),
        ("person_key", "VARCHAR"),
        ("office", "VARCHAR"),
        ("nationality", "VARCHAR"),
        ("sex", "VARCHAR"),
        ("age_band", "VARCHAR"),
        ("application_kind", "VARCHAR"),  # first | follow_up (§ 71 AsylG)
        ("lodged_on", "DATE"),
        ("registered_on", "DATE"),
        ("status", "VARCHAR"),
    ),
    "status_events": (
        ("procedure_key", "VARCHAR"),
        ("person_key", "VARCHAR"),
        ("status", "VARCHAR"),
        ("on_date", "DATE"),
    ),
    "decisions": (
        ("procedure_key", "VARCHAR"),
        ("person_key", "VARCHAR"),
        ("decided_on", "DATE"),
        ("lodged_on", "DATE"),
        ("outcome", "VARCHAR"),
        ("office", "VARCHAR"),
        ("nationality", "VARCHAR"),
        ("sex", "VARCHAR"),
        ("age_band", "VARCHAR"),
        ("application_kind", "VARCHAR"),
    ),
    "appeals": (
        ("procedure_key", "VARCHAR"),
        ("person_key", "VARCHAR"),
        ("lodged_on", "DATE"),
        ("kind", "VARCHAR"),  # main | urgent
        ("outcome", "VARCHAR"),  # NULL while pending
        ("decided_on", "DATE"),
        ("office", "VARCHAR"),
        ("nationality", "VARCHAR"),
        ("sex", "VARCHAR"),
        ("age_band", "VARCHAR"),
        ("application_kind", "VARCHAR"),
    ),
    "hearings": (
        ("procedure_key", "VARCHAR"),
        ("person_key", "VARCHAR"),
        ("held_on", "DATE"),
        ("checklist_items", "INTEGER"),
        ("checklist_covered", "INTEGER"),
        ("explain_put", "INTEGER"),
        ("explain_answered", "INTEGER"),
        ("suggestions_shown", "INTEGER"),
        ("suggestions_used", "INTEGER"),
        ("office", "VARCHAR"),
        ("nationality", "VARCHAR"),
        ("sex", "VARCHAR"),
        ("age_band", "VARCHAR"),
        ("application_kind", "VARCHAR"),
    ),
    "dublin_deadlines": (
        ("procedure_key", "VARCHAR"),
        ("person_key", "VARCHAR"),
        ("regulation", "VARCHAR"),  # dublin-iii | ammr
        ("deadline", "VARCHAR"),  # take_charge_request, transfer, ...
        ("member_state", "VARCHAR"),
        ("due", "DATE"),
        ("state", "VARCHAR"),  # open | met | missed | not_applicable
        ("outcome", "VARCHAR"),  # accepted | refused | NULL (requests and replies)
        ("office", "VARCHAR"),
        ("nationality", "VARCHAR"),
        ("sex", "VARCHAR"),
        ("age_band", "VARCHAR"),
        ("application_kind", "VARCHAR"),
    ),
    "intake_items": (
        ("item_key", "VARCHAR"),
        ("person_key", "VARCHAR"),
        ("received_on", "DATE"),
        ("document_class", "VARCHAR"),
        ("needs_review", "BOOLEAN"),
        ("team", "VARCHAR"),
    ),
}

AGE_BANDS = ("0-13", "14-17", "18-24", "25-34", "35-44", "45-59", "60+")


def empty_table_sql(name: str) -> str:
    """A SELECT with the table's columns and no rows (a source not there yet)."""
    columns = ", ".join(f"CAST(NULL AS {kind}) AS {column}" for column, kind in TABLES[name])
    return f"SELECT {columns} WHERE FALSE"
