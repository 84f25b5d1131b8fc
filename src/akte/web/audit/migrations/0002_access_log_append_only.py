"""The database refuses UPDATE and DELETE of access log entries (`audit/append_only.py`)."""

from django.db import migrations


def _run(apps, schema_editor, reverse=False):
    from akte.web.audit.append_only import statements

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in statements(connection.vendor, reverse=reverse):
            cursor.execute(sql)


def install(apps, schema_editor):
    _run(apps, schema_editor)


def remove(apps, schema_editor):
    _run(apps, schema_editor, reverse=True)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
