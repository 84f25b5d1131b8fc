# Exam results point to an exam centre record; the free-text column goes (its values were
# taken over as centres by the migration before).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("courses", "0003_approved_exam_centres_and_certificates")]

    operations = [
        migrations.RemoveField(model_name="examresult", name="centre"),
        migrations.RenameField(
            model_name="examresult", old_name="centre_record", new_name="centre"
        ),
        migrations.AlterField(
            model_name="examresult",
            name="centre",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="results",
                to="courses.examcentre",
                verbose_name="exam centre",
            ),
        ),
    ]
