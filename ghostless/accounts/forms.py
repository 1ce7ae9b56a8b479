from django import forms

from ghostless.accounts.models import TIME_ZONE_CHOICES


class ProfileForm(forms.Form):
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(required=False)
    time_zone = forms.ChoiceField(
        choices=TIME_ZONE_CHOICES, help_text="Times across Ghostless are shown in this zone."
    )
    digest_hour = forms.TypedChoiceField(
        label="Daily follow-up digest",
        choices=[("", "Do not send me a digest")]
        + [(str(hour), f"At {hour:02d}:00") for hour in range(24)],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="An email with your overdue and due-today follow-ups, in your time zone.",
    )

    def __init__(self, *args, digest: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not digest:
            # Hiring managers have no follow-ups, so no digest to choose.
            del self.fields["digest_hour"]


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        required=False,
        label="Token name",
        help_text="Say what will use it, e.g. “careers site” or “HRIS sync”.",
    )
    expires_in_days = forms.TypedChoiceField(
        label="Expires",
        choices=[("30", "In 30 days"), ("90", "In 90 days"), ("365", "In a year"), ("", "Never")],
        coerce=int,
        empty_value=None,
        required=False,
        initial="90",
        help_text="After this the token stops working; you can revoke it sooner.",
    )
