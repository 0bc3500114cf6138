import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0004_addressee_group_archivable")]

    operations = [
        migrations.CreateModel(
            name="SubmissionRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "number",
                    models.PositiveIntegerField(help_text="1 for the plan's first submission."),
                ),
                ("submitted_at", models.DateTimeField()),
                ("schema_version", models.PositiveSmallIntegerField()),
                ("document", models.BinaryField(help_text="The plan as canonical JSON (UTF-8).")),
                ("document_sha256", models.CharField(max_length=64)),
                ("html", models.BinaryField(help_text="The print HTML as served (UTF-8).")),
                ("html_sha256", models.CharField(db_index=True, max_length=64)),
                ("pdf", models.BinaryField()),
                ("pdf_sha256", models.CharField(db_index=True, max_length=64)),
                (
                    "previous_sha256",
                    models.CharField(
                        blank=True,
                        help_text="The record hash of the plan's previous submission.",
                        max_length=64,
                    ),
                ),
                ("record_sha256", models.CharField(max_length=64, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "milestone",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="frozen_record",
                        to="recommendations.milestone",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="submission_records",
                        to="recommendations.actionplan",
                    ),
                ),
            ],
            options={
                "ordering": ["plan", "number"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("plan", "number"), name="submission_number_once"
                    )
                ],
            },
        ),
    ]
