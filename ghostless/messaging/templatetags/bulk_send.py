"""The "Email selected" form that job pages and boards put above their applicants."""

import uuid

from django import template

from ghostless.messaging.models import EmailTemplate
from ghostless.texts.models import SmsTemplate

register = template.Library()


@register.inclusion_tag("messaging/bulk_form.html", takes_context=True)
def bulk_send_form(context, job, select_all_label: str = "Select all on this page") -> dict:
    """A fresh key each time the form is shown, so a double click starts one batch."""
    return {
        "job": job,
        "templates": EmailTemplate.objects.only("pk", "name", "purpose"),
        # "Text selected" posts the same ticked applicants to texts' bulk view.
        "sms_templates": SmsTemplate.objects.only("pk", "name", "purpose"),
        "key": uuid.uuid4(),
        "select_all_label": select_all_label,
        "csrf_token": context.get("csrf_token"),
        "next": context["request"].get_full_path(),
    }
