from django.db import migrations

NAME = "Offer letter"
SUBJECT = "Your offer for {{ job.title }} at {{ company.name }}"
BODY = (
    "Hi {{ candidate.first_name }},\n\n"
    "We are delighted to offer you the position of **{{ offer.title }}** at {{ company.name }}.\n\n"
    "- Salary: {{ offer.currency }} {{ offer.salary }} {{ offer.pay_period }}\n"
    "- Start date: {{ offer.start_date }}\n\n"
    "This offer is open until {{ offer.expires_on }}. You can read it again and accept or "
    "decline it on your status page, from the link at the end of this email. If anything is "
    "unclear, just reply: we are happy to talk it through.\n\n"
    "Best regards,\n{{ recruiter.name }}\n{{ company.name }}"
)


def add(apps, schema_editor):
    EmailTemplate = apps.get_model("messaging", "EmailTemplate")
    if not EmailTemplate.objects.filter(purpose="offer").exists():
        EmailTemplate.objects.get_or_create(
            name=NAME, defaults={"purpose": "offer", "subject": SUBJECT, "body": BODY}
        )


def remove(apps, schema_editor):
    EmailTemplate = apps.get_model("messaging", "EmailTemplate")
    EmailTemplate.objects.filter(name=NAME, purpose="offer", subject=SUBJECT, body=BODY).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0001_initial"),
        ("messaging", "0011_offer_purpose"),
    ]

    operations = [migrations.RunPython(add, remove)]
