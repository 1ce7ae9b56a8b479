"""The job page: its details, everyone on it, adding a candidate; creating and editing a job
with its careers questions."""

from django.contrib import messages
from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from ghostless.candidates.selectors import candidates_visible_to
from ghostless.careers import services as careers_services
from ghostless.core.errors import Conflict, DomainError
from ghostless.core.links import set_links
from ghostless.core.web import form_error, paginate, render, require_recruiter
from ghostless.front.job_form import JobForm
from ghostless.jobs import services
from ghostless.jobs.forms import AddCandidateForm
from ghostless.jobs.models import ApplicationStatus, Job, JobStatus
from ghostless.jobs.selectors import (
    APPLICATION_SORTS,
    access_job,
    job_applications,
)
from ghostless.loop.selectors import loop_counts
from ghostless.loop.selectors import untold_applications as loop_untold
from ghostless.search.quick_find import candidate_find

# The job page's sortable columns, in table order: (sort key, header label).
APPLICANT_COLUMNS = [
    ("name", "Candidate"),
    ("stage", "Stage"),
    ("status", "Status"),
    ("last_contact", "Last contact"),
    ("days_in_stage", "Days in stage"),
    ("applied", "Applied"),
]


CANDIDATE_MATCHES = 20


# The job page names this many of the applicants still waiting for an answer.
UNTOLD_NAMED = 10


# The columns the applicants table shows: loading only these (no candidate profile, no user
# password) keeps building 25 rows of five joined models cheap.
APPLICANT_FIELDS = (
    "job_id",
    "candidate_id",
    "stage_id",
    "status",
    "rejection_reason_id",
    "source",
    "owner_id",
    "created_at",
    "stage_entered_at",
    "candidate__first_name",
    "candidate__last_name",
    "candidate__last_contact_at",
    "stage__name",
    "rejection_reason__name",
    "owner__first_name",
    "owner__last_name",
    "owner__username",
)


def job_create_page(request: HttpRequest) -> HttpResponse:
    require_recruiter(request)
    initial = {
        "status": JobStatus.DRAFT,
        "openings": 1,
        "recruiters": [request.user.pk],
        "template": services.default_template().pk,
        "published": True,
    }
    form = JobForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            job = careers_services.job_save_with_questions(
                actor=request.user,
                questions=form.cleaned_data["questions"],
                recruiters=list(form.cleaned_data["recruiters"]),
                template=form.cleaned_data["template"],
                **form.service_fields(),
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, f"Created {job.title} with {job.stages.count()} stages.")
            return redirect(job)
    return TemplateResponse(request, "jobs/form.html", {"nav": "jobs", "form": form, "job": None})


def job_edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_job(request.user, pk)
    require_recruiter(request)
    form = JobForm(request.POST or None, job=job)
    closing_url = ""
    if request.method == "POST" and form.is_valid():
        try:
            careers_services.job_save_with_questions(
                job=job,
                actor=request.user,
                questions=form.cleaned_data["questions"],
                recruiters=list(form.cleaned_data["recruiters"]),
                **form.service_fields(),
            )
        except DomainError as error:
            form_error(form, error)
            # A refused close names who is left; the closing screen is where they get told.
            closing_url = (
                reverse("loop:close", args=[job.pk]) if isinstance(error, Conflict) else ""
            )
        else:
            messages.success(request, f"Saved {job.title}.")
            if job.status in (JobStatus.FILLED, JobStatus.CLOSED) and loop_untold(job).exists():
                return redirect("loop:close", pk=job.pk)
            return redirect(job)
    context = {"nav": "jobs", "form": form, "job": job, "closing_url": closing_url}
    return TemplateResponse(request, "jobs/form.html", context)


def _sort_headers(sort: str) -> list[dict]:
    headers = []
    for key, label in APPLICANT_COLUMNS:
        direction = {key: "ascending", f"-{key}": "descending"}.get(sort, "")
        headers.append(
            {
                "label": label,
                "aria_sort": direction,
                "next": f"-{key}" if direction == "ascending" else key,
            }
        )
    return headers


def _loop_summary(job: Job) -> dict:
    """ "Told N of M" and the names of those waiting longest: one aggregate and one short
    query, never every untold application (a filled job can have thousands)."""
    told, total = loop_counts(job)
    shown = bool(told or (total and job.status in (JobStatus.FILLED, JobStatus.CLOSED)))
    untold = []
    if shown and total > told:
        named = loop_untold(job).select_related("candidate").order_by("created_at", "id")
        untold = list(named.only("candidate__first_name", "candidate__last_name")[:UNTOLD_NAMED])
        set_links(untold, application_url=("jobs:application", "pk"))
    return {
        "shown": shown,
        "told": told,
        "total": total,
        "untold": untold,
        "more": total - told - len(untold),
    }


def _applicants_page(request: HttpRequest, applications) -> Page:
    """One page of the applicants table, with the columns it shows and each row's links."""
    page = paginate(request, applications.only(*APPLICANT_FIELDS))
    set_links(
        page,
        application_url=("jobs:application", "pk"),
        candidate_url=("candidates:detail", "candidate_id"),
        schedule_url=("interviews:schedule", "pk"),
    )
    return page


def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_job(request.user, pk)
    stages = list(job.stages.all())
    stage = request.GET.get("stage", "")
    stage = stage if stage in {str(s.pk) for s in stages} else ""
    status = request.GET.get("status", "")
    status = status if status in ApplicationStatus.values else ""
    q = request.GET.get("q", "").strip()
    sort = request.GET.get("sort", "")
    sort = sort if sort in APPLICATION_SORTS else "-applied"
    applications = job_applications(job=job, stage=stage, status=status, q=q, sort=sort)
    context = {
        "nav": "jobs",
        "job": job,
        "job_url": job.get_absolute_url(),  # the page links to itself a dozen times
        "recruiters": list(job.recruiters.all()),
        "stages": stages,
        "statuses": ApplicationStatus.choices,
        "stage": stage,
        "status": status,
        "q": q,
        "sort": sort,
        "filtered": bool(stage or status or q),
        "headers": _sort_headers(sort),
        "page": _applicants_page(request, applications),
        "can_act": request.user.sees_everything,
        "loop": _loop_summary(job),
    }
    if request.user.sees_everything:
        add_q = request.GET.get("add_q", "").strip()
        context["add_q"] = add_q
        if add_q:
            matches = candidate_find(user=request.user, q=add_q)[:CANDIDATE_MATCHES]
            context["matches"] = list(matches)
    return render(request, "jobs/detail.html", context, partials=("applicants", "candidate_picker"))


@require_POST
def add_candidate(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_job(request.user, pk)
    require_recruiter(request)
    form = AddCandidateForm(request.POST, candidates=candidates_visible_to(request.user))
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(job)
    candidate = form.cleaned_data["candidate"]
    try:
        application = services.application_create(
            candidate=candidate, job=job, actor=request.user, source=form.cleaned_data["source"]
        )
    except Conflict as error:
        existing = reverse("jobs:application", args=[error.extra["application_id"]])
        messages.warning(
            request,
            format_html('{} <a href="{}">Open their application</a>.', error.message, existing),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            format_html(
                'Added <a href="{}">{}</a> at {}.',
                application.get_absolute_url(),
                candidate.name,
                application.stage.name,
            ),
        )
    return redirect(job)
