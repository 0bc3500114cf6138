from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0005_frozen_submissions")]

    operations = [
        migrations.AddField(
            model_name="action",
            name="baseline_corrected_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="action",
            name="baseline_correction_reason",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="historicalaction",
            name="baseline_corrected_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="historicalaction",
            name="baseline_correction_reason",
            field=models.TextField(blank=True),
        ),
        migrations.AddConstraint(
            model_name="action",
            constraint=models.CheckConstraint(
                condition=models.Q(baseline_corrected_at__isnull=True)
                | ~models.Q(baseline_correction_reason=""),
                name="action_corrected_baseline_has_reason",
            ),
        ),
    ]
