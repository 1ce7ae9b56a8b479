"""Jobs pages: the list and admin pipeline editing (the job page, the board and applications
are pages that combine apps, in front/).

Views parse input, call the services and render. htmx requests name the fragment they want
with HX-Target; only that partial renders, and every page also works without JavaScript.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from ghostless.core.confirm import Confirmation, confirmation_page, confirmed
from ghostless.core.errors import DomainError
from ghostless.core.params import posted_int
from ghostless.core.web import form_error, paginate, render, require_admin, require_hiring_team
from ghostless.core.widgets import lookup_options, lookup_text
from ghostless.jobs import services
from ghostless.jobs.forms import DeadlinesForm
from ghostless.jobs.models import (
    Job,
    JobStatus,
    PipelineTemplate,
    RejectionReason,
    Stage,
    StageRole,
    candidate_facing_default,
)
from ghostless.jobs.selectors import (
    access_job,
    job_list,
    job_suggestions,
    stage_counts,
)

# Helpers shared by the views below.


@require_GET
def job_lookup(request: HttpRequest) -> HttpResponse:
    """The jobs a typed job choice suggests: <option>s for its datalist."""
    require_hiring_team(request)
    jobs = job_suggestions(
        user=request.user, text=lookup_text(request), live_only=bool(request.GET.get("live"))
    )
    rows = (
        (
            f"{job.title} (#{job.pk})",
            " · ".join(filter(None, [job.get_status_display(), job.location])),
        )
        for job in jobs
    )
    return HttpResponse(lookup_options(rows))


def _posted_name(request: HttpRequest, max_length: int) -> str:
    name = request.POST.get("name", "").strip()
    if len(name) > max_length:
        raise DomainError(f"Keep the name to {max_length} characters or fewer.", field="name")
    return name


# The job list.


def job_list_page(request: HttpRequest) -> HttpResponse:
    require_hiring_team(request)
    status = request.GET.get("status", "")
    status = status if status in JobStatus.values else ""
    q = request.GET.get("q", "").strip()
    jobs = (
        job_list(user=request.user, status=status, q=q)
        .prefetch_related("recruiters", "stages")
        .order_by("-created_at", "-id")
    )
    page = paginate(request, jobs)
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
    return render(request, "jobs/list.html", context, partials=("jobs",))


# Creating and editing a job.


# One job: its details and everyone on it.


# The pipeline board.


# Application actions: each a POST form that works without JavaScript; on the board,
# htmx posts them with HX-Target "board" and gets the board back in place.


# One application.


# Admin: pipeline templates, each job's own stages, and rejection reasons.


def _edit_stages(request: HttpRequest, owner: Job | PipelineTemplate, stages) -> dict[str, str]:
    """Apply one posted stage edit. Returns errors keyed by the row they belong to."""
    action = request.POST.get("action", "")
    row = "new"
    try:
        if action == "add":
            services.stage_add(owner=owner, name=_posted_name(request, 60), actor=request.user)
            return {}
        stage = stages.filter(pk=posted_int(request.POST.get("stage"))).first()
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
        elif action == "role":
            role = request.POST.get("role", "").strip()
            services.stage_set_role(stage=stage, role=role, actor=request.user)
        elif action == "candidate":
            services.stage_set_candidate_text(
                stage=stage,
                name=request.POST.get("candidate_name", ""),
                description=request.POST.get("candidate_description", ""),
                actor=request.user,
            )
        elif action == "stale":
            services.stage_set_stale_after(
                stage=stage, days=_stale_days(request), actor=request.user
            )
        elif action == "hear_back":
            days = _stale_days(request, "hear_back_days")
            services.stage_set_hear_back_days(stage=stage, days=days, actor=request.user)
        else:
            raise DomainError("Unknown change.")
    except DomainError as error:
        return {row: error.message}
    return {}


def _stale_days(request: HttpRequest, name: str = "stale_after_days") -> int | None:
    """A posted limit in business days ("stale after", "promise an answer within"): empty is
    none; anything but a number is refused."""
    raw = request.POST.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise DomainError("Enter a whole number of business days, or leave it empty.")
    return int(raw)


def _ask_delete(stage, context: dict, editor_url: str) -> Confirmation:
    held = stage.applications.count() if isinstance(stage, Stage) else 0
    what = [f"{stage.name} leaves the pipeline of {context['owner_name']}."]
    if held:
        what.append(f"{held} application(s) are in it: move them first, or this is refused.")
    else:
        what.append("No application is in it. Recreating it later makes a new, empty stage.")
    return Confirmation(
        title=f"Delete the stage {stage.name}?",
        button=f"Delete {stage.name}",
        cancel_url=editor_url,
        what=what,
        danger=True,
        nav=context.get("nav", ""),
    )


def _stage_editor(
    request: HttpRequest, owner: Job | PipelineTemplate, stages, context: dict
) -> HttpResponse:
    errors = {}
    deleting = request.method == "POST" and request.POST.get("action") == "delete"
    # Asked first; a stage already gone falls through to the editor's own message.
    stage = stages.filter(pk=posted_int(request.POST.get("stage"))).first() if deleting else None
    if stage is not None and not confirmed(request):
        return confirmation_page(request, _ask_delete(stage, context, request.path))
    deadlines = None
    if isinstance(owner, PipelineTemplate):
        deadlines = _deadlines_form(request, owner)
        if deadlines is None:
            messages.success(request, "Interview deadlines saved; new jobs start with them.")
            return redirect(request.path)
    if request.method == "POST" and request.POST.get("action") != "deadlines":
        errors = _edit_stages(request, owner, stages)
        if not errors:
            messages.success(request, "Pipeline saved.")
            return redirect(request.path)
    # The row whose "stale after" limit was refused, so only that input is marked invalid.
    stale_failed = next(iter(errors), None) if request.POST.get("action") == "stale" else None
    promise_failed = next(iter(errors), None) if request.POST.get("action") == "hear_back" else None
    role_failed = next(iter(errors), None) if request.POST.get("action") == "role" else None
    candidate_failed = (
        next(iter(errors), None) if request.POST.get("action") == "candidate" else None
    )
    rows = [
        {
            "stage": stage,
            "error": errors.get(f"stage-{stage.pk}", ""),
            "value": request.POST.get("name", stage.name)
            if f"stage-{stage.pk}" in errors
            else stage.name,
            "stale_failed": f"stage-{stage.pk}" == stale_failed,
            "candidate_failed": f"stage-{stage.pk}" == candidate_failed,
            "candidate_default": candidate_facing_default(stage.role),
            "candidate_value": (
                request.POST.get("candidate_name", ""),
                request.POST.get("candidate_description", ""),
            )
            if f"stage-{stage.pk}" == candidate_failed
            else (stage.candidate_name, stage.candidate_description),
            "role_failed": f"stage-{stage.pk}" == role_failed,
            "stale_value": request.POST.get("stale_after_days", "")
            if f"stage-{stage.pk}" == stale_failed
            else (stage.stale_after_days or ""),
            "promise_failed": f"stage-{stage.pk}" == promise_failed,
            "promise_value": request.POST.get("hear_back_days", "")
            if f"stage-{stage.pk}" == promise_failed
            else (stage.hear_back_days or ""),
        }
        for stage in stages
    ]
    context |= {
        "deadlines": deadlines,
        "rows": rows,
        "roles": StageRole.choices,
        "new_error": errors.get("new", ""),
        "new_value": request.POST.get("name", "") if "new" in errors else "",
    }
    return TemplateResponse(request, "jobs/stages.html", context)


def _deadlines_form(request: HttpRequest, template: PipelineTemplate) -> DeadlinesForm | None:
    """The template's interview deadlines form, or None once a posted change is saved."""
    if request.method != "POST" or request.POST.get("action") != "deadlines":
        fields = ("feedback_due_hours", "decision_due_days")
        return DeadlinesForm(initial={key: getattr(template, key) for key in fields})
    form = DeadlinesForm(request.POST)
    if form.is_valid():
        try:
            services.pipeline_template_set_deadlines(
                template=template, actor=request.user, **form.cleaned_data
            )
        except DomainError as error:
            form_error(form, error)
        else:
            return None
    return form


def job_stages(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_job(request.user, pk)
    require_admin(request)
    context = {"nav": "jobs", "job": job, "owner_name": job.title, "back": job.get_absolute_url()}
    return _stage_editor(request, job, job.stages.order_by("order", "id"), context)


def template_page(request: HttpRequest, pk: int) -> HttpResponse:
    require_admin(request)
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
            template = get_object_or_404(
                PipelineTemplate, pk=posted_int(request.POST.get("template"))
            )
            services.pipeline_template_make_default(template=template, actor=actor)
            messages.success(request, f"New jobs now start with {template.name}.")
        elif action == "reason_add":
            reason = services.rejection_reason_save(actor=actor, name=_posted_name(request, 100))
            messages.success(request, f"Added the reason {reason.name}.")
        elif action in ("reason_rename", "reason_toggle"):
            reason = get_object_or_404(RejectionReason, pk=posted_int(request.POST.get("reason")))
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
    require_admin(request)
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
