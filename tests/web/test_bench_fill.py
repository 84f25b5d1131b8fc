"""The bench's data is realistic: every procedure has 5-15 status events along its course,
several spellings, its documents and hearing; the ids it gives are the database's own."""

import random
from collections import Counter

from akte.web.bench import fill
from akte.web.cases.models import NameSpelling, Person, Procedure, StatusEvent
from akte.web.hearings.models import Hearing


def test_a_course_has_5_to_15_events_in_order():
    rng = random.Random(3)
    for _ in range(2000):
        steps = fill.course(rng)
        assert 5 <= len(steps) <= 15
        assert steps[:2] == ["registered", "lodged"]
        if "decided" in steps:
            assert steps.index("hearing_held") < steps.index("decided")


def test_fill_writes_related_rows(db, users):
    before = Procedure.objects.count()
    by_role = {role.value: [user] for role, user in users.items()}
    counts = fill.fill(25, random.Random(5), by_role)
    assert Procedure.objects.count() - before == counts.procedures == 25
    procedure = Procedure.objects.order_by("-id").first()
    events = list(procedure.events.all())
    assert 5 <= len(events) <= 15 and events[-1].status == procedure.status
    assert [e.at for e in events] == sorted(e.at for e in events)
    assert procedure.person.spellings.filter(is_primary=True).count() == 1
    assert (
        Counter(NameSpelling.objects.values_list("person_id", flat=True)).most_common(1)[0][1] > 1
    )
    assert Hearing.objects.filter(procedure__in=Procedure.objects.all()).exists()
    assert StatusEvent.objects.count() >= 5 * 25
    new = Person.objects.create(sex="F", nationality="SYR")  # the sequences follow the ids
    assert new.pk > procedure.person_id
