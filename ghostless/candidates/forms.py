from datetime import timedelta

from django import forms
from django.core.validators import URLValidator
from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils import timezone

from ghostless.accounts.models import Role, User
from ghostless.candidates.models import Candidate
from ghostless.candidates.selectors import (
    CANDIDATE_SORTS,
    candidate_applications,
    candidate_sources,
    filter_tags,
)
from ghostless.core.forms import FieldGroup
from ghostless.core.widgets import FindInput, LongSelect, choice_id
from ghostless.jobs.forms import JobFindField
from ghostless.jobs.models import Application, ApplicationStatus, Job, Stage
from ghostless.jobs.selectors import jobs_visible_to
from ghostless.timeline.models import LOGGABLE_KINDS, Direction, Kind, Outcome

# Profile links are rendered as hrefs, so only web schemes are accepted.
web_url = URLValidator(schemes=["http", "https"])


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _recruiters():
    return User.objects.filter(role__in=[Role.ADMIN, Role.RECRUITER], is_active=True).order_by(
        "first_name", "last_name", "username"
    )


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.name


class CandidateForm(forms.Form):
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100, required=False)
    emails = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text="One per line."
    )
    phones = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="One per line; numbers without a country code are read as US numbers.",
    )
    location = forms.CharField(max_length=200, required=False)
    current_title = forms.CharField(max_length=200, required=False)
    current_company = forms.CharField(max_length=200, required=False)
    linkedin_url = forms.URLField(
        label="LinkedIn",
        max_length=300,
        required=False,
        assume_scheme="https",
        validators=[web_url],
    )
    github_url = forms.URLField(
        label="GitHub", max_length=300, required=False, assume_scheme="https", validators=[web_url]
    )
    website_url = forms.URLField(
        label="Website", max_length=300, required=False, assume_scheme="https", validators=[web_url]
    )
    skills = forms.CharField(
        max_length=500,
        required=False,
        help_text="Separate skills with commas, e.g. “Python, Django, Kubernetes”.",
    )
    tags = forms.CharField(required=False, help_text="Separate tags with commas.")
    source = forms.CharField(
        max_length=100, required=False, help_text="Where they came from, e.g. referral."
    )
    owner = OwnerChoiceField(queryset=_recruiters(), required=False, empty_label="No owner")
    custom_fields = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="One per line, as name: value.",
    )

    def __init__(
        self, *args, candidate: Candidate | None = None, adder: User | None = None, **kwargs
    ):
        if candidate is not None:
            kwargs.setdefault("initial", self.initial_for(candidate))
        super().__init__(*args, **kwargs)
        if candidate is None and adder is not None:
            # A new candidate always has an owner: the one adding them unless they pick another.
            self.fields["owner"].empty_label = None
            self.fields["owner"].initial = adder.pk
            self.fields["owner"].help_text = "You, unless you choose a teammate."

    @staticmethod
    def initial_for(candidate: Candidate) -> dict:
        return {
            "first_name": candidate.first_name,
            "last_name": candidate.last_name,
            "emails": "\n".join(e.email for e in candidate.emails.all()),
            "phones": "\n".join(p.phone for p in candidate.phones.all()),
            "location": candidate.location,
            "current_title": candidate.current_title,
            "current_company": candidate.current_company,
            "linkedin_url": candidate.linkedin_url,
            "github_url": candidate.github_url,
            "website_url": candidate.website_url,
            "skills": candidate.skills,
            "tags": ", ".join(t.name for t in candidate.tags.all()),
            "source": candidate.source,
            "owner": candidate.owner_id,
            "custom_fields": "\n".join(f"{k}: {v}" for k, v in candidate.custom_fields.items()),
        }

    def clean_emails(self) -> list[str]:
        return _lines(self.cleaned_data["emails"])

    def clean_phones(self) -> list[str]:
        return _lines(self.cleaned_data["phones"])

    def clean_tags(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data["tags"].split(",") if t.strip()]

    def clean_custom_fields(self) -> dict[str, str]:
        fields = {}
        for number, line in enumerate(_lines(self.cleaned_data["custom_fields"]), start=1):
            name, colon, value = line.partition(":")
            if not colon or not name.strip():
                raise forms.ValidationError(
                    f"Line {number} needs a name, a colon and a value, "
                    "like “Notice period: 1 month”."
                )
            fields[name.strip()] = value.strip()
        return fields

    def service_kwargs(self, *, changed_only: bool) -> dict:
        """What to hand candidate_create/_update. Editing sends only what changed, so custom
        fields set through the API with non-text values are not rewritten as text."""
        data = self.cleaned_data
        if changed_only:
            return {name: data[name] for name in self.changed_data}
        return data


class ActivityLogForm(forms.Form):
    """The quick-log form on a profile. Prefixed, as the timeline filters also use `kind`."""

    bound_field_class = FieldGroup

    kind = forms.ChoiceField(
        choices=[(k.value, "Text" if k == Kind.SMS else k.label) for k in LOGGABLE_KINDS],
        widget=LongSelect,
    )
    direction = forms.ChoiceField(
        choices=Direction.choices, initial=Direction.OUTBOUND, widget=LongSelect
    )
    outcome = forms.ChoiceField(
        choices=[("", "None")] + [c for c in Outcome.choices if c[0]],
        required=False,
        widget=LongSelect,
    )
    occurred_at = forms.DateTimeField(
        label="When",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    application = forms.ModelChoiceField(
        label="Job",
        queryset=None,
        required=False,
        empty_label="Not about one job",
        widget=LongSelect,
    )
    subject = forms.CharField(max_length=300, required=False)
    body = forms.CharField(
        label="Notes",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    private = forms.BooleanField(
        required=False, help_text="Hidden from hiring managers.", label="Private"
    )
    callback_at = forms.DateTimeField(
        label="Promised to call back on",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Optional: puts a call-back in your follow-ups, due then.",
    )

    def __init__(
        self,
        *args,
        user: User,
        candidate: Candidate,
        applications: list[Application] | None = None,
        **kwargs,
    ):
        kwargs.setdefault("prefix", "log")
        kwargs.setdefault("initial", {"occurred_at": timezone.localtime().replace(microsecond=0)})
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = (
            f"Type @ and a username to notify a teammate (yours is @{user.username}). "
            "A private note notifies recruiters and admins only."
        )
        # The @ typeahead (notifications/mentions.js) asks here whom it may offer.
        self.fields["body"].widget.attrs["data-mention-source"] = reverse_lazy(
            "notifications:people"
        )
        field = self.fields["application"]
        field.queryset = candidate_applications(user=user, candidate=candidate)
        field.label_from_instance = lambda app: app.job.title
        if not user.sees_everything:
            # A hiring manager's notes belong to one of their jobs, so other jobs'
            # managers never read them; and nothing they write is private.
            del self.fields["private"]
            del self.fields["callback_at"]
            field.required = True
            field.empty_label = None
            field.help_text = "Your notes are shared with recruiters and with this job only."
        if applications is not None:
            # The page has loaded them already: the options need no second query (a post is
            # still checked against the queryset).
            empty = [] if field.empty_label is None else [("", field.empty_label)]
            field.choices = empty + [(app.pk, app.job.title) for app in applications]

    def clean_occurred_at(self):
        """The field shows minutes only; a time in this minute or the one before (the form
        may have been opened just before the minute turned) means "just now", so the entry
        keeps its true order against what happened seconds before."""
        when = self.cleaned_data["occurred_at"]
        now = timezone.now()
        if timedelta(0) <= now - when < timedelta(minutes=2):
            return now
        return when


class SearchInput(forms.TextInput):
    input_type = "search"


def chosen_id(data, name: str) -> int | None:
    """The id a bound filter form was given for `name`, if it can be one."""
    return choice_id(data.get(name))


def filter_jobs(user: User) -> QuerySet[Job]:
    """The jobs a filter may name: any the user sees, filled and closed ones too (a typed
    choice suggests live ones first, so none is listed in the page)."""
    return jobs_visible_to(user).only("id", "title")


def owner_choice(value: str) -> str:
    """An owner typed or picked by username; refused if nobody has it."""
    if value and not User.objects.filter(username=value).exists():
        raise forms.ValidationError("Pick someone from the list that opens as you type a name.")
    return value


class CandidateFilterForm(forms.Form):
    """Every choice is bounded: jobs and owners are typed and suggested (`FindInput`), the
    chosen job's stages are refreshed with htmx when the job changes (without JS, after
    Filter), tags and sources are bounded lists."""

    q = forms.CharField(label="Name, email, phone, company", required=False, widget=SearchInput)
    job = JobFindField(required=False)
    stage = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, widget=LongSelect)
    status = forms.ChoiceField(
        choices=[("", "Any status"), *ApplicationStatus.choices], required=False
    )
    owner = forms.CharField(
        max_length=150,
        required=False,
        widget=FindInput("accounts:people_lookup", {"placeholder": "Anyone"}),
        validators=[owner_choice],
    )
    tag = forms.ChoiceField(required=False, widget=LongSelect)
    source = forms.ChoiceField(required=False, widget=LongSelect)
    # Set by the column headers; kept by Filter so a new filter keeps the order.
    sort = forms.ChoiceField(
        choices=[(key, key) for key in CANDIDATE_SORTS], required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        data = self.data if self.is_bound else {}
        jobs = filter_jobs(user)
        self.fields["job"].queryset = jobs
        self._set_stage_choices(jobs, chosen_id(data, "job"), chosen_id(data, "stage"))
        self.fields["tag"].choices = [("", "Any tag")] + [
            (name, name) for name in filter_tags(user, data.get("tag") or "")
        ]
        self.fields["source"].choices = [("", "Any source")] + [
            (s, s) for s in candidate_sources(user)
        ]

    def _set_stage_choices(self, jobs, job_id: int | None, stage_id: int | None) -> None:
        """The chosen job's stages; without a job, only a stage already chosen (from a link)."""
        field = self.fields["stage"]
        stages = Stage.objects.filter(job__in=jobs).select_related("job")
        if job_id:
            stages = stages.filter(job_id=job_id).order_by("order", "id")
            field.choices = [("", "Any stage"), *((s.pk, s.name) for s in stages)]
            return
        chosen = stages.filter(pk=stage_id) if stage_id else []
        field.choices = [("", "Any stage"), *((s.pk, f"{s.job.title}: {s.name}") for s in chosen)]
        field.help_text = "Choose a job to pick one of its stages."

    def selector_kwargs(self) -> dict:
        """Valid filters only: a stale or mistyped one is reported and ignored, not a 500."""
        self.is_valid()
        return {
            name: value.pk if name == "job" else value
            for name, value in self.cleaned_data.items()
            if value not in (None, "")
        }


class TimelineFilterForm(forms.Form):
    bound_field_class = FieldGroup
    kind = forms.ChoiceField(
        choices=[("", "All kinds"), *Kind.choices], required=False, widget=LongSelect
    )
    job = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, widget=LongSelect)

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job"].choices = [("", "All jobs")] + [
            (app.job_id, app.job.title) for app in applications
        ]

    def selector_kwargs(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class AssignOwnerForm(forms.Form):
    """The unowned triage: candidates ticked on the page (hidden inputs on the confirmation)
    and the recruiter or admin who will own them."""

    candidates = forms.ModelMultipleChoiceField(
        queryset=Candidate.objects.filter(owner__isnull=True),
        widget=forms.MultipleHiddenInput,
        error_messages={
            "required": "Tick at least one candidate.",
            "invalid_choice": "Someone gave one of them an owner meanwhile; tick them again.",
        },
    )
    owner = OwnerChoiceField(queryset=_recruiters(), empty_label="Choose an owner")
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class DoNotContactForm(forms.Form):
    """Set (reason required, the service says so) or clear do-not-contact."""

    reason = forms.CharField(
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept on the record and shown on the profile, e.g. “Asked by email on 3 May”.",
    )
