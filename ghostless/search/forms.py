from django import forms

from ghostless.accounts.models import Role, User
from ghostless.candidates.forms import chosen_id, filter_jobs
from ghostless.candidates.selectors import filter_tags
from ghostless.core.when import date_in_range
from ghostless.core.widgets import FindInput, LongSelect
from ghostless.jobs.forms import JobFindField
from ghostless.jobs.models import ApplicationStatus, Stage
from ghostless.pools.models import TalentPool
from ghostless.search.selectors import Consent, SearchFilters

QUERY_HELP = (
    "Words find people who match all of them. "
    "“Quoted words” are a phrase, OR gives a choice, -word excludes, kube* is a prefix."
)


class SearchInput(forms.TextInput):
    input_type = "search"


class DateInput(forms.DateInput):
    input_type = "date"


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.name


class StageField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Stage) -> str:
        return f"{obj.job.title}: {obj.name}"


class SearchForm(forms.Form):
    """The text and the filters, read from the query string. A filter that no longer makes
    sense (a deleted job) is reported on its field and ignored, never a 500."""

    q = forms.CharField(label="Search", required=False, widget=SearchInput, help_text=QUERY_HELP)
    job = JobFindField(required=False)
    stage = StageField(queryset=None, required=False, empty_label="Any stage", widget=LongSelect)
    status = forms.ChoiceField(
        label="Application status",
        choices=[("", "Any status"), *ApplicationStatus.choices],
        required=False,
    )
    tag = forms.ChoiceField(required=False, widget=LongSelect)
    pool = forms.ModelChoiceField(
        label="Talent pool",
        queryset=TalentPool.objects.all(),
        required=False,
        empty_label="Any pool",
        widget=LongSelect,
    )
    owner = OwnerField(
        queryset=User.objects.filter(role__in=[Role.ADMIN, Role.RECRUITER], is_active=True)
        .order_by("first_name", "last_name", "username")
        .only("id", "username", "first_name", "last_name"),
        to_field_name="username",
        required=False,
        empty_label="Anyone",
        widget=FindInput("accounts:people_lookup", {"placeholder": "Anyone"}),
    )
    location = forms.CharField(max_length=200, required=False, help_text="Part of the location.")
    consent = forms.ChoiceField(choices=Consent.CHOICES, required=False)
    contacted_after = forms.DateField(
        label="Last contacted on or after",
        required=False,
        widget=DateInput,
        validators=[date_in_range],
    )
    contacted_before = forms.DateField(
        label="Last contacted before",
        required=False,
        widget=DateInput,
        validators=[date_in_range],
        help_text="Includes people never contacted.",
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        # Bounded choices, as on the candidate list: jobs and owners typed and suggested, the
        # chosen job's stages (refreshed with htmx when the job changes), a bounded tag list.
        data = self.data if self.is_bound else {}
        job_id, stage_id = chosen_id(data, "job"), chosen_id(data, "stage")
        jobs = filter_jobs(user)
        self.fields["job"].queryset = jobs
        stages = Stage.objects.filter(job__in=jobs).select_related("job")
        if job_id:
            stages = stages.filter(job_id=job_id)
        else:
            stages = stages.filter(pk=stage_id) if stage_id else stages.none()
            self.fields["stage"].help_text = "Choose a job to pick one of its stages."
        self.fields["stage"].queryset = stages.order_by("order", "id")
        self.fields["tag"].choices = [("", "Any tag")] + [
            (name, name) for name in filter_tags(user, data.get("tag") or "")
        ]
        if not user.sees_everything:
            # Pools and their consent are the recruiters' business.
            del self.fields["pool"]
            del self.fields["consent"]

    def filters(self) -> SearchFilters:
        """Valid filters only (call after is_valid)."""
        data = getattr(self, "cleaned_data", {})
        return SearchFilters(
            **{
                name: value
                for name, value in data.items()
                if name != "q" and value not in (None, "")
            }
        )

    def text(self) -> str:
        return getattr(self, "cleaned_data", {}).get("q", "")
