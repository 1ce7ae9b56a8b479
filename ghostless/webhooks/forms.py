from django import forms

from ghostless.webhooks.catalog import EVENT_TYPES


class EndpointForm(forms.Form):
    url = forms.CharField(
        label="Address (https://)",
        max_length=500,
        widget=forms.URLInput(attrs={"placeholder": "https://hr.example.com/ghostless"}),
    )
    description = forms.CharField(
        label="Description",
        max_length=200,
        required=False,
        help_text="What receives these events, so the next admin knows.",
    )
    events = forms.MultipleChoiceField(
        label="Events to send",
        choices=[(name, f"{name}: {text}") for name, text in EVENT_TYPES.items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one event to send."},
    )
    active = forms.BooleanField(
        label="Active: send events to this address", required=False, initial=True
    )
