from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0009_application_job_created_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                fields=["job", "status", "told_at", "loop_skip_reason", "id"],
                name="application_job_loop_idx",
            ),
        ),
        # As in 0009: SQLite plans from sqlite_stat1, so give it a row for the new index.
        migrations.RunSQL("ANALYZE jobs_application", reverse_sql=migrations.RunSQL.noop),
    ]
