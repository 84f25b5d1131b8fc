"""Reporting roles, event checks and the per-token rate limit (akte.ledger.admission)."""

from datetime import UTC, datetime

import pytest

from akte.ledger.admission import REPORTING, RateLimit, Refused, Reporter, check_event
from akte.ledger.config import ConfigError, load_config
from akte.ledger.events import EventError, StatusEvent

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def test_roles_limit_event_types_and_times():
    centre = Reporter.of("AE-1", "reception_centre")
    ok = StatusEvent("1234567-475", "arrival_registered", "AE-1", "2026-11-24T11:00:00Z")
    check_event(ok, centre, now=NOW)
    for event, pointer in [
        (StatusEvent("1234567-475", "decided", "AE-1", ok.time), "/event/event_type"),
        (StatusEvent("1234567-475", ok.event_type, "AE-2", ok.time), "/event/agency"),
        (StatusEvent("1234567-475", ok.event_type, "AE-1", "9999-01-01T00:00:00Z"), "/event/time"),
    ]:
        with pytest.raises(Refused) as refused:
            check_event(event, centre, now=NOW)
        assert refused.value.pointer == pointer
    # an arrival a week before the procedure was opened is what a reception centre reports
    check_event(ok, centre, now=NOW, not_before=datetime(2026, 12, 1, tzinfo=UTC))
    with pytest.raises(Refused):  # half a year before is not
        check_event(ok, centre, now=NOW, not_before=datetime(2027, 5, 25, tzinfo=UTC))
    assert "registered" in REPORTING["office"] and "decided" not in REPORTING["reception_centre"]
    with pytest.raises(ValueError, match="unknown reporting role"):
        Reporter.of("X", "king")


def test_control_characters_are_refused_in_every_field():
    for text in ["a\x00b", "a\u202eb", "a\nb", "a\u200bb"]:
        with pytest.raises(EventError, match="control character"):
            StatusEvent("1234567-475", text, "AE-1", "2026-11-24T11:00:00Z")


def test_rate_limit_window():
    limit = RateLimit(2)
    limit.take("t", now=0.0)
    limit.take("t", now=1.0)
    with pytest.raises(Refused) as refused:
        limit.take("t", now=2.0)
    assert refused.value.status == 429 and dict(refused.value.headers)["Retry-After"] == "58"
    limit.take("other", now=2.0)  # per token
    limit.take("t", now=60.5)  # the first hit has left the window


def test_agencies_config(tmp_path):
    path = tmp_path / "ledger.toml"
    base = 'origin = "o"\ndatabase = "x.db"\n'
    path.write_text(base + '[[agencies]]\nname = "ABH"\nrole = "foreigners_authority"\n')
    assert load_config(path).reporters["ABH"].may_report == REPORTING["foreigners_authority"]
    path.write_text(base + '[[agencies]]\nname = "ABH"\nmay_report = ["x"]\nrole = "court"\n')
    assert load_config(path).reporters["ABH"].may_report == {"x"}
    path.write_text(base + '[[agencies]]\nname = "ABH"\nrole = "king"\n')
    with pytest.raises(ConfigError, match="role must be one of"):
        load_config(path)
