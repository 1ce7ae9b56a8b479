from django.db import migrations

# interviews.slots.DEFAULT_TEXT, copied: a migration must not change when the code does.
NAME = "Pick a time for your interview"
SUBJECT = "Pick a time for your interview: {{ interview.title }}"
BODY = (
    "Hello {{ interview.recipient }},\n\n"
    "We would like to meet you for {{ interview.title }} ({{ job.title }} at {{ company.name }}). "
    "These times are free for us:\n\n"
    "{{ interview.when }}\n\n"
    "{% if interview.location %}Where: {{ interview.location }}\n{% endif %}"
    "{% if interview.video_url %}Video: {{ interview.video_url }}\n{% endif %}"
    "With: {{ interview.interviewers }}\n\n"
    "{% if interview.note %}{{ interview.note }}\n\n{% endif %}"
    "Pick the one that suits you on your page: {{ links.status }}\n"
    "The time you pick is booked at once, and the calendar invitation follows.\n\n"
    "{{ recruiter.name }}\n"
)


def create_template(apps, schema_editor):
    EmailTemplate = apps.get_model("messaging", "EmailTemplate")
    EmailTemplate.objects.get_or_create(
        name=NAME, defaults={"purpose": "interview_invite", "subject": SUBJECT, "body": BODY}
    )


class Migration(migrations.Migration):
    dependencies = [("interviews", "0003_slot_offers"), ("messaging", "0010_message_calendar")]
    operations = [migrations.RunPython(create_template, migrations.RunPython.noop)]
