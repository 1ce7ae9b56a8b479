"""Forms parse and shape input for the jobs views; the services decide what is allowed."""

from django import forms
from django.core.exceptions import ValidationError

from ghostless.accounts.models import User
from ghostless.core.widgets import FindInput, choice_id
from ghostless.jobs.models import Job


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.name


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.name


class JobFindField(forms.ModelChoiceField):
    """A job chosen by typing its title (suggested by `jobs:lookup`), or given by id in a
    link or saved search. The form sets `queryset` to the jobs the user may pick."""

    def __init__(self, *, live_only: bool = False, **kwargs):
        query = "?live=1" if live_only else ""
        placeholder = {"placeholder": "Any job"}
        kwargs.setdefault("widget", FindInput("jobs:lookup", placeholder, query=query))
        super().__init__(queryset=Job.objects.none(), empty_label=None, **kwargs)

    def label_from_instance(self, job: Job) -> str:
        return f"{job.title} (#{job.pk})"

    def to_python(self, value):
        if value in self.empty_values:
            return None
        pk = choice_id(value)
        if pk is not None:
            return super().to_python(pk)
        # Typed without picking (no JS): one job with exactly that title is the one meant.
        matches = list(self.queryset.filter(title__iexact=str(value).strip())[:2])
        if len(matches) == 1:
            return matches[0]
        raise ValidationError(
            "Pick the job from the list that opens as you type its title.", code="invalid_choice"
        )

    def prepare_value(self, value):
        """What the box shows: the chosen job's title and id, whatever form the id came in."""
        if isinstance(value, Job):
            return self.label_from_instance(value)
        pk = choice_id(value)
        job = self.queryset.filter(pk=pk).only("id", "title").first() if pk is not None else None
        return self.label_from_instance(job) if job else value


class AddCandidateForm(forms.Form):
    candidate = forms.ModelChoiceField(
        queryset=None, error_messages={"required": "Search for a candidate and pick one."}
    )
    source = forms.CharField(max_length=100, required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = candidates


def feedback_due_field(*, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        required=required,
        label="Feedback due after (business hours)",
        min_value=1,
        max_value=240,
        help_text="Interviewers who have not sent a scorecard this many business hours after "
        "the interview ends get a follow-up (24 is one business day).",
    )


def decision_due_field(*, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        required=required,
        label="Decision due after (business days)",
        min_value=1,
        max_value=60,
        help_text="Once every scorecard of a stage is in, the application's owner gets a "
        "follow-up if it has not moved, closed or had a message to the candidate by then.",
    )


class DeadlinesForm(forms.Form):
    """A pipeline template's interview deadlines, which its new jobs copy."""

    feedback_due_hours = feedback_due_field()
    decision_due_days = decision_due_field()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("prefix", "deadlines")
        super().__init__(*args, **kwargs)
