"""Writes for closing the loop: reject and tell one applicant, skip one with a reason, and tell
everyone left on a job at once."""

import uuid
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.core import hooks
from ghostless.core.errors import DomainError, PermissionDenied
from ghostless.core.permissions import check_recruiter
from ghostless.jobs import services as job_services
from ghostless.jobs.models import Application, ApplicationStatus, Job, RejectionReason
from ghostless.loop.models import CloseOut
from ghostless.loop.selectors import message_key, plan_groups, untold_plan_rows
from ghostless.messaging.batches import batch_create, batch_for_key, batch_run, skip_row
from ghostless.messaging.models import EmailTemplate, Message, Purpose
from ghostless.messaging.services import message_queue
from ghostless.pools.models import TalentPool
from ghostless.texts import outcome
from ghostless.texts.models import Text
from ghostless.timeline.models import Direction, Kind
from ghostless.timeline.services import activity_log

# Why nobody sends an outcome message; "other" takes the person's own words.
SKIP_REASONS = {
    "phone": "Told by phone",
    "withdrew": "Candidate withdrew",
    "spam": "Spam or duplicate",
    "other": "Other",
}


def default_template(purpose: str) -> EmailTemplate | None:
    return EmailTemplate.objects.filter(purpose=purpose).order_by("name", "id").first()


def default_reason() -> RejectionReason | None:
    """The active reason that says the position is filled, else the first active one."""
    reasons = RejectionReason.objects.filter(active=True)
    return reasons.filter(name__istartswith="position filled").first() or reasons.first()


def queue_outcome(
    *,
    application: Application,
    actor: User | None,
    template: EmailTemplate,
    send_at: datetime | None = None,
    pool: TalentPool | None = None,
) -> Message | Text:
    """Queue the one outcome message an application gets, or return the one it already has.

    The key names only the application, not the sender or the close-out, and the row lock
    makes two recruiters (or two runs) wait for each other: each candidate hears once. A
    candidate email cannot reach but who has a number that may be texted is told by text,
    with the SMS template of the same purpose (texts.outcome).
    """
    key = message_key(application.pk)
    with transaction.atomic():
        Application.objects.select_for_update().filter(pk=application.pk).first()
        existing = Message.objects.filter(
            application_id=application.pk, idempotency_key__endswith=f":{key}"
        ).first()
        if existing := existing or outcome.existing_outcome_text(
            application_id=application.pk, key=key
        ):
            return existing
        if outcome.tells_by_text(application.candidate):
            return outcome.outcome_text_queue(
                application=application,
                actor=actor,
                purpose=template.purpose,
                key=key,
                send_at=send_at,
            )
        return message_queue(
            candidate=application.candidate,
            application=application,
            actor=actor,
            template=template,
            send_at=send_at,
            pool=pool,
            idempotency_key=message_key(application.pk),
        )


def application_skip(
    *, application: Application, actor: User | None, reason: str, note: str = ""
) -> Application:
    """Record why this applicant gets no outcome message.

    "phone" logs an outbound call on the application and counts as told; "withdrew" withdraws
    an active application; the others only record the reason.
    """
    check_recruiter(actor)
    if reason not in SKIP_REASONS:
        raise DomainError("Choose why no message is sent.", field="skip_reason")
    note = note.strip()
    if reason == "other" and not note:
        raise DomainError("Say why no message is sent.", field="skip_note")
    text = note if reason == "other" else SKIP_REASONS[reason]
    now = timezone.now()
    with transaction.atomic():
        current = Application.objects.select_for_update().select_related("candidate", "job")
        current = current.get(pk=application.pk)
        if reason == "phone":
            activity_log(
                candidate=current.candidate,
                application=current,
                actor=actor,
                kind=Kind.CALL,
                direction=Direction.OUTBOUND,
                occurred_at=now,
                subject=f"Told the outcome for {current.job.title} by phone",
                body=note,
            )
            # A call while the job is still open does not count by itself (see
            # application_mark_told): the person says it was the outcome, so it does.
            if Application.objects.filter(pk=current.pk, told_at__isnull=True).update(
                told_at=now, told_how=Kind.CALL
            ):
                hooks.application_told.send(application_id=current.pk, how=Kind.CALL)
        else:
            if reason == "withdrew" and current.status == ApplicationStatus.ACTIVE:
                job_services.application_withdraw(application=current, actor=actor)
            Application.objects.filter(pk=current.pk).update(loop_skip_reason=text[:200])
    application.refresh_from_db()
    return application


def application_reject_and_tell(
    *,
    application: Application,
    actor: User | None,
    reason: RejectionReason | None,
    template: EmailTemplate | None = None,
    send_at: datetime | None = None,
    skip_reason: str = "",
    skip_note: str = "",
) -> tuple[Application, Message | Text | None]:
    """Reject, then queue the template (now or at `send_at`) or record why nothing is sent.

    All or nothing: when the message cannot be queued (no address, suppressed) the
    application stays active, so the recruiter can choose to skip instead.
    """
    check_recruiter(actor)
    if send_at is not None and template is None:
        raise DomainError("Choose the template to schedule.", field="template_id")
    if template is not None and skip_reason:
        raise DomainError("Send a template or skip with a reason, not both.", field="skip_reason")
    if send_at is not None and send_at <= timezone.now():
        raise DomainError("Schedule the message for a time in the future.", field="send_at")
    message = None
    with transaction.atomic():
        job_services.application_reject(application=application, actor=actor, reason=reason)
        if template is not None:
            message = queue_outcome(
                application=application, actor=actor, template=template, send_at=send_at
            )
        elif skip_reason:
            application_skip(
                application=application, actor=actor, reason=skip_reason, note=skip_note
            )
    return application, message


# The closing screen's "Tell them all".


def close_out_reason(reason: RejectionReason | None) -> RejectionReason:
    reason = reason or default_reason()
    if reason is None or not reason.active:
        raise DomainError("Choose a rejection reason from the list.", field="reason")
    return reason


def close_out_plan(
    *, job: Job, templates: dict[int, EmailTemplate] | None = None
) -> list[tuple[int, EmailTemplate]]:
    """(application id, its template) for everyone untold, in the order the run sends them:
    `templates` maps a group (the furthest stage's order) to its template; groups left out
    get the default for their stage."""
    templates = templates or {}
    rows = untold_plan_rows(job)
    if not rows:
        raise DomainError("Everyone on this job has been told.", field="applications")
    plan = []
    for stage, early, application_ids in plan_groups(job, rows):
        template = templates.get(stage.order) or default_template(
            Purpose.POSITION_FILLED if early else Purpose.REJECTION
        )
        if template is None:
            raise DomainError(
                f"Choose a template for those who reached {stage.name}.",
                field=f"template_{stage.order}",
            )
        plan += [(pk, template) for pk in application_ids]
    return plan


def close_out_start(
    *,
    job: Job,
    actor: User,
    reason: RejectionReason | None = None,
    templates: dict[int, EmailTemplate] | None = None,
    pool: TalentPool | None = None,
    key: uuid.UUID | None = None,
) -> CloseOut:
    """Plan who gets which template (`close_out_plan`) and hand the plan to a task; nothing
    is sent here. The same `key` (form token, Idempotency-Key) returns the first close-out.
    """
    if actor is None or not actor.sees_everything:
        raise PermissionDenied("Only recruiters and admins can send email.")
    used = "This close-out key was already used."
    if existing := batch_for_key(CloseOut, key=key, actor=actor, message=used, job_id=job.pk):
        return existing
    reason = close_out_reason(reason)
    plan = [
        {"application_id": pk, "template_id": template.pk}
        for pk, template in close_out_plan(job=job, templates=templates)
    ]
    return batch_create(
        CloseOut,
        key=key,
        actor=actor,
        enqueue=_enqueue,
        message=used,
        same={"job_id": job.pk},
        job=job,
        reason=reason,
        pool=pool,
        plan=plan,
        total=len(plan),
    )


def _enqueue(close_out_id: int) -> None:
    from ghostless.loop.tasks import run_close_out

    run_close_out(close_out_id)


def close_out_run(close_out_id: int) -> CloseOut:
    """Reject the still-active applicants and queue each one's message, a step at a time
    (see `batch_run`). Safe to run again, and resumed where it stopped when a worker dies:
    `queue_outcome` returns the message an application already has."""
    close_out = CloseOut.objects.select_related("actor", "reason", "pool").get(pk=close_out_id)
    templates = {
        t.pk: t
        for t in EmailTemplate.objects.filter(pk__in={row["template_id"] for row in close_out.plan})
    }

    def process(rows: list[dict]) -> list[dict]:
        skipped = []
        found = (
            Application.objects.select_related("candidate", "job", "stage")
            .prefetch_related("candidate__emails")
            .in_bulk([row["application_id"] for row in rows])
        )
        for row in rows:
            application = found.get(row["application_id"])
            if application is None:
                skipped.append(
                    skip_row(row["application_id"], "", "The application no longer exists.")
                )
                continue
            if application.candidate.do_not_contact_at is not None:
                skipped.append(_skip_do_not_contact(close_out, application))
                continue
            try:
                _reject_and_queue(close_out, application, templates.get(row["template_id"]))
            except DomainError as error:
                skipped.append(skip_row(application.pk, application.candidate.name, error.message))
        return skipped

    batch_run(close_out, close_out.plan, process)
    close_out.refresh_from_db()
    return close_out


def do_not_contact_skip_reason(candidate) -> str:
    """What the application records when its candidate may not be contacted."""
    why = candidate.do_not_contact_reason
    return f"Skipped: do not contact ({why})"[:200] if why else "Skipped: do not contact"


def _skip_do_not_contact(close_out: CloseOut, application: Application) -> dict:
    """No message may reach them: reject as the others are, and record why nobody told them,
    so the job can close (the application counts as handled, like any other skip)."""
    reason = do_not_contact_skip_reason(application.candidate)
    with transaction.atomic():
        status = (
            Application.objects.select_for_update()
            .values_list("status", flat=True)
            .get(pk=application.pk)
        )
        if status == ApplicationStatus.ACTIVE:
            job_services.application_reject(
                application=application, actor=close_out.actor, reason=close_out.reason
            )
        Application.objects.filter(pk=application.pk, told_at__isnull=True).update(
            loop_skip_reason=reason
        )
    return skip_row(application.pk, application.candidate.name, reason)


def _reject_and_queue(
    close_out: CloseOut, application: Application, template: EmailTemplate | None
) -> None:
    if template is None:
        raise DomainError("The template was deleted before this message was sent.")
    with transaction.atomic():
        # Re-read under the lock: a concurrent close-out may have rejected it already.
        status = (
            Application.objects.select_for_update()
            .values_list("status", flat=True)
            .get(pk=application.pk)
        )
        if status == ApplicationStatus.ACTIVE:
            job_services.application_reject(
                application=application, actor=close_out.actor, reason=close_out.reason
            )
        queue_outcome(
            application=application,
            actor=close_out.actor,
            template=template,
            pool=close_out.pool,
        )
