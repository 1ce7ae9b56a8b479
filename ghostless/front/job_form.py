"""The job form: the job's fields and its careers-page questions in one form."""

from django import forms
from django.db.models import Q

from ghostless.accounts.models import Role, User
from ghostless.careers import questions as careers_questions
from ghostless.core.errors import DomainError
from ghostless.jobs.forms import (
    UserChoiceField,
    UserMultipleChoiceField,
    decision_due_field,
    feedback_due_field,
)
from ghostless.jobs.models import EmploymentType, Job, JobStatus, PipelineTemplate


class JobForm(forms.Form):
    title = forms.CharField(max_length=200)
    department = forms.CharField(max_length=100, required=False)
    location = forms.CharField(max_length=200, required=False)
    employment_type = forms.ChoiceField(choices=EmploymentType.choices)
    status = forms.ChoiceField(choices=JobStatus.choices)
    hiring_manager = UserChoiceField(
        queryset=User.objects.none(), required=False, empty_label="— none yet —"
    )
    recruiters = UserMultipleChoiceField(
        queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    openings = forms.IntegerField(min_value=1, max_value=1000, initial=1)
    description = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Shown on the careers page; Markdown works (**bold**, lists, links).",
    )
    skills = forms.CharField(
        max_length=500,
        required=False,
        help_text="Separated by commas, e.g. “Kubernetes, Terraform, Go”. Used to suggest "
        "people from your network.",
    )
    published = forms.BooleanField(
        required=False,
        label="Publish on careers page",
        help_text="While the job is open, it is listed at /careers/ and takes applications.",
    )
    remote = forms.BooleanField(
        required=False,
        label="Remote job",
        help_text="For remote jobs, Location says where applicants must live (e.g. a country).",
    )
    valid_through = forms.DateField(
        required=False,
        label="Applications close on",
        help_text="Leave empty to take applications until the job is filled.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    questions = forms.CharField(
        required=False,
        label="Questions for applicants",
        help_text=careers_questions.FORMAT_HELP,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # Copied from the pipeline template when the job is made; edited here afterwards (left
    # empty, the job keeps its number).
    feedback_due_hours = feedback_due_field(required=False)
    decision_due_days = decision_due_field(required=False)
    template = forms.ModelChoiceField(
        queryset=PipelineTemplate.objects.all(),
        required=False,
        empty_label=None,
        label="Pipeline",
        help_text="The job starts with a copy of this template's stages.",
    )

    def __init__(self, *args, job: Job | None = None, **kwargs):
        if job is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": job.title,
                    "department": job.department,
                    "location": job.location,
                    "employment_type": job.employment_type,
                    "status": job.status,
                    "hiring_manager": job.hiring_manager_id,
                    "recruiters": [u.pk for u in job.recruiters.all()],
                    "openings": job.openings,
                    "description": job.description,
                    "skills": job.skills,
                    "published": job.published,
                    "remote": job.remote,
                    "valid_through": job.valid_through,
                    "questions": careers_questions.as_text(job.questions.all()),
                    "feedback_due_hours": job.feedback_due_hours,
                    "decision_due_days": job.decision_due_days,
                },
            )
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # Keep people already on the job selectable even if their account changed since.
        keep_manager = Q(pk=job.hiring_manager_id) if job and job.hiring_manager_id else Q()
        keep_recruiters = Q(recruiting_jobs=job) if job else Q()
        self.fields["hiring_manager"].queryset = User.objects.filter(
            Q(role=Role.HIRING_MANAGER, is_active=True) | keep_manager
        ).order_by("first_name", "last_name", "username")
        self.fields["recruiters"].queryset = (
            User.objects.filter(
                Q(role__in=[Role.RECRUITER, Role.ADMIN], is_active=True) | keep_recruiters
            )
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        if job is not None:
            # A job's pipeline is edited on its stages page once it exists.
            del self.fields["template"]
        else:
            # A new job takes its pipeline template's deadlines.
            del self.fields["feedback_due_hours"], self.fields["decision_due_days"]

    def clean_questions(self) -> list[dict]:
        try:
            return careers_questions.parse(self.cleaned_data["questions"])
        except DomainError as error:
            raise forms.ValidationError(error.message) from None

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("template", None)
        data.pop("recruiters", None)
        data.pop("questions", None)
        for deadline in ("feedback_due_hours", "decision_due_days"):
            if data.get(deadline) is None:
                data.pop(deadline, None)
        return data
