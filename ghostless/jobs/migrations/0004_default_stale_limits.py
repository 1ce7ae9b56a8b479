from django.db import migrations

DEFAULTS = {"Applied": 3, "Contacted": 3, "Screen": 5, "Interview": 5, "Offer": 2}


def set_limits(apps, schema_editor):
    for model in ("PipelineTemplateStage", "Stage"):
        Model = apps.get_model("jobs", model)
        for name, days in DEFAULTS.items():
            Model.objects.filter(name=name, stale_after_days__isnull=True).update(
                stale_after_days=days
            )
    Job = apps.get_model("jobs", "Job")
    for job in Job.objects.filter(status_changed_at__isnull=True).only("updated_at"):
        Job.objects.filter(pk=job.pk).update(status_changed_at=job.updated_at)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0003_told_and_stale_limits")]
    operations = [migrations.RunPython(set_limits, migrations.RunPython.noop)]
