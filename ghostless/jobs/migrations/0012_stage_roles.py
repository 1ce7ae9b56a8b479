from django.db import migrations, models

ROLES = ["sourced", "applied", "screen", "interview", "offer", "hired"]
CHOICES = [(role, role.capitalize()) for role in ROLES]


def set_roles(apps, schema_editor):
    """Give stages named like a role that role: one UPDATE per role and table, never a loop
    over rows, so it stays quick however many jobs there are."""
    for model in ("PipelineTemplateStage", "Stage"):
        stages = apps.get_model("jobs", model).objects
        for role in ROLES:
            stages.filter(name__iexact=role, role="").update(role=role)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0011_application_candidate_status_index")]
    operations = [
        migrations.AddField(
            model_name="pipelinetemplatestage",
            name="role",
            field=models.CharField(blank=True, choices=CHOICES, max_length=20),
        ),
        migrations.AddField(
            model_name="stage",
            name="role",
            field=models.CharField(blank=True, choices=CHOICES, max_length=20),
        ),
        migrations.RunPython(set_roles, migrations.RunPython.noop),
    ]
