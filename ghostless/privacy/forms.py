from django import forms

from ghostless.privacy.models import Outcome
from ghostless.privacy.services import MAX_MONTHS


class RetentionRuleForm(forms.Form):
    outcome = forms.ChoiceField(choices=Outcome.choices)
    location = forms.CharField(
        max_length=200,
        required=False,
        help_text="A country, region or city, matched in the candidate's and their jobs' "
        "locations. Leave empty for everywhere.",
    )
    months = forms.IntegerField(
        min_value=1, max_value=MAX_MONTHS, help_text="Months after their last activity."
    )
    legal_floor = forms.BooleanField(
        required=False,
        label="Legal floor",
        help_text="Keep at least this long (e.g. 24 months for US federal contractors). "
        "A floor never makes anyone due by itself.",
    )
    note = forms.CharField(max_length=200, required=False, help_text="Why: a law or a policy.")


class AnonymiseForm(forms.Form):
    reason = forms.CharField(
        max_length=300,
        help_text="Recorded on the timeline and in the audit log. No personal data, please.",
    )
