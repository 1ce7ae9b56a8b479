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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        subjects = set(AuditEntry.objects.values_list("subject", flat=True).distinct())
        # A link to one record's history names its kind even before it has any rows.
        asked = self.data.get("subject", "")
        if asked and len(asked) <= 40:
            subjects.add(asked)
        self.fields["subject"].choices = [("", "Any record")] + [
            (value, AuditEntry(subject=value).subject_name) for value in sorted(subjects)
        ]
        self.fields["actor"].label_from_instance = lambda user: user.name
