"""One application: its page and its actions. Each action is a POST form that works without
JavaScript; on the board, htmx posts them with HX-Target "board" and gets the board back in
place."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from ghostless.core.confirm import Confirmation, confirmation_page, confirmed
from ghostless.core.errors import DomainError
from ghostless.core.params import next_url, posted_int
from ghostless.core.web import render, require_recruiter
from ghostless.front.board import _board_context
from ghostless.interviews.scorecards import feedback_summary
from ghostless.interviews.services import may_schedule
from ghostless.jobs import services
from ghostless.jobs.models import (
    Application,
    RejectionReason,
    Stage,
    StageChange,
)
from ghostless.jobs.selectors import (
    access_application,
)
from ghostless.loop import forms as loop_forms
from ghostless.loop import services as loop_services
from ghostless.offers.selectors import offers_visible_to
from ghostless.timeline.selectors import activities_visible_to


def _after_action(
    request: HttpRequest, application: Application, undo: StageChange | None = None
) -> HttpResponse:
    """The board back in place for htmx (with an Undo for a move just made), else a redirect."""
    if request.htmx and request.htmx.target == "board":
        context = _board_context(request, application.job, focus=application.pk)
        context["undo"] = undo
        return render(request, "jobs/board.html#board_update", context)
    return redirect(next_url(request, application.get_absolute_url()))


def _load_for_action(request: HttpRequest, pk: int) -> Application:
    application = access_application(request.user, pk)
    require_recruiter(request)
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
    stage = Stage.objects.filter(pk=posted_int(request.POST.get("stage_id"))).first()
    before, undo = application.stage_id, None
    try:
        if stage is None:
            raise DomainError("Choose a stage to move to.", field="stage_id")
        services.application_move(application=application, stage=stage, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Moved {application.candidate.name} to {stage.name}.")
        if stage.pk != before:
            undo = application.stage_changes.order_by("-changed_at", "-id").first()
    return _after_action(request, application, undo=undo)


@require_POST
def application_move_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """The board's Undo after a move: back to the stage it came from, recorded as undone."""
    application = _load_for_action(request, pk)
    try:
        services.application_move_undo(
            application=application,
            change_id=posted_int(request.POST.get("change")),
            actor=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        name, stage = application.candidate.name, application.stage.name
        messages.success(request, f"Undone: {name} is back in {stage}.")
    return _after_action(request, application)


@require_POST
def application_reject(request: HttpRequest, pk: int) -> HttpResponse:
    """Reject, and send the chosen template now or later, or record why nothing is sent."""
    application = _load_for_action(request, pk)
    reason = RejectionReason.objects.filter(pk=posted_int(request.POST.get("reason"))).first()
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


def _status_action(request: HttpRequest, pk: int, service, done: str, ask=None) -> HttpResponse:
    """Act, or first ask (`ask(application)` gives the Confirmation) until confirm=yes."""
    application = _load_for_action(request, pk)
    if ask is not None and not confirmed(request):
        return confirmation_page(request, ask(application, request))
    try:
        service(application=application, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done.format(name=application.candidate.name))
    return _after_action(request, application)


def _ask_withdraw(application: Application, request: HttpRequest) -> Confirmation:
    name, job = application.candidate.name, application.job.title
    return Confirmation(
        title=f"Withdraw {name}'s application?",
        button=f"Withdraw {name}'s application",
        cancel_url=next_url(request, application.get_absolute_url()),
        what=[
            f"{name} leaves the {job} board, marked as having withdrawn. No email is sent.",
            "You can reopen the application later.",
        ],
        danger=True,
        nav="jobs",
    )


def _ask_hire(application: Application, request: HttpRequest) -> Confirmation:
    name, job = application.candidate.name, application.job.title
    return Confirmation(
        title=f"Hire {name} for {job}?",
        button=f"Hire {name}",
        cancel_url=next_url(request, application.get_absolute_url()),
        what=[
            f"{name} is marked hired for {job} and moves to its hired stage, if the "
            "pipeline has one ahead. No email is sent.",
            "The others still on the job stay where they are; close the loop with them "
            "from the closing screen.",
        ],
        nav="jobs",
    )


@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_action(
        request, pk, services.application_withdraw, "{name} withdrew.", ask=_ask_withdraw
    )


@require_POST
def application_hire(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_action(request, pk, services.application_hire, "Hired {name}.", ask=_ask_hire)


@require_POST
def application_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_action(request, pk, services.application_reopen, "Reopened {name}.")


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
        "interviews": list(application.interviews.all()),
        "can_schedule": may_schedule(request.user, application),
        "feedback": feedback_summary(application=application, user=request.user),
        "offers": list(
            offers_visible_to(request.user)
            .filter(application=application)
            .only("title", "state", "application_id")
        ),
    }
    return TemplateResponse(request, "jobs/application.html", context)
