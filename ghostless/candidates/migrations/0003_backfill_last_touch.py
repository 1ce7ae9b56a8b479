from django.db import migrations
from django.db.models import Max, OuterRef, Subquery

CONTACT_KINDS = ["email", "sms", "call", "voicemail", "linkedin", "meeting"]


def backfill(apps, schema_editor):
    Candidate = apps.get_model("candidates", "Candidate")
    Activity = apps.get_model("timeline", "Activity")
    for direction, field in (("inbound", "last_inbound_at"), ("outbound", "last_outbound_at")):
        newest = (
            Activity.objects.filter(
                candidate_id=OuterRef("pk"), kind__in=CONTACT_KINDS, direction=direction
            )
            .values("candidate_id")
            .annotate(m=Max("occurred_at"))
            .values("m")
        )
        Candidate.objects.update(**{field: Subquery(newest)})


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0002_last_touch_each_way"),
        ("timeline", "0001_initial"),
    ]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
