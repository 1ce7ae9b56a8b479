"""Jobs pages: the list, one job, its board, one application, and admin pipeline editing.

Views parse input, call the services and render. htmx requests name the fragment they want
with HX-Target; only that partial renders, and every page also works without JavaScript.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied as Forbidden
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from ghostless.candidates.selectors import candidate_list, candidates_visible_to
from ghostless.careers import services as careers_services
from ghostless.core.errors import Conflict, DomainError, PermissionDenied
from ghostless.core.links import set_links
from ghostless.core.params import next_url
from ghostless.core.permissions import check_admin, check_recruiter
from ghostless.jobs import services
from ghostless.jobs.forms import AddCandidateForm, JobForm, add_domain_error
from ghostless.jobs.models import (
    Application,
    ApplicationStatus,
    Job,
    JobStatus,
    PipelineTemplate,
    RejectionReason,
    Stage,
)
from ghostless.jobs.selectors import (
    APPLICATION_SORTS,
    ON_BOARD,
    access_application,
    access_job,
    board_cards,
    job_applications,
    job_list,
    job_status_counts,
    stage_counts,
)
from ghostless.loop import forms as loop_forms
from ghostless.loop import services as loop_services
from ghostless.loop.selectors import loop_counts
from ghostless.loop.selectors import untold_applications as loop_untold
from ghostless.timeline.selectors import activities_visible_to

# The job page's sortable columns, in table order: (sort key, header label).
APPLICANT_COLUMNS = [
    ("name", "Candidate"),
    ("stage", "Stage"),
    ("status", "Status"),
    ("last_contact", "Last contact"),
    ("days_in_stage", "Days in stage"),
    ("applied", "Applied"),
]
OFF_BOARD = (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN)
CANDIDATE_MATCHES = 20
# Each board column shows this many cards; "N more" links to the job page for the rest.
BOARD_COLUMN_CARDS = 25
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


# Helpers shared by the views below.


def _render(
    request: HttpRequest, template: str, context: dict, partials: tuple[str, ...] = ()
) -> TemplateResponse:
    """Render the page, or only the partial whose id htmx targets."""
    target = request.htmx.target if request.htmx else None
    if target in partials and not request.htmx.history_restore_request:
        template = f"{template}#{target}"
    response = TemplateResponse(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def _paginate(request: HttpRequest, items) -> Page:
    return Paginator(items, settings.PAGE_SIZE).get_page(request.GET.get("page"))


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _require(check, request: HttpRequest) -> None:
    """Ask a service's permission check first, so a refused user gets a 403 whatever they sent."""
    try:
        check(request.user)
    except PermissionDenied as error:
        raise Forbidden(error.message) from error


def _require_admin_page(request: HttpRequest) -> None:
    """Admin pages do not exist for others; their form posts answer 403."""
    if request.method != "POST" and not request.user.is_admin:
        raise Http404
    _require(check_admin, request)


def _posted_name(request: HttpRequest, max_length: int) -> str:
    name = request.POST.get("name", "").strip()
    if len(name) > max_length:
        raise DomainError(f"Keep the name to {max_length} characters or fewer.", field="name")
    return name


# The job list.


def job_list_page(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in JobStatus.values else ""
    q = request.GET.get("q", "").strip()
    jobs = (
        job_list(user=request.user, status=status, q=q)
        .prefetch_related("recruiters", "stages")
        .order_by("-created_at", "-id")
    )
    page = _paginate(request, jobs)
    counts = stage_counts([job.pk for job in page])
    for job in page:
        per_stage = counts.get(job.pk, {})
        job.pipeline = [(stage, per_stage.get(stage.pk, 0)) for stage in job.stages.all()]
    context = {
        "nav": "jobs",
        "page": page,
        "status": status,
        "q": q,
        "statuses": JobStatus.choices,
        "filtered": bool(status or q),
    }
    return _render(request, "jobs/list.html", context, partials=("jobs",))


# Creating and editing a job.


def job_create_page(request: HttpRequest) -> HttpResponse:
    _require(check_recruiter, request)
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
            add_domain_error(form, error)
        else:
            messages.success(request, f"Created {job.title} with {job.stages.count()} stages.")
            return redirect(job)
    return TemplateResponse(request, "jobs/form.html", {"nav": "jobs", "form": form, "job": None})


def job_edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_job(request.user, pk)
    _require(check_recruiter, request)
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
            add_domain_error(form, error)
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


# One job: its details and everyone on it.


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
    page = _paginate(request, applications.only(*APPLICANT_FIELDS))
    set_links(
        page,
        application_url=("jobs:application", "pk"),
        candidate_url=("candidates:detail", "candidate_id"),
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
            matches = candidate_list(user=request.user, q=add_q)[:CANDIDATE_MATCHES]
            context["matches"] = list(matches)
    return _render(
        request, "jobs/detail.html", context, partials=("applicants", "candidate_picker")
    )


@require_POST
def add_candidate(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_job(request.user, pk)
    _require(check_recruiter, request)
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


# The pipeline board.


def _stage_options(stages: list[Stage]) -> dict[int, str]:
    """Every stage's "Move to" options with that stage selected, built once for all cards."""
    return {
        current.pk: format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (stage.pk, mark_safe(" selected") if stage.pk == current.pk else "", stage.name)
                for stage in stages
            ),
        )
        for current in stages
    }


def _board_context(request: HttpRequest, job: Job, focus: int | None = None) -> dict:
    """Lean cards, the first few per column: a big job's board stays small and fast. Each
    card's reject, withdraw and hire forms load when asked (`application_actions`)."""
    stages = list(job.stages.all())
    counts = job_status_counts(job)
    cards: dict[int, list[Application]] = {stage.pk: [] for stage in stages}
    shown_cards = board_cards(job, per_stage=BOARD_COLUMN_CARDS, include=focus)
    set_links(
        shown_cards,
        application_url=("jobs:application", "pk"),
        move_url=("jobs:move", "pk"),
        actions_url=("jobs:actions", "pk"),
        candidate_url=("candidates:detail", "candidate_id"),
    )
    for application in shown_cards:
        cards[application.stage_id].append(application)
    options = _stage_options(stages)
    columns = []
    for stage in stages:
        count = sum(counts.get((stage.pk, status), 0) for status in ON_BOARD)
        shown = cards[stage.pk]
        columns.append(
            {
                "stage": stage,
                "cards": shown,
                "count": count,
                "more": count - len(shown),
                "options": options[stage.pk],
            }
        )
    return {
        "nav": "jobs",
        "job": job,
        "stages": stages,
        "columns": columns,
        "on_board_count": sum(column["count"] for column in columns),
        "off_board": [
            (value, label, sum(n for (_, status), n in counts.items() if status == value))
            for value, label in ApplicationStatus.choices
            if value in OFF_BOARD
        ],
        "can_act": request.user.sees_everything,
        "focus": focus,
    }


def job_board(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_job(request.user, pk)
    return _render(request, "jobs/board.html", _board_context(request, job), partials=("board",))


# Application actions: each a POST form that works without JavaScript; on the board,
# htmx posts them with HX-Target "board" and gets the board back in place.


def _after_action(request: HttpRequest, application: Application) -> HttpResponse:
    if request.htmx and request.htmx.target == "board":
        context = _board_context(request, application.job, focus=application.pk)
        response = TemplateResponse(request, "jobs/board.html#board_update", context)
        patch_vary_headers(response, ["HX-Request", "HX-Target"])
        return response
    return redirect(next_url(request, application.get_absolute_url()))


def _load_for_action(request: HttpRequest, pk: int) -> Application:
    application = access_application(request.user, pk)
    _require(check_recruiter, request)
    return application


@require_GET
def application_actions(request: HttpRequest, pk: int) -> HttpResponse:
    """One board card's reject, withdraw and hire forms, fetched when the card asks for them."""
    application = _load_for_action(request, pk)
    context = {
        "application": application,
        "on_board": True,
        "next": reverse("jobs:board", args=[application.job_id]),
        "reasons": list(RejectionReason.objects.filter(active=True)),
        "outcome_templates": list(loop_forms.outcome_templates()),
    }
    return TemplateResponse(request, "jobs/_actions.html", context)


@require_POST
def application_move(request: HttpRequest, pk: int) -> HttpResponse:
    application = _load_for_action(request, pk)
    stage = Stage.objects.filter(pk=_int(request.POST.get("stage_id"))).first()
    try:
        if stage is None:
            raise DomainError("Choose a stage to move to.", field="stage_id")
        services.application_move(application=application, stage=stage, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Moved {application.candidate.name} to {stage.name}.")
    return _after_action(request, application)


@require_POST
def application_reject(request: HttpRequest, pk: int) -> HttpResponse:
    """Reject, and send the chosen template now or later, or record why nothing is sent."""
    application = _load_for_action(request, pk)
    reason = RejectionReason.objects.filter(pk=_int(request.POST.get("reason"))).first()
    tell = request.POST.get("tell", "")
    try:
        template = loop_forms.template_from(request.POST.get("template"), field="template")
        _, message = loop_services.application_reject_and_tell(
            application=application,
            actor=request.user,
            reason=reason,
            template=template if tell in ("now", "schedule") else None,
            send_at=loop_forms.send_at_from(request.POST.get("send_at"))
            if tell == "schedule"
            else None,
            skip_reason=request.POST.get("skip_reason", "") if tell == "skip" else "",
            skip_note=request.POST.get("skip_note", ""),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        told = " and queued the message" if message else ""
        messages.success(request, f"Rejected {application.candidate.name} ({reason.name}){told}.")
    return _after_action(request, application)


def _status_action(request: HttpRequest, pk: int, service, done: str) -> HttpResponse:
    application = _load_for_action(request, pk)
    try:
        service(application=application, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done.format(name=application.candidate.name))
    return _after_action(request, application)


@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_action(request, pk, services.application_withdraw, "{name} withdrew.")


@require_POST
def application_hire(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_action(request, pk, services.application_hire, "Hired {name}.")


@require_POST
def application_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_action(request, pk, services.application_reopen, "Reopened {name}.")


# One application.


def application_page(request: HttpRequest, pk: int) -> HttpResponse:
    application = access_application(request.user, pk)
    changes = list(application.stage_changes.select_related("from_stage", "to_stage", "actor"))
    # Each stage lasted until the next change; the current one is still running.
    ends = [change.changed_at for change in changes[1:]] + [timezone.now()]
    history = [
        {"change": change, "until": end, "current": index == len(changes) - 1}
        for index, (change, end) in enumerate(zip(changes, ends, strict=True))
    ]
    activities = (
        activities_visible_to(request.user)
        .filter(application=application)
        .select_related("actor")
        .order_by("-occurred_at", "-id")
    )
    can_act = request.user.sees_everything
    context = {
        "nav": "jobs",
        "application": application,
        "job": application.job,
        "candidate": application.candidate,
        "history": history,
        "activities": activities[:20],
        "stages": list(application.job.stages.all()),
        "can_act": can_act,
        "reasons": list(RejectionReason.objects.filter(active=True)) if can_act else [],
        "outcome_templates": list(loop_forms.outcome_templates()) if can_act else [],
    }
    return TemplateResponse(request, "jobs/application.html", context)


# Admin: pipeline templates, each job's own stages, and rejection reasons.


def _edit_stages(request: HttpRequest, owner: Job | PipelineTemplate, stages) -> dict[str, str]:
    """Apply one posted stage edit. Returns errors keyed by the row they belong to."""
    action = request.POST.get("action", "")
    row = "new"
    try:
        if action == "add":
            services.stage_add(owner=owner, name=_posted_name(request, 60), actor=request.user)
            return {}
        stage = stages.filter(pk=_int(request.POST.get("stage"))).first()
        if stage is None:
            raise DomainError("That stage is no longer in this pipeline.")
        row = f"stage-{stage.pk}"
        if action == "rename":
            services.stage_rename(stage=stage, name=_posted_name(request, 60), actor=request.user)
        elif action in ("up", "down"):
            delta = -1 if action == "up" else 1
            services.stage_shift(stage=stage, delta=delta, actor=request.user)
        elif action == "delete":
            services.stage_delete(stage=stage, actor=request.user)
        elif action == "stale":
            services.stage_set_stale_after(
                stage=stage, days=_stale_days(request), actor=request.user
            )
        else:
            raise DomainError("Unknown change.")
    except DomainError as error:
        return {row: error.message}
    return {}


def _stale_days(request: HttpRequest) -> int | None:
    """The posted "stale after" limit: empty is no limit; anything but a number is refused."""
    raw = request.POST.get("stale_after_days", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise DomainError("Enter a whole number of business days, or leave it empty.")
    return int(raw)


def _stage_editor(
    request: HttpRequest, owner: Job | PipelineTemplate, stages, context: dict
) -> HttpResponse:
    errors = {}
    if request.method == "POST":
        errors = _edit_stages(request, owner, stages)
        if not errors:
            messages.success(request, "Pipeline saved.")
            return redirect(request.path)
    # The row whose "stale after" limit was refused, so only that input is marked invalid.
    stale_failed = next(iter(errors), None) if request.POST.get("action") == "stale" else None
    rows = [
        {
            "stage": stage,
            "error": errors.get(f"stage-{stage.pk}", ""),
            "value": request.POST.get("name", stage.name)
            if f"stage-{stage.pk}" in errors
            else stage.name,
            "stale_failed": f"stage-{stage.pk}" == stale_failed,
            "stale_value": request.POST.get("stale_after_days", "")
            if f"stage-{stage.pk}" == stale_failed
            else (stage.stale_after_days or ""),
        }
        for stage in stages
    ]
    context |= {
        "rows": rows,
        "new_error": errors.get("new", ""),
        "new_value": request.POST.get("name", "") if "new" in errors else "",
    }
    return TemplateResponse(request, "jobs/stages.html", context)


def job_stages(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_job(request.user, pk)
    _require_admin_page(request)
    context = {"nav": "jobs", "job": job, "owner_name": job.title, "back": job.get_absolute_url()}
    return _stage_editor(request, job, job.stages.order_by("order", "id"), context)


def template_page(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin_page(request)
    template = get_object_or_404(PipelineTemplate, pk=pk)
    context = {
        "nav": "admin",
        "template": template,
        "owner_name": f"{template.name} template",
        "back": reverse("jobs:settings"),
    }
    return _stage_editor(request, template, template.stages.order_by("order", "id"), context)


def _edit_settings(request: HttpRequest) -> tuple[dict[str, str], HttpResponse | None]:
    """Apply one posted settings change; returns (errors keyed by row, redirect when done)."""
    action = request.POST.get("action", "")
    actor = request.user
    row = action
    try:
        if action == "template_create":
            template = services.pipeline_template_create(
                name=_posted_name(request, 100), actor=actor
            )
            messages.success(request, f"Created {template.name}; adjust its stages below.")
            return {}, redirect("jobs:template", pk=template.pk)
        if action == "template_default":
            template = get_object_or_404(PipelineTemplate, pk=_int(request.POST.get("template")))
            services.pipeline_template_make_default(template=template, actor=actor)
            messages.success(request, f"New jobs now start with {template.name}.")
        elif action == "reason_add":
            reason = services.rejection_reason_save(actor=actor, name=_posted_name(request, 100))
            messages.success(request, f"Added the reason {reason.name}.")
        elif action in ("reason_rename", "reason_toggle"):
            reason = get_object_or_404(RejectionReason, pk=_int(request.POST.get("reason")))
            row = f"reason-{reason.pk}"
            if action == "reason_rename":
                name, active = _posted_name(request, 100), reason.active
            else:
                name, active = reason.name, not reason.active
            services.rejection_reason_save(actor=actor, reason=reason, name=name, active=active)
            messages.success(request, f"Saved the reason {name}.")
        else:
            return {}, HttpResponseBadRequest("Unknown change.")
    except DomainError as error:
        return {row: error.message}, None
    return {}, redirect("jobs:settings")


def settings_page(request: HttpRequest) -> HttpResponse:
    _require_admin_page(request)
    errors: dict[str, str] = {}
    if request.method == "POST":
        errors, response = _edit_settings(request)
        if response is not None:
            return response
    posted = request.POST.get("name", "")
    reasons = [
        {
            "reason": reason,
            "error": errors.get(f"reason-{reason.pk}", ""),
            "value": posted if f"reason-{reason.pk}" in errors else reason.name,
        }
        for reason in RejectionReason.objects.all()
    ]
    context = {
        "nav": "admin",
        "templates": PipelineTemplate.objects.prefetch_related("stages"),
        "reasons": reasons,
        "errors": errors,
        "posted": posted,
    }
    return TemplateResponse(request, "jobs/settings.html", context)
