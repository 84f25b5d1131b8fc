"""The bench's data is realistic: every procedure's course follows the lifecycle (5-15 status
events when complete, cut at today for the youngest), several spellings, its documents,
hearings, decisions and appeals, every event in the signed status log; the ids it gives are
the database's own."""

import random
from collections import Counter

from akte.web.bench import fill
from akte.web.bench.course import course
from akte.web.cases.models import (
    Appeal,
    Decision,
    NameSpelling,
    Person,
    Procedure,
    Status,
    StatusEvent,
)
from akte.web.cases.transitions import lifecycle
from akte.web.hearings.models import Hearing, HearingState
from akte.web.statuslog import link
from akte.web.statuslog.models import PendingAppend


def test_a_course_walks_the_lifecycle_with_5_to_15_events():
    rules = lifecycle()
    rng = random.Random(3)
    seen = Counter()
    for _ in range(3000):
        steps = course(rng)
        assert 5 <= len(steps) <= 15
        assert steps[0].status == rules.initial and steps[1].status == "lodged"
        for before, after in zip(steps, steps[1:], strict=False):
            found = rules.transitions.get((before.status, after.status))
            assert found is not None and not found.exceptional, (before, after)
            seen[after.status] += 1
        for step in steps:
            assert bool(step.outcome) == (step.status == "decided")
    assert set(seen) == set(Status.values) - {"registered"}  # every status is reached


def test_fill_writes_related_rows(db, users):
    before = Procedure.objects.count()
    by_role = {role.value: [user] for role, user in users.items()}
    counts = fill.fill(60, random.Random(5), by_role)
    assert Procedure.objects.count() - before == counts.procedures == 60
    oldest = Procedure.objects.order_by("id").first()  # its course is complete
    events = list(oldest.events.all())
    assert 5 <= len(events) <= 15 and events[-1].status == oldest.status
    assert [e.at for e in events] == sorted(e.at for e in events)
    assert oldest.status_since == events[-1].at
    assert oldest.person.spellings.filter(is_primary=True).count() == 1
    assert (
        Counter(NameSpelling.objects.values_list("person_id", flat=True)).most_common(1)[0][1] > 1
    )
    assert Hearing.objects.filter(state=HearingState.SEALED).exists()
    assert StatusEvent.objects.count() >= 4 * 60
    decided = StatusEvent.objects.filter(status=Status.DECIDED).count()
    assert Decision.objects.count() == counts.decisions == decided > 0
    assert Appeal.objects.count() == counts.appeals
    assert not Decision.objects.filter(document__isnull=True).exists()
    # the status log holds every event, each outbox row is marked appended
    assert counts.status_log_entries == StatusEvent.objects.count()
    assert not PendingAppend.objects.filter(ledger_index__isnull=True).exists()
    history = link.history(oldest)
    assert [h.event.event_type for h in history] == [e.status for e in events]
    assert all(h.verified for h in history)
    new = Person.objects.create(sex="F", nationality="SYR")  # the sequences follow the ids
    assert new.pk > oldest.person_id
