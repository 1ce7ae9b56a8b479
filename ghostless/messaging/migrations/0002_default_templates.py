from django.db import migrations

SIGNATURE = "\n\nBest regards,\n{{ recruiter.name }}\n{{ company.name }}"
TEMPLATES = [
    (
        "Application received",
        "acknowledgement",
        "We received your application for {{ job.title }}",
        "Hi {{ candidate.first_name }},\n\nThank you for applying for {{ job.title }} at "
        "{{ company.name }}. We read every application and will get back to you within five "
        "working days, whatever the answer." + SIGNATURE,
    ),
    (
        "Not moving forward",
        "rejection",
        "Your application for {{ job.title }}",
        "Hi {{ candidate.first_name }},\n\nThank you for your time and interest in {{ job.title }}. "
        "After careful thought we have decided not to move forward with your application.\n\n"
        "We would be glad to keep you in mind for future roles." + SIGNATURE,
    ),
    (
        "Position filled",
        "position_filled",
        "{{ job.title }} has been filled",
        "Hi {{ candidate.first_name }},\n\nWe wanted to let you know that the {{ job.title }} "
        "position has now been filled. Thank you for your interest in {{ company.name }}; we "
        "hope our paths cross again." + SIGNATURE,
    ),
    (
        "Interview invitation",
        "interview_invite",
        "Interview for {{ job.title }} at {{ company.name }}",
        "Hi {{ candidate.first_name }},\n\nWe enjoyed learning about you and would like to invite "
        "you to an interview for **{{ job.title }}**.\n\nPlease reply with a few times that suit "
        "you over the coming week." + SIGNATURE,
    ),
    (
        "Checking in",
        "follow_up",
        "Following up on {{ job.title }}",
        "Hi {{ candidate.first_name }},\n\nI wanted to follow up on my last message about "
        "{{ job.title }}. Is this still of interest? A short reply either way helps." + SIGNATURE,
    ),
    (
        "Staying in touch",
        "nurture",
        "New roles at {{ company.name }}",
        "Hi {{ candidate.first_name }},\n\nWe met a while ago and I thought of you: we have new "
        "openings at {{ company.name }}. Would you like to hear more?" + SIGNATURE,
    ),
]


def create_templates(apps, schema_editor):
    EmailTemplate = apps.get_model("messaging", "EmailTemplate")
    for name, purpose, subject, body in TEMPLATES:
        EmailTemplate.objects.get_or_create(
            name=name, defaults={"purpose": purpose, "subject": subject, "body": body}
        )


class Migration(migrations.Migration):
    dependencies = [("messaging", "0001_initial")]
    operations = [migrations.RunPython(create_templates, migrations.RunPython.noop)]
