"""Forms parse and shape input for the jobs views; the services decide what is allowed."""

from django import forms

from ghostless.accounts.models import User


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.name


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.name


class AddCandidateForm(forms.Form):
    candidate = forms.ModelChoiceField(
        queryset=None, error_messages={"required": "Search for a candidate and pick one."}
    )
    source = forms.CharField(max_length=100, required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = candidates
