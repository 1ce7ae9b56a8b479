from django import forms

from ghostless.accounts.models import User
from ghostless.core.widgets import LongSelect
from ghostless.timeline.models import AuditEntry


class AuditFilterForm(forms.Form):
    subject = forms.ChoiceField(label="Record", required=False, widget=LongSelect)
    subject_id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    actor = forms.ModelChoiceField(
        label="Changed by",
        queryset=User.objects.order_by("first_name", "last_name", "username"),
        required=False,
        empty_label="Anyone",
        widget=LongSelect,
    )
    event = forms.ChoiceField(label="Action", required=False, widget=LongSelect)
    # The number in a candidate's address, e.g. 1234 in /candidates/1234/.
    candidate = forms.IntegerField(label="Candidate number", required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The actions found under the other filters: what this person did, to this kind of record.
        found = AuditEntry.objects.order_by("event")
        if (asked := self.data.get("subject", "")) and len(asked) <= 40:
            found = found.filter(subject=asked)
        if (actor := self.data.get("actor", "")) and str(actor).isdigit():
            found = found.filter(actor_id=int(actor))
        events = found.values_list("event", flat=True).distinct()
        self.fields["event"].choices = [("", "Any action")] + [
            (value, AuditEntry(event=value).event_name) for value in events
        ]
        subjects = set(AuditEntry.objects.values_list("subject", flat=True).distinct())
        # A link to one record's history names its kind even before it has any rows.
        asked = self.data.get("subject", "")
        if asked and len(asked) <= 40:
            subjects.add(asked)
        self.fields["subject"].choices = [("", "Any record")] + [
            (value, AuditEntry(subject=value).subject_name) for value in sorted(subjects)
        ]
        self.fields["actor"].label_from_instance = lambda user: user.name

    def filters(self) -> dict:
        """The selector's keyword arguments for what the form read."""
        data = self.cleaned_data
        actor = data.get("actor")
        subject, subject_id = data.get("subject", ""), data.get("subject_id")
        if data.get("candidate"):
            subject, subject_id = "candidate", data["candidate"]
        # Not a {"event": ...} literal: those are timeline event payloads (tests/timeline).
        return dict(  # noqa: C408
            subject=subject,
            subject_id=subject_id,
            actor_id=actor.pk if actor else None,
            event=data.get("event", ""),
        )
