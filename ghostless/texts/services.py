"""Writes for texts: SMS templates, queueing a text in the outbox, opting numbers out and in."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate, CandidatePhone
from ghostless.candidates.normalize import normalize_phone
from ghostless.core.errors import Conflict, DomainError
from ghostless.core.permissions import check_recruiter
from ghostless.core.when import check_future_datetime
from ghostless.jobs.models import Application
from ghostless.messaging import rendering
from ghostless.messaging.models import Purpose
from ghostless.messaging.services import idempotent_earlier, request_hash_of
from ghostless.texts import events, quiet, segments
from ghostless.texts.models import NumberBlock, SmsTemplate, Text, TextStatus
from ghostless.timeline.audit import audit_record, changes_between


def template_save(
    *, actor: User | None, name: str, purpose: str, body: str, template: SmsTemplate | None = None
) -> SmsTemplate:
    """Create or update an SMS template; refuses what cannot render for a sample candidate."""
    check_recruiter(actor)
    name = name.strip()
    if not name:
        raise DomainError("A template needs a name.", field="name")
    if purpose not in Purpose.values:
        raise DomainError(f"Purpose must be one of: {', '.join(Purpose.values)}.", field="purpose")
    if not body.strip():
        raise DomainError("A text is required.", field="body")
    rendering.render(subject="Text", body=body, context=rendering.sample_context())
    clash = SmsTemplate.objects.filter(name__iexact=name)
    if template is not None:
        clash = clash.exclude(pk=template.pk)
    if clash.exists():
        raise DomainError(f"There is already an SMS template called {name}.", field="name")
    fields = {"name": name, "purpose": purpose, "body": body}
    before = {key: getattr(template, key) for key in fields} if template else {}
    template = template or SmsTemplate(created_by=actor)
    template.name, template.purpose, template.body = name, purpose, body
    template.updated_at = timezone.now()
    with transaction.atomic():
        template.save()
        audit_record(
            actor=actor,
            subject="sms_template",
            subject_id=template.pk,
            label=name,
            event="sms_template_updated" if before else "sms_template_created",
            changes=changes_between(before, fields),
        )
    return template


def blocked_numbers(phones: list[str]) -> dict[str, NumberBlock]:
    return {row.phone: row for row in NumberBlock.objects.filter(phone__in=phones)}


def textable_phones(candidate: Candidate) -> list[CandidatePhone]:
    """The candidate's numbers that may be texted, in their order."""
    phones = [p for p in candidate.phones.all() if p.sms_opted_out_at is None]
    blocked = blocked_numbers([p.phone for p in phones])
    return [p for p in phones if p.phone not in blocked]


def refusal(candidate: Candidate, phone: str) -> str:
    """Why nothing may be texted to this number of this candidate now, or ""."""
    if candidate.do_not_contact_at:
        return f"{candidate.name} asked not to be contacted."
    if candidate.anonymised_at:
        return "This candidate's data was anonymised."
    row = CandidatePhone.objects.filter(phone=phone, candidate=candidate).first()
    if row is None:
        return f"{phone} is no longer one of {candidate.name}'s numbers."
    block = NumberBlock.objects.filter(phone=phone).first()
    if block or row.sms_opted_out_at:
        return f"{phone} may not be texted: {block.reason if block else 'opted out of texts'}."
    return ""


def _pick_phone(candidate: Candidate, to_phone: str) -> str:
    numbers = [p.phone for p in candidate.phones.all()]
    if not numbers:
        raise DomainError(f"{candidate.name} has no phone number.", field="to_phone")
    if to_phone:
        try:
            to_phone = normalize_phone(to_phone)
        except DomainError:
            raise DomainError(f"“{to_phone}” is not a phone number.", field="to_phone") from None
        if to_phone not in numbers:
            raise DomainError("Text only one of the candidate's numbers.", field="to_phone")
        return to_phone
    textable = textable_phones(candidate)
    if not textable:
        raise DomainError(
            f"{candidate.name} cannot be texted: every number opted out or cannot take texts.",
            field="to_phone",
        )
    return textable[0].phone


def text_render(
    *, candidate: Candidate, body: str, application: Application | None, actor: User | None
) -> str:
    context = rendering.merge_context(
        candidate=candidate,
        job=application.job if application else None,
        recruiter=actor or candidate.owner,
    )
    return rendering.render(subject="Text", body=body, context=context).text.strip()


def text_queue(
    *,
    candidate: Candidate,
    actor: User | None,
    template: SmsTemplate | None = None,
    body: str = "",
    application: Application | None = None,
    to_phone: str = "",
    send_at: datetime | None = None,
    idempotency_key: str = "",
) -> Text:
    """Render and write a Text row (`queued`); delivery starts after the commit.

    1. The same idempotency key with the same request returns the first text.
    2. Refused for a candidate who asked not to be contacted, and to a number that opted out
       or cannot take texts (the outbox checks again when it sends).
    3. The body comes from the template or is given, merged like email, at most 10 segments.
    4. Quiet hours in the candidate's zone move the send to their morning (`held_until`).
    """
    check_recruiter(actor, "can send texts")
    request_hash = request_hash_of(
        candidate=candidate.pk,
        template=template.pk if template else None,
        body=body,
        application=application.pk if application else None,
        to=to_phone,
        send_at=send_at,
    )
    scoped_key, existing = idempotent_earlier(
        Text, actor=actor, idempotency_key=idempotency_key, request_hash=request_hash
    )
    if existing is not None:
        return existing
    phone = _pick_phone(candidate, to_phone)
    if why := refusal(candidate, phone):
        raise DomainError(why, field="to_phone")
    if application is not None and application.candidate_id != candidate.pk:
        raise DomainError("That application belongs to another candidate.", field="application_id")
    if send_at is not None:
        send_at = check_future_datetime(send_at, field="send_at")
    source = template.body if template else body
    if not source.strip():
        raise DomainError("Write the text, or choose a template.", field="body")
    rendered = text_render(candidate=candidate, body=source, application=application, actor=actor)
    encoding, _units, parts = segments.count(rendered)
    if parts > segments.MAX_SEGMENTS:
        raise DomainError(
            f"This text would take {parts} parts; keep it to {segments.MAX_SEGMENTS}.",
            field="body",
        )
    now = timezone.now()
    due = max(send_at or now, now)
    held = quiet.release_at(candidate, due)
    from ghostless.texts import provider

    try:
        with transaction.atomic():
            text = Text.objects.create(
                candidate=candidate,
                application=application,
                template=template,
                created_by=actor,
                to_phone=phone,
                from_phone=provider.from_phone(),
                body=rendered,
                segments=parts,
                encoding=encoding,
                send_at=send_at,
                held_until=held,
                next_attempt_at=held or due,
                idempotency_key=scoped_key,
                request_hash=request_hash,
            )
            transaction.on_commit(lambda: enqueue(text))
    except IntegrityError:
        if scoped_key:  # a concurrent request with the same key won the race
            return Text.objects.get(idempotency_key=scoped_key)
        raise
    return text


def enqueue(text: Text) -> None:
    from ghostless.texts.tasks import deliver_text

    if text.next_attempt_at > timezone.now():
        deliver_text.schedule((text.pk,), eta=text.next_attempt_at)
    else:
        deliver_text(text.pk)


def text_retry(*, text: Text, actor: User) -> Text:
    """Send a failed text again, now; refused while its number may not be texted."""
    check_recruiter(actor, "can send texts")
    if why := refusal(text.candidate, text.to_phone):
        raise DomainError(why, field="to_phone")
    retried = Text.objects.filter(pk=text.pk, status=TextStatus.FAILED).update(
        status=TextStatus.QUEUED, attempts=0, next_attempt_at=timezone.now(), error_code=""
    )
    if not retried:
        raise Conflict("Only a failed text can be sent again.", field="status")
    text.refresh_from_db()
    transaction.on_commit(lambda: enqueue(text))
    return text


def number_block(*, phone: str, reason: str, error_code: str = "") -> None:
    """No text goes to this number again (until it opts back in): marked on its phone row
    and kept with the reason, for a number no candidate has yet too."""
    now = timezone.now()
    NumberBlock.objects.update_or_create(
        phone=phone, defaults={"reason": reason[:200], "error_code": error_code, "at": now}
    )
    CandidatePhone.objects.filter(phone=phone, sms_opted_out_at__isnull=True).update(
        sms_opted_out_at=now
    )


def number_opt_out(*, phone: str, word: str) -> None:
    with transaction.atomic():
        number_block(phone=phone, reason=f"replied {word}")
        for row in CandidatePhone.objects.filter(phone=phone).select_related("candidate"):
            events.sms_opted_out(candidate=row.candidate, phone=phone, word=word)


def number_opt_in(*, phone: str, word: str) -> None:
    with transaction.atomic():
        NumberBlock.objects.filter(phone=phone).delete()
        rows = CandidatePhone.objects.filter(phone=phone).select_related("candidate")
        for row in rows:
            if row.sms_opted_out_at:
                events.sms_opted_in(candidate=row.candidate, phone=phone, word=word)
        rows.update(sms_opted_out_at=None)
