from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from ghostless.core.forms import FieldGroup
from ghostless.core.when import date_in_range
from ghostless.followups.business_time import add_business_days
from ghostless.followups.models import Reason

# A follow-up put off to a date comes back at the start of that working morning.
MORNING = time(9, 0)


class WhenForm(forms.Form):
    """When a follow-up is due: 1 or 3 business days from now, or the morning of a date."""

    CHOICES = [("1", "In 1 business day"), ("3", "In 3 business days"), ("date", "On a date")]

    when = forms.ChoiceField(choices=CHOICES, initial="1", widget=forms.RadioSelect)
    on = forms.DateField(
        label="Date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[date_in_range],
    )

    def clean(self):
        data = super().clean()
        if data.get("when") == "date":
            day: date | None = data.get("on")
            if day is None:
                self.add_error("on", "Pick the date.")
            elif day <= timezone.localdate():
                self.add_error("on", "Pick a date after today.")
        return data

    def due_at(self, now: datetime, zone: str) -> datetime:
        data = self.cleaned_data
        if data["when"] == "date":
            return datetime.combine(data["on"], MORNING, tzinfo=ZoneInfo(zone))
        return add_business_days(now, int(data["when"]))


class ReminderForm(WhenForm):
    """ "Remind me" on a profile."""

    bound_field_class = FieldGroup

    note = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.TextInput(),
        help_text="What to do, e.g. “ask how the offer talks went”.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "remind")
        super().__init__(*args, **kwargs)


class RulesForm(forms.Form):
    """Each rule on or off and its limit. Stage, job and pipeline limits live there, not here
    (LIMITS_ELSEWHERE)."""

    RULES = [
        Reason.AWAITING_REPLY,
        Reason.NOT_ACKNOWLEDGED,
        Reason.CLOSE_THE_LOOP,
        Reason.APPROVAL_DUE,
        Reason.OFFER_EXPIRING,
        Reason.AWAITING_CANDIDATE,
    ]
    OPTIONAL_DAYS = {Reason.APPROVAL_DUE, Reason.OFFER_EXPIRING}
    LIMITS_ELSEWHERE = [
        Reason.STALE_IN_STAGE,
        Reason.FEEDBACK_DUE,
        Reason.DECISION_DUE,
        Reason.PROMISE_DUE,
    ]
    HELP = {
        Reason.AWAITING_REPLY: "A candidate's message has had no answer for this long.",
        Reason.NOT_ACKNOWLEDGED: "A new application has had no message from us for this long.",
        Reason.CLOSE_THE_LOOP: (
            "A rejected applicant, or one left on a filled or closed job, has not been told."
        ),
        Reason.STALE_IN_STAGE: "An application has stayed in a stage past that stage's limit.",
        Reason.FEEDBACK_DUE: (
            "An interviewer has not sent a scorecard some business hours after the interview "
            "ended; the follow-up goes to the interviewer."
        ),
        Reason.DECISION_DUE: (
            "Every scorecard of a stage is in, and for some business days the application has "
            "not moved, closed or had a message to the candidate."
        ),
        Reason.PROMISE_DUE: (
            "A candidate was told when they would hear back after an interview, and has not "
            "heard from us: shown one business day before the date, overdue after it."
        ),
        Reason.APPROVAL_DUE: (
            "An offer has waited this long on the approver whose turn it is; the follow-up "
            "goes to that approver."
        ),
        Reason.OFFER_EXPIRING: (
            "A sent offer is unanswered this many business days before its last day; the "
            "follow-up goes to the application's owner."
        ),
        Reason.AWAITING_CANDIDATE: (
            "Interview times were offered and the candidate has not picked one; the follow-up "
            "goes to whoever offered them."
        ),
    }

    def __init__(self, *args, settings: dict[str, tuple[bool, int]], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for reason in [*self.RULES, *self.LIMITS_ELSEWHERE]:
            enabled, days = settings[reason]
            self.fields[f"{reason}_enabled"] = forms.BooleanField(
                label="On", required=False, initial=enabled
            )
            if reason in self.RULES:
                # Rules added later may be left out by older forms and clients: blank keeps
                # the stored number (choices).
                self.fields[f"{reason}_days"] = forms.IntegerField(
                    label="Business days",
                    min_value=1,
                    max_value=60,
                    initial=days,
                    required=reason not in self.OPTIONAL_DAYS,
                )
            self.rows.append(
                {
                    "reason": reason,
                    "label": Reason(reason).label,
                    "help": self.HELP[reason],
                    "enabled": self[f"{reason}_enabled"],
                    "days": self[f"{reason}_days"] if reason in self.RULES else None,
                    "stored_days": days,
                }
            )

    def choices(self) -> list[tuple[str, bool, int]]:
        """(reason, enabled, business days) per rule. A rule whose limits live elsewhere keeps
        its stored number, which it does not use."""
        data = self.cleaned_data
        return [
            (
                row["reason"],
                data[f"{row['reason']}_enabled"],
                data.get(f"{row['reason']}_days") or max(row["stored_days"], 1),
            )
            for row in self.rows
        ]
