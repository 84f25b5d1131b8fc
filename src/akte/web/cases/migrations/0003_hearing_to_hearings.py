"""`Hearing` now lives in the `hearings` app (`hearings.0003`); the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_hearing_confirmed_hearing_confirmed_at_and_more"),
        ("hearings", "0003_hearing_from_cases"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[], state_operations=[migrations.DeleteModel("Hearing")]
        )
    ]
