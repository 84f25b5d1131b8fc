"""Every code akte.analytics emits (code -> parameter names); the texts are in
``akte/words/<language>/analytics.yaml``."""

from __future__ import annotations

CODES: dict[str, frozenset[str]] = {
    "analytics.unknown_report": frozenset({"name"}),
    "analytics.unknown_dimension": frozenset({"name", "allowed"}),
    "analytics.bad_filter_value": frozenset({"name", "value"}),
    "analytics.empty_period": frozenset({"date_from", "date_to"}),
    "analytics.no_snapshot": frozenset({"path"}),
    "analytics.snapshot_expired": frozenset({"path", "expired_on"}),
    "analytics.spark_unavailable": frozenset({"reason"}),
}
