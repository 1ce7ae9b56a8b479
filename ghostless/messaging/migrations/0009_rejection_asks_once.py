from django.db import migrations

# 0002 wrote this sentence and 0006 added the keep-in-touch question after it: the rejection
# said "keep you in mind" twice. The question, with its link, is the one that keeps its word.
PROMISE = "\n\nWe would be glad to keep you in mind for future roles."


def ask_once(apps, schema_editor):
    EmailTemplate = apps.get_model("messaging", "EmailTemplate")
    for template in EmailTemplate.objects.filter(purpose="rejection", body__contains=PROMISE):
        if "links.keep_in_touch" in template.body:
            template.body = template.body.replace(PROMISE, "")
            template.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("messaging", "0008_batch_state_template_health_inbound_auth")]
    operations = [migrations.RunPython(ask_once, migrations.RunPython.noop)]
