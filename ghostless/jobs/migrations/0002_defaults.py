from django.db import migrations

PIPELINE = ["Sourced", "Applied", "Contacted", "Screen", "Interview", "Offer", "Hired", "Onboarding"]
REASONS = [
    "Not enough experience",
    "Skills do not match",
    "Salary expectations too high",
    "Location or work permit",
    "Hired another candidate",
    "Position filled or closed",
    "Did not pass interview",
    "No response from candidate",
]


def create_defaults(apps, schema_editor):
    Template = apps.get_model("jobs", "PipelineTemplate")
    TemplateStage = apps.get_model("jobs", "PipelineTemplateStage")
    Reason = apps.get_model("jobs", "RejectionReason")
    if not Template.objects.filter(is_default=True).exists():
        template = Template.objects.create(name="Default", is_default=True)
        TemplateStage.objects.bulk_create(
            TemplateStage(template=template, name=name, order=i) for i, name in enumerate(PIPELINE)
        )
    for order, name in enumerate(REASONS):
        Reason.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
