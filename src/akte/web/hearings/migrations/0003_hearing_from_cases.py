"""`Hearing` moves from `cases` to `hearings`: the state only. The table `cases_hearing`, its
rows and its constraints stay as they are; `cases.0003` then forgets the old model."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _hearing_fk(related_name):
    return models.ForeignKey(
        on_delete=django.db.models.deletion.CASCADE,
        related_name=related_name,
        to="hearings.hearing",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_hearing_confirmed_hearing_confirmed_at_and_more"),
        ("hearings", "0002_answer"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Hearing",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("date", models.DateField(verbose_name="date")),
                        (
                            "state",
                            models.CharField(
                                choices=[
                                    ("planned", "planned"),
                                    ("running", "running"),
                                    ("read_back", "read-back"),
                                    ("sealed", "sealed"),
                                ],
                                max_length=16,
                                verbose_name="state",
                            ),
                        ),
                        ("interpreter", models.CharField(blank=True, max_length=200, verbose_name="interpreter")),
                        ("language", models.CharField(max_length=8, verbose_name="language")),
                        ("rulebook", models.CharField(blank=True, max_length=100, verbose_name="rulebook")),
                        ("skeleton", models.CharField(blank=True, max_length=8, verbose_name="model questions")),
                        ("started_at", models.DateTimeField(blank=True, null=True)),
                        ("confirmed", models.BooleanField(null=True)),
                        ("refusal_reasons", models.TextField(blank=True, verbose_name="reasons for refusing")),
                        ("confirmed_at", models.DateTimeField(blank=True, null=True)),
                        ("seal", models.CharField(blank=True, max_length=80)),
                        ("sealed_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "interviewer",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "procedure",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="hearings",
                                to="cases.procedure",
                            ),
                        ),
                    ],
                    options={"db_table": "cases_hearing", "ordering": ["date", "pk"]},
                ),
                migrations.AlterField("segment", "hearing", _hearing_fk("segments")),
                migrations.AlterField("suggestionshown", "hearing", _hearing_fk("suggestions")),
                migrations.AlterField("proceduralnote", "hearing", _hearing_fk("notes")),
                migrations.AlterField("answer", "hearing", _hearing_fk("answers")),
            ],
        )
    ]
