from django.db import migrations

# interviews.invites.DEFAULT_TEXT, copied: a migration must not change when the code does.
TEMPLATES = {
    'Interview scheduled': (
        '{{ interview.title }}: {{ interview.when }}',
        'Hello {{ interview.recipient }},\n\n{{ interview.title }} for {{ job.title }} at {{ company.name }}: {{ interview.when }}.\n\n{% if interview.location %}Where: {{ interview.location }}\n{% endif %}{% if interview.video_url %}Video: {{ interview.video_url }}\n{% endif %}With: {{ interview.interviewers }}\n\n{% if interview.note %}{{ interview.note }}\n\n{% endif %}{% if interview.hear_back_by %}You will hear from us by {{ interview.hear_back_by }}.\n\n{% endif %}{% if interview.kit_link %}Candidate: {{ candidate.name }}\nYour interview kit: {{ interview.kit_link }}\n\n{% endif %}The invitation is attached: accept or decline it in your calendar.\n\n{{ recruiter.name }}\n',
    ),
    'Interview cancelled': (
        'Cancelled: {{ interview.title }}, {{ interview.when }}',
        'Hello {{ interview.recipient }},\n\n{{ interview.title }} for {{ job.title }} on {{ interview.when }} is cancelled; your calendar will remove it.\n\n{{ recruiter.name }}\n',
    ),
}


def create_templates(apps, schema_editor):
    EmailTemplate = apps.get_model("messaging", "EmailTemplate")
    for name, (subject, body) in TEMPLATES.items():
        EmailTemplate.objects.get_or_create(
            name=name,
            defaults={"purpose": "interview_invite", "subject": subject, "body": body},
        )


class Migration(migrations.Migration):
    dependencies = [("interviews", "0001_initial"), ("messaging", "0010_message_calendar")]
    operations = [migrations.RunPython(create_templates, migrations.RunPython.noop)]
