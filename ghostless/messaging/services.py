"""Writes for email: templates, queueing messages in the outbox, the suppression list."""

import hashlib
import json
import secrets
from datetime import datetime
from email.utils import formataddr, make_msgid, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.core.errors import Conflict, DomainError
from ghostless.core.permissions import check_recruiter
from ghostless.core.when import check_future_datetime
from ghostless.jobs.models import Application
from ghostless.messaging import rendering, replies
from ghostless.messaging.models import (
    EmailTemplate,
    InboundEmail,
    InboundState,
    Message,
    MessageStatus,
    Purpose,
    Suppression,
)
from ghostless.timeline.audit import audit_record, changes_between


def template_save(
    *,
    actor: User | None,
    name: str,
    purpose: str,
    subject: str,
    body: str,
    template: EmailTemplate | None = None,
) -> EmailTemplate:
    """Create or update a template. Refuses syntax errors and unknown fields with their line,
    and what cannot render for a sample candidate; a good save clears the broken mark."""
    check_recruiter(actor)
    name = name.strip()
    if not name:
        raise DomainError("A template needs a name.", field="name")
    if purpose not in Purpose.values:
        raise DomainError(f"Purpose must be one of: {', '.join(Purpose.values)}.", field="purpose")
    if not subject.strip():
        raise DomainError("A subject is required.", field="subject")
    if not body.strip():
        raise DomainError("A body is required.", field="body")
    rendering.render(subject=subject, body=body, context=rendering.sample_context())
    clash = EmailTemplate.objects.filter(name__iexact=name)
    if template is not None:
        clash = clash.exclude(pk=template.pk)
    if clash.exists():
        raise DomainError(f"There is already a template called {name}.", field="name")
    fields = {"name": name, "purpose": purpose, "subject": subject, "body": body}
    before = {key: getattr(template, key) for key in fields} if template else {}
    template = template or EmailTemplate(created_by=actor)
    template.name, template.purpose, template.subject, template.body = name, purpose, subject, body
    template.updated_at = timezone.now()
    template.broken_reason, template.broken_at = "", None
    with transaction.atomic():
        template.save()
        audit_record(
            actor=actor,
            subject="email_template",
            subject_id=template.pk,
            label=name,
            event="email_template_updated" if before else "email_template_created",
            changes=changes_between(before, fields),
        )
    return template


def template_mark_broken(*, template: EmailTemplate, reason: str) -> None:
    """Flag a template that failed to render at send time, for admins to fix."""
    EmailTemplate.objects.filter(pk=template.pk).update(
        broken_reason=reason, broken_at=timezone.now()
    )
    template.broken_reason = reason


def check_may_contact(candidate: Candidate) -> None:
    """The one rule every email to a candidate passes: nobody marked do-not-contact is sent
    anything, whatever the door (compose, bulk, close-out, nurture, offers, invites, status
    page, renewal asks)."""
    if candidate.do_not_contact_at is not None:
        why = f" ({candidate.do_not_contact_reason})" if candidate.do_not_contact_reason else ""
        raise DomainError(
            f"{candidate.name} is marked do not contact{why}: no email may be sent to them.",
            field="do_not_contact",
        )


def active_suppression(email: str) -> Suppression | None:
    return Suppression.objects.filter(email=email.lower(), cleared_at__isnull=True).first()


def suppression_clear(*, suppression: Suppression, actor: User) -> None:
    check_recruiter(actor)
    Suppression.objects.filter(pk=suppression.pk, cleared_at__isnull=True).update(
        cleared_at=timezone.now(), cleared_by=actor
    )


def message_retry(*, message: Message, actor: User) -> Message:
    """Send a failed message again, now, with a fresh round of attempts. Refused while its
    address is suppressed (a person clears the suppression first) and for a message whose
    template never rendered: it has no text to send."""
    check_recruiter(actor)
    if message.candidate_id:
        check_may_contact(message.candidate)
    if message.never_rendered:
        raise Conflict(
            "This email was never written: its template could not be rendered. "
            "Fix the template, then send the email again.",
            field="template",
        )
    if suppression := active_suppression(message.to_email):
        raise DomainError(
            f"{message.to_email} is on the suppression list ({suppression.reason}). "
            "Clear it on the profile to send again.",
            field="to_email",
        )
    with transaction.atomic():
        # Conditional: of two clicks on Retry, only the first queues the message.
        retried = Message.objects.filter(pk=message.pk, status=MessageStatus.FAILED).update(
            status=MessageStatus.QUEUED, attempts=0, next_attempt_at=timezone.now()
        )
        if not retried:
            raise Conflict("Only a failed message can be retried.", field="status")
        message.refresh_from_db()
        transaction.on_commit(lambda: _enqueue(message))
    return message


def _message_domain() -> str:
    return settings.REPLY_DOMAIN or urlsplit(settings.SITE_URL).hostname or "localhost"


def sender_address(actor: User | None) -> str:
    """ "Rita at Acme" <DEFAULT_FROM_EMAIL's address>: candidates see who wrote to them. Mail
    nobody sent by hand carries DEFAULT_FROM_EMAIL's own name, else "Acme Recruiting".
    formataddr quotes specials and encodes a name outside ASCII (RFC 2047)."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if actor is not None:
        person = actor.first_name or actor.name
        name = f"{person} at {settings.COMPANY_NAME}"
    # The column holds 300 characters; an encoded name takes up to twice its length.
    return formataddr((name[:100] or f"{settings.COMPANY_NAME} Recruiting", address))


def request_hash_of(**fields) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


def idempotent_earlier(model, *, actor: User | None, idempotency_key: str, request_hash: str):
    """(the key scoped to its sender, the row an earlier request with it made): a repeat of
    the same request gets that row again, the same key for another request is a Conflict.
    Emails and texts both keep `idempotency_key` and `request_hash` on their rows."""
    scoped_key = f"{actor.pk if actor else 0}:{idempotency_key}" if idempotency_key else None
    existing = model.objects.filter(idempotency_key=scoped_key).first() if scoped_key else None
    if existing is not None and existing.request_hash != request_hash:
        raise Conflict(
            "This Idempotency-Key was used for a different request.", field="idempotency_key"
        )
    return scoped_key, existing


def message_queue(
    *,
    candidate: Candidate,
    actor: User | None,
    template: EmailTemplate | None = None,
    subject: str = "",
    body: str = "",
    application: Application | None = None,
    to_email: str = "",
    send_at: datetime | None = None,
    idempotency_key: str = "",
    pool=None,
    refuse_unrenderable: bool = False,
    in_reply_to: InboundEmail | None = None,
    calendar: str = "",
    calendar_method: str = "",
    interview: dict | None = None,
    confirming_address: bool = False,
) -> Message:
    """Render and write a Message row (`queued`); delivery starts after the commit.

    1. The same idempotency key with the same request returns the first message.
    2. The candidate may be contacted (not do-not-contact), and the recipient must be one of
       their addresses and not suppressed.
    3. Subject and body come from the template or are given, merged for this candidate.
    4. A template that cannot render is marked broken, and only this message fails: it is
       written as `failed` with the reason, or, when `refuse_unrenderable` (a person is waiting
       on a form), refused with a RenderError. Text given here is always refused.
    5. An answer to an email the candidate sent (`in_reply_to`) is threaded under it, and its
       subject, unless given, is "Re: <theirs>".
    6. An interview invite carries its iCalendar text (`calendar`, sent with its iTIP method)
       and the `interview` merge fields, formatted for this candidate.
    7. `confirming_address`: the message asks the candidate to confirm `to_email`, an address
       they asked to add (the status page), so it goes there though it is not theirs yet, and
       without the footer: whoever reads that inbox has not proven to be them, so it gets no
       link to their status page.
    """
    check_recruiter(actor)
    if in_reply_to is not None:
        answered = in_reply_to.candidate_id == candidate.pk
        if not answered or in_reply_to.state != InboundState.MATCHED:
            raise DomainError(
                f"That is not an email from {candidate.name} to answer.", field="in_reply_to"
            )
        if template is None and not subject.strip():
            subject = replies.template_literal(replies.reply_subject(in_reply_to.subject))
    request_hash = request_hash_of(
        candidate=candidate.pk,
        template=template.pk if template else None,
        subject=subject,
        body=body,
        application=application.pk if application else None,
        to=to_email,
        send_at=send_at,
        in_reply_to=in_reply_to.pk if in_reply_to else None,
        # Not the calendar text: its DTSTAMP differs on every try of the same change.
        calendar_method=calendar_method,
        interview=interview,
    )
    scoped_key, existing = idempotent_earlier(
        Message, actor=actor, idempotency_key=idempotency_key, request_hash=request_hash
    )
    if existing is not None:
        return existing

    check_may_contact(candidate)
    given_to_email = to_email
    addresses = [e.email for e in candidate.emails.all()]
    if confirming_address:
        addresses.append(to_email.strip().lower())
    if not addresses:
        raise DomainError(f"{candidate.name} has no email address.", field="to_email")
    if not to_email and in_reply_to is not None and in_reply_to.from_email in addresses:
        to_email = in_reply_to.from_email  # answered where they wrote from
    to_email = (to_email or addresses[0]).strip().lower()
    if to_email not in addresses:
        raise DomainError("Send only to one of the candidate's addresses.", field="to_email")
    if candidate.unsubscribed_at and template is not None and template.purpose == Purpose.NURTURE:
        raise DomainError(
            f"{candidate.name} unsubscribed: only mail about their applications may be sent.",
            field="template_id",
        )
    if suppression := active_suppression(to_email):
        raise DomainError(
            f"{to_email} is on the suppression list ({suppression.reason}). "
            "Clear it on the profile to send again.",
            field="to_email",
        )
    if application is not None and application.candidate_id != candidate.pk:
        raise DomainError("That application belongs to another candidate.", field="application_id")
    if send_at is not None:
        send_at = check_future_datetime(send_at, field="send_at")
    source_subject, source_body = (template.subject, template.body) if template else (subject, body)
    if not source_subject.strip() or not source_body.strip():
        raise DomainError("A message needs a subject and a body, or a template.", field="body")

    recruiter = actor or candidate.owner
    context = rendering.merge_context(
        candidate=candidate,
        job=application.job if application else None,
        recruiter=recruiter,
        to_email=to_email,
        pool=pool,
        interview=interview,
    )
    rendered, failure = None, ""
    try:
        rendered = rendering.render(subject=source_subject, body=source_body, context=context)
    except rendering.RenderError as error:
        if template is None:
            raise
        template_mark_broken(template=template, reason=error.message)
        failure = f"The template “{template.name}” could not be rendered: {error.message}"
        if refuse_unrenderable:
            raise rendering.RenderError(
                f"{failure} Fix it under Email templates, or write the email here.",
                field="template",
            ) from None
    if rendered and not confirming_address:
        rendered = rendering.with_unsubscribe(rendered, body=source_body, context=context)
    in_reply_to_id, references = replies.threading_headers(in_reply_to) if in_reply_to else ("", "")
    token = secrets.token_hex(12)
    reply_to = f"reply+{token}@{settings.REPLY_DOMAIN}" if settings.REPLY_DOMAIN else ""
    now = timezone.now()
    try:
        with transaction.atomic():
            message = Message.objects.create(
                candidate=candidate,
                application=application,
                template=template,
                created_by=actor,
                to_email=to_email,
                from_email=sender_address(actor),
                reply_to=reply_to,
                subject=rendered.subject if rendered else template.subject[:300],
                body_text=rendered.text if rendered else "",
                body_html=rendered.html if rendered else "",
                status=MessageStatus.QUEUED if rendered else MessageStatus.FAILED,
                last_error=failure,
                message_id=make_msgid(domain=_message_domain()),
                thread_token=token,
                in_reply_to=in_reply_to_id,
                references=references,
                calendar=calendar,
                calendar_method=calendar_method,
                send_at=send_at,
                next_attempt_at=max(send_at or now, now),
                idempotency_key=scoped_key,
                request_hash=request_hash,
            )
            if rendered:
                transaction.on_commit(lambda: _enqueue(message))
    except IntegrityError:
        # A concurrent request with the same key won the race: answer with its message.
        if scoped_key:
            return message_queue(
                candidate=candidate,
                actor=actor,
                template=template,
                subject=subject,
                body=body,
                application=application,
                to_email=given_to_email,
                send_at=send_at,
                idempotency_key=idempotency_key,
                pool=pool,
                refuse_unrenderable=refuse_unrenderable,
                in_reply_to=in_reply_to,
                calendar=calendar,
                calendar_method=calendar_method,
                interview=interview,
                confirming_address=confirming_address,
            )
        raise
    return message


def _enqueue(message: Message) -> None:
    from ghostless.messaging.tasks import deliver_message

    if message.next_attempt_at > timezone.now():
        deliver_message.schedule((message.pk,), eta=message.next_attempt_at)
    else:
        deliver_message(message.pk)


def notification_queue(
    *,
    to_user: User,
    subject: str,
    body: str,
    idempotency_key: str,
    html: str = "",
    calendar: str = "",
    calendar_method: str = "",
) -> Message:
    """Mail to a user of Ghostless (a digest, an interview invite) through the same outbox;
    once per key."""
    if not to_user.email:
        raise DomainError(f"{to_user.username} has no email address.", field="to_user")
    key = f"notify:{idempotency_key}"
    if existing := Message.objects.filter(idempotency_key=key).first():
        return existing
    try:
        with transaction.atomic():
            message = Message.objects.create(
                to_user=to_user,
                to_email=to_user.email,
                from_email=settings.DEFAULT_FROM_EMAIL,
                subject=" ".join(subject.split())[:300],
                body_text=body,
                body_html=html,
                calendar=calendar,
                calendar_method=calendar_method,
                message_id=make_msgid(domain=_message_domain()),
                thread_token=secrets.token_hex(12),
                idempotency_key=key,
            )
            transaction.on_commit(lambda: _enqueue(message))
    except IntegrityError:
        return Message.objects.get(idempotency_key=key)
    return message
