"""The closing screen: everyone on a job still owed an answer, told in one action."""

import uuid
from collections import Counter

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.html import format_html_join
from django.views.decorators.http import require_POST

from ghostless.core.confirm import Confirmation, confirmation_page, confirmed
from ghostless.core.errors import DomainError
from ghostless.core.links import set_links
from ghostless.core.web import render, require_recruiter
from ghostless.jobs.models import Application, RejectionReason
from ghostless.jobs.selectors import access_application, access_job
from ghostless.loop import forms, selectors, services
from ghostless.messaging.models import Message, Purpose
from ghostless.messaging.preview import DO_NOT_CONTACT, send_plan
from ghostless.messaging.services import message_retry
from ghostless.pools.models import TalentPool
from ghostless.texts.outcome import tells_by_text


def _groups_with_defaults(job, untold, templates, error) -> list[dict]:
    """Each stage group with the template its select starts on, and whether it is at fault."""
    defaults = {
        purpose: next((t for t in templates if t.purpose == purpose), None)
        for purpose in (Purpose.POSITION_FILLED, Purpose.REJECTION)
    }
    return [
        {
            "group": group,
            "default": defaults[Purpose.POSITION_FILLED if group.early else Purpose.REJECTION],
            "invalid": error is not None and error.field == f"template_{group.stage.order}",
        }
        for group in selectors.stage_groups(job, untold)
    ]


def _ask_close_out(request, job, reason, templates, pool) -> Confirmation:
    """Who is told what, who cannot be, and the first message, before anyone is rejected."""
    reason = services.close_out_reason(reason)
    plan = services.close_out_plan(job=job, templates=templates)
    template_of = dict(plan)
    found = (
        Application.objects.select_related("candidate", "job")
        .prefetch_related("candidate__emails", "candidate__phones")
        .in_bulk(list(template_of))
    )
    sends = send_plan(
        [found[pk] for pk, _ in plan],
        template_for=lambda application: template_of[application.pk],
        actor=request.user,
        pool=pool,
        text_instead=lambda application: tells_by_text(application.candidate),
    )
    uses = Counter(template.name for _, template in plan)
    what = [f"{n} get “{name}”." for name, n in sorted(uses.items())]
    what.append(f"Each is rejected with the reason “{reason.name}” as their message is queued.")
    if sends.by_text:
        what.append(
            f"{sends.by_text} whom email cannot reach get the SMS template of the same purpose "
            "by text instead; quiet hours in their zone may hold it until morning."
        )
    skipped = dict(sends.skipped)
    if skipped.pop(DO_NOT_CONTACT, 0):
        what.append(
            "Those marked do not contact are rejected without a message and recorded as "
            "“skipped: do not contact”, so the job can close."
        )
    if skipped:
        what.append("The other skipped are not rejected and stay on this screen.")
    if pool:
        what.append(f"Their message invites them to stay in touch through “{pool.name}”.")
    return Confirmation(
        title=f"Tell everyone left on {job.title}?",
        button=f"Reject and tell {sends.count} applicant{pluralize(sends.count)}",
        cancel_url=reverse("loop:close", args=[job.pk]),
        count=sends.count,
        count_label=f"of the {len(plan)} untold will hear the outcome now.",
        what=what,
        skipped=sends.skipped,
        preview=sends.first,
        nav="jobs",
    )


def closing_screen(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_job(request.user, pk)
    require_recruiter(request)
    error = None
    if request.method == "POST":
        try:
            reason = forms.reason_from(request.POST.get("reason"))
            templates = forms.group_templates(request.POST)
            pool = forms.pool_from(request.POST.get("pool"))
            if not confirmed(request):
                ask = _ask_close_out(request, job, reason, templates, pool)
                return confirmation_page(request, ask)
            close_out = services.close_out_start(
                job=job,
                actor=request.user,
                reason=reason,
                templates=templates,
                pool=pool,
                key=forms.key_from(request.POST.get("key")),
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(
                request, f"Telling {close_out.total} applicant(s); the messages go out now."
            )
            return redirect("loop:close", pk=job.pk)
    close_out = selectors.latest_close_out(job)
    progress = selectors.close_out_progress(close_out) if close_out else None
    context = {"nav": "jobs", "job": job, "close_out": close_out, "progress": progress}
    polled = request.htmx and request.htmx.target == "progress"
    if polled and not (progress and progress.done):
        return render(request, "loop/close.html", context, partials=("progress",))
    state = selectors.loop_state(job)
    # A filled job can leave thousands untold, each row with two links and a skip form:
    # links reversed once per name, the skip reasons' options written once.
    set_links(
        state.untold,
        application_url=("jobs:application", "pk"),
        skip_url=("loop:skip", "pk"),
    )
    templates = list(forms.outcome_templates())
    context |= {
        "state": state,
        "groups": _groups_with_defaults(job, state.untold, templates, error),
        "templates": templates,
        "reasons": list(RejectionReason.objects.filter(active=True)),
        "default_reason": services.default_reason(),
        "pools": list(TalentPool.objects.all()),
        "skip_options": format_html_join(
            "", '<option value="{}">{}</option>', services.SKIP_REASONS.items()
        ),
        "key": uuid.uuid4(),
        "error": error,
    }
    if polled:
        # The run ended: the counts, the untold list and the button change with it.
        response = render(request, "loop/close.html#closing", context)
        response["HX-Retarget"], response["HX-Reswap"] = "#closing", "outerHTML"
        return response
    return render(request, "loop/close.html", context, status=422 if error else 200)


@require_POST
def skip(request: HttpRequest, pk: int) -> HttpResponse:
    application = access_application(request.user, pk)
    require_recruiter(request)
    try:
        services.application_skip(
            application=application,
            actor=request.user,
            reason=request.POST.get("skip_reason", ""),
            note=request.POST.get("skip_note", ""),
        )
    except DomainError as error:
        messages.error(request, f"{application.candidate.name}: {error.message}")
    else:
        messages.success(request, f"{application.candidate.name} needs no message.")
    return redirect("loop:close", pk=application.job_id)


@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(Message, pk=pk, application__isnull=False)
    application = access_application(request.user, message.application_id)
    require_recruiter(request)
    if not message.idempotency_key or ":closeout:" not in message.idempotency_key:
        raise Http404
    try:
        message_retry(message=message, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Sending to {message.to_email} again.")
    return redirect("loop:close", pk=application.job_id)
