"""Email many applicants of a job at once, then watch the batch go out."""

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_POST

from ghostless.core.confirm import Confirmation, confirmation_page, confirmed
from ghostless.core.errors import DomainError
from ghostless.core.params import next_url, posted_ids, posted_uuid
from ghostless.core.web import render, require_recruiter
from ghostless.jobs.selectors import access_job, applications_visible_to
from ghostless.messaging import bulk as bulk_service
from ghostless.messaging.models import EmailTemplate
from ghostless.messaging.preview import send_plan


def _ask(request, job, template, applications, back: str) -> Confirmation:
    """The count, the skipped and the first message; refusals as bulk_send_start words them."""
    if template is None:
        raise DomainError("Choose a template to send.", field="template")
    chosen = list(
        applications.select_related("candidate", "job")
        .prefetch_related("candidate__emails")
        .order_by("pk")
    )
    if not chosen:
        raise DomainError("Select at least one applicant to email.", field="applications")
    plan = send_plan(chosen, template_for=lambda _: template, actor=request.user)
    return Confirmation(
        title=f"Send “{template.name}” to {plan.count} applicant{pluralize(plan.count)}?",
        button=f"Send {plan.count} email{pluralize(plan.count)}",
        cancel_url=back,
        count=plan.count,
        count_label=f"of the {len(chosen)} selected will get this email, each personalized.",
        what=["Nothing is sent until you confirm. The messages go out in the background."],
        skipped=plan.skipped,
        preview=plan.first,
        nav="jobs",
    )


@require_POST
def bulk_start(request: HttpRequest) -> HttpResponse:
    """Start a batch and answer at once; a task writes and sends the messages."""
    require_recruiter(request)
    job_id = request.POST.get("job", "")
    job = access_job(request.user, job_id if job_id.isdigit() else None)
    back = next_url(request, job.get_absolute_url())
    ids = posted_ids(request.POST.getlist("applications"))
    applications = applications_visible_to(request.user).filter(job=job, pk__in=ids or [])
    found = list(applications.values_list("pk", flat=True))
    template_id = request.POST.get("template", "")
    template = (
        EmailTemplate.objects.filter(pk=template_id).first() if template_id.isdigit() else None
    )
    try:
        if ids is None or len(found) != len(ids):
            raise DomainError("Some selected applications are not on this job. Nothing was sent.")
        if not confirmed(request):
            return confirmation_page(request, _ask(request, job, template, applications, back))
        bulk = bulk_service.bulk_send_start(
            actor=request.user,
            template=template,
            applications=applications,
            job=job,
            key=posted_uuid(request.POST.get("key", "")),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(back)
    return redirect("messaging:bulk", key=bulk.key)


def bulk_page(request: HttpRequest, key: uuid.UUID) -> HttpResponse:
    bulk = bulk_service.access_bulk(request.user, key)
    context = {"nav": "jobs", "bulk": bulk, "progress": bulk_service.bulk_progress(bulk)}
    # The progress card polls itself; only it is rendered for those requests.
    return render(request, "messaging/bulk.html", context, partials=("progress",))
