"""The form that schedules an interview, or changes one."""

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.core.forms import FieldGroup
from ghostless.followups.business_time import company_zone

DURATIONS = [(m, f"{m} minutes") for m in (15, 30, 45, 60, 90, 120)] + [
    (180, "3 hours"),
    (240, "4 hours"),
]


class CompanyTimeField(forms.DateTimeField):
    """A wall-clock time in the company's zone, whoever types it: the interview keeps that
    time across a daylight-saving change (the services store it in UTC)."""

    def prepare_value(self, value):
        if isinstance(value, datetime) and timezone.is_aware(value):
            return value.astimezone(company_zone()).replace(tzinfo=None)
        return value

    def to_python(self, value):
        with timezone.override(company_zone()):
            return super().to_python(value)


class InterviewerChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user: User) -> str:
        return f"{user.name} ({user.get_role_display().lower()})"


class InterviewForm(forms.Form):
    """The start is typed in the company's zone; the page shows the candidate's beside it
    when known."""

    bound_field_class = FieldGroup

    title = forms.CharField(max_length=120, required=False, help_text="From the stage's plan.")
    starts_at = CompanyTimeField(
        label="Starts",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    duration_minutes = forms.TypedChoiceField(
        label="Duration", choices=DURATIONS, coerce=int, initial=60
    )
    location = forms.CharField(
        max_length=300, required=False, help_text="A room or an address; leave empty for video."
    )
    video_url = forms.URLField(
        label="Video link", max_length=500, required=False, assume_scheme="https"
    )
    interviewers = InterviewerChoice(
        queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label="Note to the candidate",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In the candidate's invite only.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].queryset = User.objects.filter(is_active=True).order_by(
            "first_name", "last_name", "username"
        )


def zone_label(zone: str) -> str:
    """ "Europe/Berlin (UTC+01:00)" now; an unknown zone name reads as given."""
    try:
        offset = timezone.now().astimezone(ZoneInfo(zone)).strftime("%z")
    except (ZoneInfoNotFoundError, ValueError):
        return zone
    return f"{zone} (UTC{offset[:3]}:{offset[3:]})"


# Start-time inputs on the offer form; the service takes up to slots.MAX_SLOTS (the API).
SLOT_INPUTS = 6


class SlotOfferForm(InterviewForm):
    """The interview form with several start times instead of one: the candidate picks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["starts_at"]
        self.fields["note"].help_text = "In the email offering the times, and in the invite."
        for i in range(SLOT_INPUTS):
            self.fields[f"starts_{i}"] = CompanyTimeField(
                label=f"Time {i + 1}",
                required=False,
                widget=forms.DateTimeInput(
                    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                ),
            )

    def start_fields(self):
        return [self[f"starts_{i}"] for i in range(SLOT_INPUTS)]

    def starts(self) -> list[datetime]:
        data = self.cleaned_data
        return [data[f"starts_{i}"] for i in range(SLOT_INPUTS) if data.get(f"starts_{i}")]

    def clean(self):
        data = super().clean()
        if not self.errors and not self.starts():
            self.add_error("starts_0", "Offer at least one time.")
        return data


def plan_initial(planned, user) -> dict:
    """What the schedule and slot-offer forms start from: the stage's planned interview, if
    any, with the one scheduling it on the panel."""
    return {
        "title": planned.title if planned else "",
        "duration_minutes": planned.duration_minutes if planned else 60,
        "interviewers": [user.pk],
    }
