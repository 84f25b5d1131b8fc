# Exam centres become records the office approves; a result points to one. Centres typed as
# free text before are taken over as centres not yet approved (the office approves them).
# The old column goes in the next migration: on PostgreSQL, rows updated here leave deferred
# foreign-key checks pending, and the same transaction may then not alter the table.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def centres_from_free_text(apps, schema_editor):
    ExamCentre = apps.get_model("courses", "ExamCentre")
    ExamResult = apps.get_model("courses", "ExamResult")
    made = {}
    for result in ExamResult.objects.all():
        name = (result.centre or "").strip() or "?"
        if name not in made:
            made[name] = ExamCentre.objects.create(
                code=f"taken-over-{len(made) + 1}", name=name[:200], region=""
            )
        result.centre_record = made[name]
        result.save(update_fields=["centre_record"])


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_participant_signs_each_day"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ExamCentre",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=32, unique=True, verbose_name="code")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("region", models.CharField(max_length=100, verbose_name="region")),
                (
                    "approved_on",
                    models.DateField(blank=True, null=True, verbose_name="approved on"),
                ),
                (
                    "approved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"ordering": ["name"]},
        ),
        migrations.AddField(
            model_name="examresult",
            name="centre_record",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="results",
                to="courses.examcentre",
            ),
        ),
        migrations.AddField(
            model_name="examresult",
            name="certificate_issued_on",
            field=models.DateField(blank=True, null=True, verbose_name="certificate issued on"),
        ),
        migrations.RunPython(centres_from_free_text, migrations.RunPython.noop),
    ]
