from django.conf import settings
from django.db import migrations, models

# The ranks as jobs.furthest has them on the day of this migration.
RANKS = {"applied": 1, "screen": 2, "interview": 3, "offer": 4, "hired": 5}


def backfill(apps, schema_editor):
    """One UPDATE: the highest rank of the current stage, of every stage entered, and of
    "hired" for hired applications (what jobs.furthest keeps from now on)."""
    from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When
    from django.db.models.functions import Coalesce, Greatest

    Application = apps.get_model("jobs", "Application")
    Stage = apps.get_model("jobs", "Stage")
    StageChange = apps.get_model("jobs", "StageChange")
    rank = Case(
        *[When(role=role, then=Value(n)) for role, n in RANKS.items()],
        default=Value(0),
        output_field=IntegerField(),
    )

    def highest(stages):
        return Coalesce(
            Subquery(stages.annotate(rank=rank).order_by("-rank").values("rank")[:1]), Value(0)
        )

    entered = StageChange.objects.filter(application_id=OuterRef(OuterRef("pk")))
    Application.objects.update(
        furthest_rank=Greatest(
            highest(Stage.objects.filter(pk=OuterRef("stage_id"))),
            highest(Stage.objects.filter(pk__in=entered.values("to_stage_id"))),
            Case(When(status="hired", then=Value(5)), default=Value(0)),
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0009_privacy_fields"),
        ("jobs", "0017_stage_change_left_at"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="furthest_rank",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                fields=["created_at", "furthest_rank", "status", "source", "owner"],
                name="application_funnel_idx",
            ),
        ),
    ]
