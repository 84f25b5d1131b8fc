"""Migrating an existing database keeps its hearings: `Hearing` moved from `cases` to
`hearings` by state-only migrations, on the same table."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_THE_MOVE = [
    ("accounts", "0001_initial"),
    ("cases", "0002_hearing_confirmed_hearing_confirmed_at_and_more"),
    ("hearings", "0002_answer"),
]


@pytest.mark.django_db(transaction=True)
def test_migrating_an_existing_database_keeps_hearings_and_their_content():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_THE_MOVE)
    old = executor.loader.project_state(BEFORE_THE_MOVE).apps
    user = old.get_model("accounts", "User").objects.create(username="i", role="interviewer")
    person = old.get_model("cases", "Person").objects.create(sex="F", nationality="AFG")
    procedure = old.get_model("cases", "Procedure").objects.create(
        file_number="1234567-423", person=person, status="hearing_held", office="BER", country="AFG"
    )
    hearing = old.get_model("cases", "Hearing").objects.create(
        procedure=procedure,
        date=dt.date(2026, 5, 4),
        state="sealed",
        interviewer=user,
        language="fa",
        seal="sha256:abc",
    )
    old.get_model("hearings", "Segment").objects.create(
        hearing=hearing, number=1, speaker="applicant", text="Ich komme aus Herat."
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from akte.web.hearings.models import Hearing

    moved = Hearing.objects.select_related("procedure").get(pk=hearing.pk)
    assert (moved.procedure.file_number, moved.seal, moved.interviewer_id) == (
        "1234567-423",
        "sha256:abc",
        user.pk,
    )
    assert [s.text for s in moved.segments.all()] == ["Ich komme aus Herat."]
    from akte.web.cases.models import Procedure

    assert [h.pk for h in Procedure.objects.get(pk=procedure.pk).hearings.all()] == [hearing.pk]
    assert Hearing._meta.db_table == "cases_hearing"
