"""Every code akte.ledger emits (code -> parameter names); the texts are in
``akte/words/<language>/ledger.yaml``.

``HistoryEntry.status`` says why an entry of a procedure's status history is (not) verified;
the web shows it on the procedure page and the applicant's status page. The log's own
messages (errors of the CLI and of the HTTP contract, ``HistoryEntry.reason``) stay English:
they are for operators and partner agencies, and the HTTP contract is fixed.
"""

from __future__ import annotations

CODES: dict[str, frozenset[str]] = {
    "ledger.history.included": frozenset({"size"}),
    "ledger.history.pending": frozenset(),
    "ledger.history.proof_invalid": frozenset(),
    "ledger.history.payload_unreadable": frozenset(),
    "ledger.history.commitment_mismatch": frozenset(),
    "ledger.history.no_master_key": frozenset(),
}
