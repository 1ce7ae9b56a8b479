"""Email pages: templates, compose with preview, failed messages, suppressions, attachments.

Views parse input, call the services and render. A Preview button posts the same form with
action=preview: htmx swaps in only the preview partial, and without JS the whole page comes
back with the preview in it.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import dateformat, timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.candidates.selectors import access_candidate
from ghostless.core.errors import DomainError
from ghostless.core.web import form_error, require_recruiter
from ghostless.jobs.models import Application
from ghostless.jobs.selectors import applications_visible_to
from ghostless.messaging import rendering, replies, services
from ghostless.messaging.forms import (
    ComposeForm,
    PreviewWithForm,
    TemplateForm,
    new_idempotency_key,
)
from ghostless.messaging.models import EmailTemplate
from ghostless.messaging.selectors import (
    access_attachment,
    access_message,
    active_suppressions,
    candidate_suppression,
    failed_messages,
)

FAILED_PAGE_SIZE = 25
# Types served as themselves; anything else goes out as opaque bytes (SVG can carry scripts).
SAFE_ATTACHMENT_TYPES = ("application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp")


def _render(request: HttpRequest, template: str, context: dict, *, status: int = 200):
    """The page, or only the preview when htmx asked for it."""
    if request.htmx and request.POST.get("action") == "preview":
        template = f"{template}#preview"
        status = 200  # htmx swaps only 2xx answers
    response = TemplateResponse(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _when(moment) -> str:
    return dateformat.format(timezone.localtime(moment), "D j M Y, H:i T")


def _preview(*, subject: str, body: str, candidate, job, recruiter: User) -> dict:
    """The rendered parts, or the refusal to show in their place."""
    emails = list(candidate.emails.all())
    context = rendering.merge_context(
        candidate=candidate,
        job=job,
        recruiter=recruiter,
        to_email=emails[0].email if emails else "",
    )
    try:
        rendered = rendering.render(subject=subject, body=body, context=context)
    except DomainError as error:
        return {"error": error.message}
    rendered = rendering.with_unsubscribe(rendered, body=body, context=context)  # as sent
    return {"rendered": rendered, "candidate": candidate, "job": job}


# Templates.


def template_list(request: HttpRequest) -> HttpResponse:
    require_recruiter(request, hide_page=True)
    templates = EmailTemplate.objects.order_by("purpose", "name")
    context = {"nav": "email", "templates": templates}
    return TemplateResponse(request, "messaging/templates.html", context)


def template_create(request: HttpRequest) -> HttpResponse:
    require_recruiter(request, hide_page=True)
    return _template_form_page(request, template=None)


def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_recruiter(request, hide_page=True)
    template = get_object_or_404(EmailTemplate, pk=pk)
    return _template_form_page(request, template=template)


def _preview_with_initial(user: User) -> dict:
    """The most recent application the user can see, so the preview has a job too."""
    latest = applications_visible_to(user).order_by("-created_at", "-id").first()
    if latest is None:
        return {}
    return {"preview_candidate": latest.candidate_id, "preview_job": latest.job_id}


def _template_form_page(request: HttpRequest, *, template: EmailTemplate | None):
    data = request.POST if request.method == "POST" else None
    form = TemplateForm(data, template=template)
    preview_form = PreviewWithForm(
        data, user=request.user, initial=_preview_with_initial(request.user)
    )
    preview = None
    if form.is_bound and request.POST.get("action") == "preview":
        preview = _template_preview(request, form, preview_form)
    elif form.is_bound and form.is_valid():
        try:
            saved = services.template_save(
                actor=request.user, template=template, **form.cleaned_data
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, f"Template “{saved.name}” is saved.")
            return redirect("messaging:templates")
    context = {
        "nav": "email",
        "form": form,
        "template": template,
        "preview_form": preview_form,
        "preview": preview,
        "merge_fields": rendering.MERGE_FIELDS,
    }
    status = 422 if form.is_bound and form.errors and preview is None else 200
    return _render(request, "messaging/template_form.html", context, status=status)


def _template_preview(request: HttpRequest, form: TemplateForm, preview_form: PreviewWithForm):
    form.is_valid()  # errors of the text fields show on the form; the preview still tries
    if not preview_form.is_valid():
        return {"error": "Choose a candidate to preview the template for."}
    subject = form.data.get("subject", "")
    body = form.data.get("body", "").replace("\r\n", "\n")
    if not subject.strip() or not body.strip():
        return {"error": "Write a subject and a body to preview them."}
    return _preview(
        subject=subject,
        body=body,
        candidate=preview_form.cleaned_data["preview_candidate"],
        job=preview_form.cleaned_data["preview_job"],
        recruiter=request.user,
    )


# Compose.


def compose(request: HttpRequest, candidate_pk: int) -> HttpResponse:
    """GET: a blank form. POST action=use_template: refill subject and body from the chosen
    template; action=preview: the merged email; otherwise send (or schedule) it."""
    candidate = access_candidate(request.user, candidate_pk)
    require_recruiter(request)
    suppressed = active_suppressions([e.email for e in candidate.emails.all()])
    action = request.POST.get("action", "send") if request.method == "POST" else ""
    if action == "use_template":
        form = _compose_form(request, candidate, suppressed, fill_from_template=True)
        if request.htmx:
            context = _compose_context(candidate, form)
            return TemplateResponse(request, "messaging/compose.html#compose-text", context)
        return _render(request, "messaging/compose.html", _compose_context(candidate, form))
    form = _compose_form(request, candidate, suppressed)
    context = _compose_context(candidate, form)
    if action == "preview":
        context["preview"] = _compose_preview(request, candidate, form)
    elif action == "send" and form.is_valid() and (sent := _send(request, candidate, form)):
        return sent
    status = 422 if action == "send" else 200
    return _render(request, "messaging/compose.html", context, status=status)


def _compose_preview(request: HttpRequest, candidate: Candidate, form: ComposeForm) -> dict:
    if not form.is_valid():
        return {"error": "Fix the form to preview the email."}
    application = form.cleaned_data["application"]
    source = form.message_source()
    template = source.get("template")
    subject = template.subject if template else source["subject"]
    body = template.body if template else source["body"]
    if not subject.strip() or not body.strip():
        return {"error": "Write a subject and a body, or choose a template, to preview them."}
    return _preview(
        subject=subject,
        body=body,
        candidate=candidate,
        job=application.job if application else None,
        recruiter=request.user,
    )


def _compose_context(candidate: Candidate, form: ComposeForm) -> dict:
    replying = _answered(form, form["in_reply_to"].value())
    return {"nav": "candidates", "candidate": candidate, "form": form, "replying": replying}


def _compose_form(request, candidate, suppressed, *, fill_from_template: bool = False):
    kwargs = {"user": request.user, "candidate": candidate, "suppressed": suppressed}
    if request.method == "POST" and not fill_from_template:
        return ComposeForm(request.POST, **kwargs)
    if request.method == "POST":
        # A fresh start from the chosen template's text, not a failed submission: unbound.
        initial = {name: request.POST.get(name, "") for name in ComposeForm.base_fields}
        # "Blank email" keeps what was written; a template replaces it.
        if template := EmailTemplate.objects.filter(pk=_int(initial["template"])).first():
            initial["subject"], initial["body"] = template.subject, template.body
        return ComposeForm(initial=initial, **kwargs)
    initial = {"idempotency_key": new_idempotency_key(), "when": "now"}
    # Pre-selected from the application page; the form's own queryset limits the choice.
    initial["application"] = _int(request.GET.get("application"))
    form = ComposeForm(initial=initial, **kwargs)
    if answered := _answered(form, request.GET.get("in_reply_to")):
        # A reply: their email quoted under room to write, "Re:" and the job it was about.
        form.initial.update(
            in_reply_to=answered.pk,
            subject=replies.template_literal(replies.reply_subject(answered.subject)),
            body=replies.reply_body(answered),
            application=answered.application_id or initial["application"],
            to_email=answered.from_email,  # one of theirs, or the field keeps its first
        )
    return form


def _answered(form: ComposeForm, pk):
    """The candidate's email named in the address, if it is one of theirs."""
    chosen = _int(pk)
    return form.fields["in_reply_to"].queryset.filter(pk=chosen).first() if chosen else None


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _send(request: HttpRequest, candidate: Candidate, form: ComposeForm) -> HttpResponse | None:
    data = form.cleaned_data
    application: Application | None = data["application"]
    try:
        message = services.message_queue(
            candidate=candidate,
            actor=request.user,
            application=application,
            to_email=data["to_email"],
            send_at=data["send_at"],
            idempotency_key=data["idempotency_key"],
            in_reply_to=data["in_reply_to"],
            refuse_unrenderable=True,  # the sender is on the form: say so there
            **form.message_source(),
        )
    except DomainError as error:
        form_error(form, error, aliases={"application_id": "application"})
        return None
    if message.send_at and message.send_at > timezone.now():
        messages.success(request, f"Scheduled for {_when(message.send_at)}.")
    else:
        messages.success(request, "Email queued.")
    return redirect(candidate)


# Failed messages and suppressions.


def failed_list(request: HttpRequest) -> HttpResponse:
    require_recruiter(request, hide_page=True)
    failed = failed_messages(user=request.user).select_related("candidate")
    page = Paginator(failed, FAILED_PAGE_SIZE).get_page(request.GET.get("page"))
    suppressed = active_suppressions([m.to_email for m in page])
    for message in page:
        message.suppression = suppressed.get(message.to_email)
    context = {"nav": "failed", "page": page}
    return TemplateResponse(request, "messaging/failed.html", context)


@require_POST
def message_retry(request: HttpRequest, pk: int) -> HttpResponse:
    message = access_message(request.user, pk)
    require_recruiter(request)
    try:
        services.message_retry(message=message, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Sending “{message.subject}” to {message.to_email} again.")
    return redirect("messaging:failed")


@require_POST
def suppression_clear(request: HttpRequest, candidate_pk: int, pk: int) -> HttpResponse:
    candidate = access_candidate(request.user, candidate_pk)
    require_recruiter(request)
    suppression = candidate_suppression(candidate=candidate, pk=pk)
    services.suppression_clear(suppression=suppression, actor=request.user)
    messages.success(request, f"{suppression.email} can receive email again.")
    return redirect(candidate)


# Attachments of received email.


def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = access_attachment(request.user, pk)
    content_type = attachment.content_type.lower()
    if content_type not in SAFE_ATTACHMENT_TYPES:
        content_type = "application/octet-stream"
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
