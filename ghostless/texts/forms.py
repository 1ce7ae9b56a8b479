"""Forms for the texts pages; the services decide what is allowed."""

from django import forms

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.candidates.normalize import display_phone
from ghostless.candidates.selectors import candidate_applications
from ghostless.messaging.forms import (
    ScheduledSendForm,
    new_idempotency_key,
    one_style_of_newlines,
)
from ghostless.texts.models import SmsTemplate
from ghostless.texts.services import blocked_numbers

__all__ = ["ComposeTextForm", "new_idempotency_key"]


class ComposeTextForm(ScheduledSendForm):
    """Write one text to one candidate: from an SMS template or blank, now or later."""

    field_order = ["template", "to_phone", "application", "body"]

    template = forms.ModelChoiceField(
        queryset=SmsTemplate.objects.all(),
        required=False,
        empty_label="Blank text",
        help_text="Choosing a template fills in the text; you can still edit it.",
    )
    to_phone = forms.ChoiceField(label="To")
    application = forms.ModelChoiceField(
        label="About the job", queryset=None, required=False, empty_label="No particular job"
    )
    body = forms.CharField(
        label="Text",
        widget=forms.Textarea(attrs={"rows": 5, "data-segment-counter": "text-count"}),
        required=False,
        help_text="Merge fields such as {{ candidate.first_name }} are filled in for you.",
    )

    def __init__(self, *args, user: User, candidate: Candidate, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        phones = list(candidate.phones.all())
        blocked = blocked_numbers([p.phone for p in phones])
        self.fields["to_phone"].choices = [
            (
                p.phone,
                display_phone(p.phone)
                + (" (no texts)" if p.sms_opted_out_at or p.phone in blocked else ""),
            )
            for p in phones
        ]
        applications = candidate_applications(user=user, candidate=candidate)
        self.fields["application"].queryset = applications
        self.fields["application"].label_from_instance = lambda app: app.job.title

    def clean_body(self) -> str:
        return one_style_of_newlines(self.cleaned_data["body"]).strip()


class TemplateForm(forms.Form):
    name = forms.CharField(max_length=120)
    purpose = forms.ChoiceField(choices=SmsTemplate._meta.get_field("purpose").choices)
    body = forms.CharField(
        label="Text",
        widget=forms.Textarea(attrs={"rows": 5, "data-segment-counter": "text-count"}),
        help_text="Merge fields such as {{ candidate.first_name }} are filled in for each text.",
    )

    def clean_body(self) -> str:
        return one_style_of_newlines(self.cleaned_data["body"]).strip()
