from django.db import migrations

KEEP = (
    "{% if links.keep_in_touch %}\n\nWould you like us to keep you in mind for future roles? "
    "Say yes here: {{ links.keep_in_touch }}{% endif %}"
)
UNSUBSCRIBE = "\n\nNo longer interested in hearing from us? {{ links.unsubscribe }}"


def add_links(apps, schema_editor):
    EmailTemplate = apps.get_model("messaging", "EmailTemplate")
    for template in EmailTemplate.objects.filter(purpose__in=["rejection", "position_filled"]):
        if "links.keep_in_touch" not in template.body:
            template.body += KEEP
            template.save(update_fields=["body"])
    for template in EmailTemplate.objects.filter(purpose="nurture"):
        if "links.unsubscribe" not in template.body:
            template.body += UNSUBSCRIBE
            template.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("messaging", "0005_notifications")]
    operations = [migrations.RunPython(add_links, migrations.RunPython.noop)]
