from django import forms

from ghostless.accounts.models import TIME_ZONE_CHOICES


class ProfileForm(forms.Form):
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(required=False)
    time_zone = forms.ChoiceField(
        choices=TIME_ZONE_CHOICES, help_text="Times across Ghostless are shown in this zone."
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        required=False,
        label="Token name",
        help_text="Say what will use it, e.g. “careers site” or “HRIS sync”.",
    )
