"""`akte ledger reconcile` finds every committed status event the log lacks, repairs it
through the outbox, and never re-appends an erased person's events."""

import json

import pytest
from typer.testing import CliRunner

from akte.cli import app
from akte.web.accounts.roles import Role
from akte.web.cases import services
from akte.web.cases.models import Status, StatusEvent
from akte.web.statuslog import link, outbox
from akte.web.statuslog.models import PendingAppend
from akte.web.statuslog.reconcile import reconcile


class _Request:
    def __init__(self, user):
        self.user = user


@pytest.fixture
def planted(make_procedure, users):
    """One event logged normally, one whose append was lost after it was marked done, one
    that never had an outbox row (written before the outbox, or by a bulk load)."""
    clerk = _Request(users[Role.REGISTRY_CLERK])
    procedure = make_procedure()
    services.change_status(clerk, procedure, Status.HEARING_SCHEDULED)
    services.change_status(clerk, procedure, Status.LODGED)
    lost = PendingAppend.objects.order_by("pk").last()
    lost.ledger_index = 999  # marked done, but its append never happened
    lost.save()
    outbox.drain()
    missing = StatusEvent.objects.create(procedure=procedure, status=Status.DECIDED)
    return procedure, lost.status_event_id, missing.pk


def test_reconcile_finds_and_repairs_planted_gaps(planted):
    procedure, lost, missing = planted
    report = reconcile()
    states = {g.status_event: g.outbox for g in report.gaps}
    # the first event (make_procedure's, no outbox row) is a gap too
    assert states[lost] == "lost" and states[missing] == "missing" and len(states) == 3
    assert report.remaining == 3 and not report.ok
    repaired = reconcile(repair=True)
    assert repaired.repaired == 3 and repaired.remaining == 0 and repaired.ok
    events = [h.event.event_type for h in link.history(procedure) if h.event]
    assert sorted(events) == ["decided", "hearing_scheduled", "lodged", "lodged"]
    assert reconcile().ok and link.get_ledger().verify().ok


def test_reconcile_command_reports_json_and_exit_code(planted):
    runner = CliRunner()
    found = runner.invoke(app, ["ledger", "reconcile", "--json"])
    assert found.exit_code == 1, found.output
    body = json.loads(found.output)
    assert body["remaining"] == 3 and {g["outbox"] for g in body["gaps"]} == {"lost", "missing"}
    fixed = runner.invoke(app, ["ledger", "reconcile", "--repair", "--json"])
    assert fixed.exit_code == 0 and json.loads(fixed.output)["repaired"] == 3
    clean = runner.invoke(app, ["ledger", "reconcile"])
    assert clean.exit_code == 0 and "0 gaps" in clean.output
    drained = runner.invoke(app, ["ledger", "drain", "--json"])
    assert json.loads(drained.output) == {"appended": 0, "recognised": 0, "pending": 0}


def test_an_erased_person_is_not_appended_again(make_procedure, users):
    procedure = make_procedure(status=Status.REGISTERED)
    services.change_status(_Request(users[Role.REGISTRY_CLERK]), procedure, Status.CLOSED)
    outbox.drain()
    link.get_ledger().erase_person(link.person_ref(procedure.person_id))
    report = reconcile(repair=True)
    assert {g.outbox for g in report.gaps} == {"erased"} and report.ok
    assert all(h.event is None for h in link.history(procedure))
