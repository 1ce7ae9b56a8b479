"""Texts over the API: send from a profile, follow a text; and the phone provider's webhooks
(inbound texts, delivery callbacks, calls), form-encoded and signed, without a token."""

from datetime import datetime
from xml.sax.saxutils import escape

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status

from ghostless.api import lookups
from ghostless.api.schemas import Id, In, Text, Text40
from ghostless.candidates.selectors import access_candidate
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_recruiter
from ghostless.texts import inbound, outbox, signature
from ghostless.texts.models import SmsTemplate
from ghostless.texts.selectors import access_text
from ghostless.texts.services import text_queue

router = Router(tags=["texts"])
webhooks = Router(tags=["texts"], auth=None)

FORM_BODY = {
    "requestBody": {
        "content": {"application/x-www-form-urlencoded": {"schema": {"type": "object"}}}
    }
}


class TextIn(In):
    body: Text = ""
    template_id: Id | None = None
    application_id: Id | None = None
    send_at: datetime | None = None
    to_phone: Text40 = ""


class TextOut(Schema):
    id: int
    status: str
    segments: int
    encoding: str
    candidate_id: int
    application_id: int | None
    to_phone: str
    body: str
    provider_sid: str | None
    error_code: str
    last_error: str
    attempts: int
    send_at: datetime | None
    held_until: datetime | None
    next_attempt_at: datetime
    sent_at: datetime | None
    delivered_at: datetime | None
    created_at: datetime


class SmsTemplateOut(Schema):
    id: int
    name: str
    purpose: str
    body: str


class Error(Schema):
    detail: str


@router.post("/candidates/{candidate_id}/texts", response={202: TextOut})
def send_text(request: HttpRequest, candidate_id: Id, payload: TextIn):
    """Queue a text; the same `Idempotency-Key` with the same body answers the same."""
    candidate = access_candidate(request.auth, candidate_id)
    template = None
    if payload.template_id is not None:
        template = SmsTemplate.objects.filter(pk=payload.template_id).first()
        if template is None:
            raise DomainError(
                f"There is no SMS template {payload.template_id}.", field="template_id"
            )
    application = None
    if payload.application_id is not None:
        application = lookups.visible_application(
            request.auth, payload.application_id, field="application_id"
        )
    text = text_queue(
        candidate=candidate,
        actor=request.auth,
        template=template,
        body=payload.body,
        application=application,
        to_phone=payload.to_phone,
        send_at=payload.send_at,
        idempotency_key=request.headers.get("Idempotency-Key", "")[:200],
    )
    text.refresh_from_db()
    return Status(202, text)


@router.get("/texts/{text_id}", response=TextOut)
def get_text(request: HttpRequest, text_id: Id):
    return access_text(request.auth, text_id)


@router.get("/sms-templates", response=list[SmsTemplateOut])
def list_sms_templates(request: HttpRequest):
    check_recruiter(request.auth, "can read SMS templates")
    return SmsTemplate.objects.all()


def _twiml(reply: str = "") -> HttpResponse:
    """The answer the provider expects: TwiML, with a text back when there is one."""
    message = f"<Message>{escape(reply)}</Message>" if reply else ""
    body = f'<?xml version="1.0" encoding="UTF-8"?><Response>{message}</Response>'
    return HttpResponse(body, content_type="text/xml")


def _refused() -> HttpResponse:
    return HttpResponse(
        b'{"detail": "Missing or wrong X-Twilio-Signature."}',
        status=403,
        content_type="application/json",
    )


@webhooks.post("/inbound/sms", response={200: None, 403: Error}, openapi_extra=FORM_BODY)
def receive_sms(request: HttpRequest):
    """A text to the company number (Twilio's incoming message webhook)."""
    if not signature.verified(request):
        return _refused()
    _row, reply = inbound.receive_text(request.POST.dict())
    return _twiml(reply)


@webhooks.post("/inbound/sms/status", response={200: None, 403: Error}, openapi_extra=FORM_BODY)
def sms_status(request: HttpRequest):
    """A delivery status callback for a text we sent."""
    if not signature.verified(request):
        return _refused()
    data = request.POST
    outbox.status_update(
        sid=data.get("MessageSid", ""),
        provider_status=data.get("MessageStatus", ""),
        error_code=data.get("ErrorCode", ""),
    )
    return _twiml()


@webhooks.post("/inbound/call", response={200: None, 403: Error}, openapi_extra=FORM_BODY)
def receive_call(request: HttpRequest):
    """A call status callback (also recording and transcription callbacks) for the number."""
    if not signature.verified(request):
        return _refused()
    inbound.receive_call(request.POST.dict())
    return _twiml()
