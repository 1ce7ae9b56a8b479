"""The filters every report shares, from a page's GET form or the API's query parameters.

The state lives in the URL (`?from=2026-01-01&to=...&job=12&owner=ana`), so a report can be
shared. Jobs and owners are typed and suggested (`FindInput`): no page lists them all.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.forms import filter_jobs, owner_choice
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_hiring_team
from ghostless.core.widgets import FindInput
from ghostless.followups.business_time import company_zone
from ghostless.jobs.forms import JobFindField
from ghostless.jobs.models import Application, Job
from ghostless.jobs.selectors import applications_visible_to

# Without a range a report covers the last 13 weeks: a quarter, one bar per week.
DEFAULT_DAYS = 91
# The longest range one report takes: its rows are read once per request.
MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class Filters:
    start: date
    end: date  # inclusive
    job_id: int | None = None
    department: str = ""
    location: str = ""
    owner_id: int | None = None
    source: str = ""

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, time(0), tzinfo=company_zone())

    @property
    def until(self) -> datetime:
        """The end of the range, exclusive: midnight after its last day."""
        return datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=company_zone())


def default_range(today: date | None = None) -> tuple[date, date]:
    today = today or timezone.localdate(timezone=company_zone())
    return today - timedelta(days=DEFAULT_DAYS - 1), today


def make_filters(
    *,
    start: date | None = None,
    end: date | None = None,
    job_id: int | None = None,
    department: str = "",
    location: str = "",
    owner_id: int | None = None,
    source: str = "",
) -> Filters:
    default_start, default_end = default_range()
    end = end or default_end
    start = start or min(default_start, end)
    if start > end:
        raise DomainError("The range starts after it ends.", field="from")
    if (end - start).days >= MAX_DAYS:
        raise DomainError("Give a range of at most three years.", field="from")
    return Filters(
        start=start,
        end=end,
        job_id=job_id,
        department=department.strip(),
        location=location.strip(),
        owner_id=owner_id,
        source=source.strip(),
    )


def scoped_applications(*, actor: User | None, filters: Filters) -> QuerySet[Application]:
    """The applications a report counts: those the actor sees (a hiring manager, her own jobs'),
    narrowed by every filter but the dates, which each report applies to its own moment."""
    check_hiring_team(actor)
    applications = applications_visible_to(actor) if actor else Application.objects.all()
    return applications.filter(**job_lookups(filters, prefix="job__"), **owner_lookups(filters))


def narrowed(*, actor: User | None, filters: Filters) -> bool:
    """Whether `scoped_applications` is narrower than every application. When it is not, a
    report reads its rows by their dates alone: `application IN (every application)` makes
    the database walk all of them."""
    hidden = actor is not None and not actor.sees_everything
    return hidden or bool(job_lookups(filters, prefix="job__") or owner_lookups(filters))


def within(
    queryset: QuerySet, applications: QuerySet[Application], *, actor, filters, field="application"
):
    """`queryset` limited to rows of `applications` (the scoped ones), when that narrows it."""
    if narrowed(actor=actor, filters=filters):
        return queryset.filter(**{f"{field}__in": applications.values("pk")})
    return queryset


def scoped_jobs(*, actor: User | None, filters: Filters) -> QuerySet[Job]:
    check_hiring_team(actor)
    jobs = Job.objects.all()
    if actor is not None and not actor.sees_everything:
        jobs = jobs.filter(hiring_manager=actor)
    return jobs.filter(**job_lookups(filters, prefix=""))


def job_lookups(filters: Filters, *, prefix: str) -> dict:
    lookups = {}
    if filters.job_id is not None:
        lookups["pk" if not prefix else f"{prefix}id"] = filters.job_id
    if filters.department:
        lookups[f"{prefix}department__iexact"] = filters.department
    if filters.location:
        lookups[f"{prefix}location__iexact"] = filters.location
    return lookups


def owner_lookups(filters: Filters, *, prefix: str = "") -> dict:
    lookups = {}
    if filters.owner_id is not None:
        lookups[f"{prefix}owner_id"] = filters.owner_id
    if filters.source:
        lookups[f"{prefix}source__iexact"] = filters.source
    return lookups


class DateInput(forms.DateInput):
    input_type = "date"


class ReportFilterForm(forms.Form):
    """The GET form above every report; works without JS (typed job and owner resolve)."""

    job = JobFindField(required=False)
    department = forms.CharField(max_length=100, required=False)
    location = forms.CharField(max_length=200, required=False)
    owner = forms.CharField(
        label="Recruiter",
        max_length=150,
        required=False,
        widget=FindInput("accounts:people_lookup", {"placeholder": "Anyone"}),
        validators=[owner_choice],
    )
    source = forms.CharField(max_length=100, required=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword: the range fields are added by name.
        self.fields = {
            "from": forms.DateField(label="From", required=False, widget=DateInput),
            "to": forms.DateField(label="To", required=False, widget=DateInput),
            **self.fields,
        }
        self.fields["job"].queryset = filter_jobs(user)
        self.given = self.data  # what the URL said; `data` gains the range shown

    def _show_range(self, filters: Filters) -> Filters:
        """Empty date boxes show the range the report used, not nothing."""
        data = self.data.copy()
        for name, day in (("from", filters.start), ("to", filters.end)):
            if not data.get(name):
                data[name] = day.isoformat()
        self.data = data
        return filters

    def filters(self) -> Filters:
        """The filters chosen, or the defaults for a field the user got wrong (shown beside)."""
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        owner = data.get("owner")
        try:
            filters = make_filters(
                start=data.get("from"),
                end=data.get("to"),
                job_id=data["job"].pk if data.get("job") else None,
                department=data.get("department") or "",
                location=data.get("location") or "",
                owner_id=User.objects.filter(username=owner).values_list("pk", flat=True).first()
                if owner
                else None,
                source=data.get("source") or "",
            )
        except DomainError as error:
            self.add_error(error.field, error.message)
            filters = make_filters()
        return self._show_range(filters)

    def query(self) -> str:
        """The filters as they were given, for links (the CSV export) that keep them."""
        params = QueryDict(mutable=True)
        for name in self.fields:
            if value := self.given.get(name):
                params[name] = value
        return params.urlencode()
