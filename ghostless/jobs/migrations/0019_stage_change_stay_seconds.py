from django.db import migrations, models

CHUNK = 5000


def backfill(apps, schema_editor):
    """Each ended stay's length in business seconds, as reports.stays keeps it from now on,
    written chunk by chunk (raw UPDATEs: bulk_update's CASE would crawl at millions)."""
    from ghostless.reports.clock import Epoch, EpochClock, raw_rows

    StageChange = apps.get_model("jobs", "StageChange")
    clock = EpochClock()
    rows = raw_rows(
        StageChange.objects.order_by()
        .annotate(
            entered=Epoch("changed_at"),
            left=Epoch("left_at"),
            closed=Epoch("application__status_changed_at"),
        )
        .values_list("id", "entered", "left", "application__status", "closed")
    )
    table = schema_editor.quote_name(StageChange._meta.db_table)
    sql = f"UPDATE {table} SET stay_seconds = %s WHERE id = %s"
    pending = []
    # raw_rows reads through its own cursor; the UPDATEs go through another.
    with schema_editor.connection.cursor() as cursor:
        for pk, entered, left, status, closed in list(rows):
            if left is None and status != "active":
                left = closed
            if left is None:
                continue
            pending.append((max(0.0, clock.seconds(left) - clock.seconds(entered)), pk))
            if len(pending) == CHUNK:
                cursor.executemany(sql, pending)
                pending = []
        if pending:
            cursor.executemany(sql, pending)


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0018_application_furthest_rank"),
    ]

    operations = [
        migrations.AddField(
            model_name="stagechange",
            name="stay_seconds",
            field=models.FloatField(blank=True, null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
