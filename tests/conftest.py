"""Shared by every test directory."""

import pytest


@pytest.fixture(autouse=True)
def _access_log_cleared_before_flush(request):
    """A transactional test ends with Django flushing every table; the database refuses to
    delete access log entries (`akte.web.audit.append_only`), so they are deleted first,
    inside a maintenance window, the way a retention job would."""
    marker = request.node.get_closest_marker("django_db")
    yield
    if marker is None or not marker.kwargs.get("transaction"):
        return
    from django.db import connection

    from akte.web.audit.append_only import TABLE, maintenance_window

    if TABLE not in connection.introspection.table_names():
        return
    with maintenance_window(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
