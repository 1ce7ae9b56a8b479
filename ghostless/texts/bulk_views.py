"""Text many applicants of a job at once, from the same selection as "Email selected".

The texts are rows written here, one per applicant under a key made of the form's key and the
application (a double click queues each once); the outbox delivers them in the background,
quiet hours holding those for whom it is night."""

from collections import Counter

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_POST

from ghostless.core.confirm import Confirmation, confirmation_page, confirmed
from ghostless.core.errors import DomainError
from ghostless.core.params import next_url, posted_ids, posted_uuid
from ghostless.core.web import require_recruiter
from ghostless.jobs.selectors import access_job, applications_visible_to
from ghostless.messaging.rendering import Rendered
from ghostless.texts import segments
from ghostless.texts.models import SmsTemplate
from ghostless.texts.services import text_queue, text_render, textable_phones

NO_NUMBER = "no number that may be texted (none, opted out, or cannot take texts)"
DO_NOT_CONTACT = "asked not to be contacted"
MAX_BULK = 500


def _why_not(candidate) -> str:
    if candidate.do_not_contact_at or candidate.anonymised_at:
        return DO_NOT_CONTACT
    return "" if textable_phones(candidate) else NO_NUMBER


def _ask(request, template, chosen, back: str) -> Confirmation:
    skipped: Counter[str] = Counter()
    first, count = None, 0
    for application in chosen:
        if why := _why_not(application.candidate):
            skipped[why] += 1
            continue
        count += 1
        if first is None:
            candidate = application.candidate
            first = {"name": candidate.name, "to": textable_phones(candidate)[0].phone}
            try:
                text = text_render(
                    candidate=candidate,
                    body=template.body,
                    application=application,
                    actor=request.user,
                )
            except DomainError as error:
                first["error"] = error.message
            else:
                parts = segments.count(text)[2]
                first["rendered"] = Rendered(f"A text in {parts} part{pluralize(parts)}", text, "")
    return Confirmation(
        title=f"Text “{template.name}” to {count} applicant{pluralize(count)}?",
        button=f"Send {count} text{pluralize(count)}",
        cancel_url=back,
        count=count,
        count_label=f"of the {len(chosen)} selected will get this text, each personalized.",
        what=[
            "Nothing is sent until you confirm. The texts go out in the background.",
            "Quiet hours in each candidate's zone hold theirs until their morning.",
        ],
        skipped=sorted(skipped.items()),
        preview=first,
        nav="jobs",
    )


@require_POST
def bulk_text(request: HttpRequest) -> HttpResponse:
    require_recruiter(request)
    job_id = request.POST.get("job", "")
    job = access_job(request.user, job_id if job_id.isdigit() else None)
    back = next_url(request, job.get_absolute_url())
    ids = posted_ids(request.POST.getlist("applications"))
    applications = applications_visible_to(request.user).filter(job=job, pk__in=ids or [])
    chosen = list(
        applications.select_related("candidate", "job")
        .prefetch_related("candidate__phones")
        .order_by("pk")
    )
    template_id = request.POST.get("sms_template", "")
    template = SmsTemplate.objects.filter(pk=template_id).first() if template_id.isdigit() else None
    key = posted_uuid(request.POST.get("key", ""))
    try:
        if ids is None or len(chosen) != len(ids):
            raise DomainError("Some selected applications are not on this job. Nothing was sent.")
        if not chosen:
            raise DomainError("Select at least one applicant to text.")
        if len(chosen) > MAX_BULK:
            raise DomainError(f"Text at most {MAX_BULK} applicants at once.")
        if template is None:
            raise DomainError("Choose an SMS template to text.")
        if not confirmed(request):
            return confirmation_page(request, _ask(request, template, chosen, back))
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(back)
    queued, skipped = 0, 0
    for application in chosen:
        try:
            text_queue(
                candidate=application.candidate,
                actor=request.user,
                template=template,
                application=application,
                idempotency_key=f"bulk:{key}:{application.pk}" if key else "",
            )
        except DomainError:
            skipped += 1
        else:
            queued += 1
    note = f" {skipped} could not be texted." if skipped else ""
    messages.success(request, f"{queued} text{pluralize(queued)} queued.{note}")
    return redirect(back)
