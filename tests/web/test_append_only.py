"""The access log is append-only in the database itself (migration audit.0002): raw SQL
UPDATE and DELETE are refused on whatever database the suite runs on (SQLite by default,
PostgreSQL in `make test-postgres`); a DELETE passes only inside a maintenance window."""

import pytest
from django.db import IntegrityError, connection, transaction

from akte.web.accounts.roles import Role
from akte.web.audit.append_only import TABLE, maintenance_window
from akte.web.audit.models import AccessLogEntry


@pytest.fixture
def entry(users, make_procedure, client_for):
    procedure = make_procedure()
    client_for(users[Role.INTERVIEWER]).get(f"/procedures/{procedure.pk}/")
    return AccessLogEntry.objects.get()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_accesslogentry SET purpose = 'access_request'",
        "UPDATE audit_accesslogentry SET person_id = NULL, record = ''",
        "DELETE FROM audit_accesslogentry",
        "DELETE FROM audit_accesslogentry WHERE id = %s",
    ],
)
def test_the_database_refuses_changes_and_deletions(entry, sql):
    with pytest.raises(IntegrityError, match="cannot be changed or deleted"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk] if "%s" in sql else None)
    kept = AccessLogEntry.objects.get()
    assert (kept.pk, kept.purpose, kept.record) == (entry.pk, "hearing", entry.record)


def test_appending_still_works(entry, users, client_for):
    client_for(users[Role.INTERVIEWER]).get(f"/procedures/{entry.procedure_id}/")
    assert AccessLogEntry.objects.count() == 2


def test_a_maintenance_window_lets_deletions_pass_never_updates(entry):
    with pytest.raises(IntegrityError):
        with maintenance_window(), connection.cursor() as cursor:
            cursor.execute(f"UPDATE {TABLE} SET purpose = 'decision'")  # noqa: S608
    with maintenance_window(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [entry.pk])  # noqa: S608
    assert not AccessLogEntry.objects.exists()
    # the window closed with its transaction
    entry2 = AccessLogEntry.objects.create(username="x", role="", action="read", purpose="hearing")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [entry2.pk])  # noqa: S608


def test_deleting_a_user_with_entries_is_refused_and_keeps_them(entry):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        entry.user.delete()
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.postgres
def test_postgresql_has_the_trigger(db):
    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL run (make test-postgres)")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
            [TABLE],
        )
        assert [row[0] for row in cursor.fetchall()] == [f"{TABLE}_append_only"]


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_with_entries_still_flushes(users, make_procedure, client_for):
    procedure = make_procedure()
    client_for(users[Role.INTERVIEWER]).get(f"/procedures/{procedure.pk}/")
    assert AccessLogEntry.objects.count() == 1  # the flush after this test must pass
