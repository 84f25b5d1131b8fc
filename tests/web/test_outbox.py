"""The status log's transactional outbox: a status change and its pending append commit
together; a drain appends each pending row exactly once, also after a crash at any point."""

import pytest
from django.db import transaction

from akte.ledger.events import StatusEvent as LogEvent
from akte.web.cases import services
from akte.web.cases.models import Status
from akte.web.statuslog import link, outbox
from akte.web.statuslog.models import PendingAppend


class _Request:
    def __init__(self, user):
        self.user = user


def _log_events(procedure):
    return [h.event.event_type for h in link.history(procedure) if h.event]


@pytest.fixture
def clerk(users):
    from akte.web.accounts.roles import Role

    return _Request(users[Role.REGISTRY_CLERK])


def test_the_pending_append_commits_with_the_change(make_procedure, clerk):
    procedure = make_procedure()
    services.change_status(clerk, procedure, Status.HEARING_SCHEDULED)
    row = PendingAppend.objects.get()
    assert row.key == (procedure.file_number, "hearing_scheduled", "BAMF-BER", row.time)
    assert row.person == link.person_ref(procedure.person_id) and row.ledger_index is None
    assert _log_events(procedure) == []  # nothing in the log before the commit
    assert outbox.drain().to_dict() == {"appended": 1, "recognised": 0, "pending": 0}
    assert _log_events(procedure) == ["hearing_scheduled"]
    row.refresh_from_db()
    assert row.ledger_index is not None and row.appended_at is not None
    assert outbox.drain().appended == 0  # done rows are never appended again


def test_a_rolled_back_change_leaves_no_pending_append(make_procedure, clerk):
    procedure = make_procedure()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.change_status(clerk, procedure, Status.HEARING_SCHEDULED)
        raise RuntimeError("the request failed after the change")
    assert not PendingAppend.objects.exists()
    assert outbox.drain().appended == 0 and _log_events(procedure) == []


def test_after_commit_failure_keeps_the_row_for_the_next_drain(
    make_procedure, clerk, monkeypatch, django_capture_on_commit_callbacks
):
    procedure = make_procedure()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(link.get_ledger(), "append_many", broken)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(clerk, procedure, Status.HEARING_SCHEDULED)  # does not raise
    assert outbox.pending() == 1
    monkeypatch.undo()
    assert outbox.drain().appended == 1 and _log_events(procedure) == ["hearing_scheduled"]


def test_a_crash_between_append_and_mark_makes_no_second_entry(make_procedure, clerk):
    """The entry reached the log but the process died before the row was marked done."""
    procedure = make_procedure()
    services.change_status(clerk, procedure, Status.DUBLIN)
    row = PendingAppend.objects.get()
    ledger = link.get_ledger()
    receipt = ledger.append(row.person, LogEvent(*row.key))  # the append of the lost drain
    result = outbox.drain()
    assert (result.appended, result.recognised) == (0, 1)
    row.refresh_from_db()
    assert row.ledger_index == receipt.index
    assert _log_events(procedure) == ["dublin"]
    assert ledger.verify().ok


def test_rows_are_appended_in_order(make_procedure, clerk):
    procedure = make_procedure()
    # allowed for a clerk from "lodged"; reaching a status again is a new entry
    steps = [Status.DUBLIN, Status.HEARING_SCHEDULED, Status.LODGED, Status.HEARING_SCHEDULED]
    for step in steps:
        services.change_status(clerk, procedure, step)
    assert outbox.drain(limit=2).appended == 2 and outbox.pending() == 2
    assert outbox.drain().appended == 2
    assert _log_events(procedure) == [s.value for s in steps]
    indexes = list(PendingAppend.objects.values_list("ledger_index", flat=True))
    assert indexes == sorted(indexes)
