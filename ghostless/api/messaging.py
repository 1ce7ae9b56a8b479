"""Email over the API: send from a profile, follow a message, keep templates, receive mail."""

import hmac
from datetime import datetime

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from ghostless.api import lookups
from ghostless.api.schemas import Id, In, Text, Text120, Text300
from ghostless.candidates.selectors import access_candidate
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_recruiter
from ghostless.messaging import inbound
from ghostless.messaging.models import EmailTemplate, InboundEmail, Purpose
from ghostless.messaging.selectors import access_message
from ghostless.messaging.services import message_queue, template_save

router = Router(tags=["email"])


class MessageIn(In):
    subject: Text300 = ""
    body: Text = ""
    template_id: Id | None = None
    application_id: Id | None = None
    to_email: Text300 = ""
    send_at: datetime | None = None
    in_reply_to: Id | None = Field(
        None, description="The id of the candidate's received email this answers."
    )


class MessageOut(Schema):
    id: int
    status: str
    candidate_id: int
    application_id: int | None
    to_email: str
    subject: str
    body_text: str
    message_id: str
    attempts: int
    last_error: str
    send_at: datetime | None
    sent_at: datetime | None
    created_at: datetime


class TemplateIn(In):
    name: Text120
    purpose: Purpose
    subject: Text300
    body: Text


class TemplatePatch(In):
    name: Text120 | None = None
    purpose: Purpose | None = None
    subject: Text300 | None = None
    body: Text | None = None


class TemplateOut(Schema):
    id: int
    name: str
    purpose: str
    subject: str
    body: str
    updated_at: datetime
    # Set when a send could not render the template; cleared by a good save.
    broken_reason: str
    broken_at: datetime | None


class InboundOut(Schema):
    id: int
    state: str
    candidate_id: int | None


class Error(Schema):
    detail: str


@router.post("/candidates/{candidate_id}/messages", response={202: MessageOut})
def send_message(request: HttpRequest, candidate_id: Id, payload: MessageIn):
    """Queue an email; the same `Idempotency-Key` with the same body answers the same."""
    candidate = access_candidate(request.auth, candidate_id)
    template = None
    if payload.template_id is not None:
        template = EmailTemplate.objects.filter(pk=payload.template_id).first()
        if template is None:
            raise DomainError(f"There is no template {payload.template_id}.", field="template_id")
    application = None
    if payload.application_id is not None:
        application = lookups.visible_application(
            request.auth, payload.application_id, field="application_id"
        )
    answered = None
    if payload.in_reply_to is not None:
        answered = InboundEmail.objects.filter(pk=payload.in_reply_to).first()
        if answered is None:
            raise DomainError(f"There is no email {payload.in_reply_to}.", field="in_reply_to")
    message = message_queue(
        candidate=candidate,
        actor=request.auth,
        in_reply_to=answered,
        template=template,
        subject=payload.subject,
        body=payload.body,
        application=application,
        to_email=payload.to_email,
        send_at=payload.send_at,
        idempotency_key=request.headers.get("Idempotency-Key", "")[:200],
    )
    message.refresh_from_db()
    return Status(202, message)


@router.get("/messages/{message_id}", response=MessageOut)
def get_message(request: HttpRequest, message_id: Id):
    return access_message(request.auth, message_id)


@router.get("/templates", response=list[TemplateOut])
def list_templates(request: HttpRequest, purpose: Purpose | None = None):
    check_recruiter(request.auth, "can read email templates")
    templates = EmailTemplate.objects.all()
    return templates.filter(purpose=purpose) if purpose else templates


@router.post("/templates", response={201: TemplateOut})
def create_template(request: HttpRequest, payload: TemplateIn):
    return Status(201, template_save(actor=request.auth, **payload.dict()))


@router.get("/templates/{template_id}", response=TemplateOut)
def get_template(request: HttpRequest, template_id: Id):
    check_recruiter(request.auth, "can read email templates")
    return get_object_or_404(EmailTemplate, pk=template_id)


@router.patch("/templates/{template_id}", response=TemplateOut)
def update_template(request: HttpRequest, template_id: Id, payload: TemplatePatch):
    template = get_object_or_404(EmailTemplate, pk=template_id)
    fields = {
        "name": template.name,
        "purpose": template.purpose,
        "subject": template.subject,
        "body": template.body,
    } | payload.dict(exclude_unset=True, exclude_none=True)
    return template_save(actor=request.auth, template=template, **fields)


@router.post(
    "/inbound/email",
    auth=None,
    response={202: InboundOut, 400: Error, 401: Error, 413: Error},
    openapi_extra={"requestBody": {"content": {"message/rfc822": {"schema": {"type": "string"}}}}},
)
def receive_email(request: HttpRequest):
    """One raw RFC 5322 message from a mail provider's inbound webhook."""
    secret = settings.INBOUND_EMAIL_SECRET
    given = request.headers.get("X-Inbound-Secret", "")
    if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
        return Status(401, {"detail": "Missing or wrong X-Inbound-Secret."})
    # Read past DATA_UPLOAD_MAX_MEMORY_SIZE (request.body would refuse): a CV is ordinary mail.
    limit = settings.INBOUND_EMAIL_MAX_BYTES
    raw = request.read(limit + 1)
    if len(raw) > limit:
        return Status(413, {"detail": f"The message is larger than the {limit:,} bytes accepted."})
    try:
        received = inbound.receive(raw, source="webhook")
    except DomainError as exc:
        return Status(400, {"detail": exc.message})
    return Status(202, received)
