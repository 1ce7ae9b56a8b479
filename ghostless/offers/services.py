"""Writes for offers and offer policies. Every door (pages, API, the status page, the expiry
task) calls these.

An offer goes draft → pending_approval → approved → sent → accepted or declined; expired when
a sent offer passes `expires_on` unanswered; withdrawn by a recruiter from any live state. A
rejection by an approver sends it back to draft.
"""

import hashlib
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.core import hooks
from ghostless.core.errors import Conflict, DomainError, PermissionDenied
from ghostless.core.permissions import check_admin, check_recruiter
from ghostless.core.when import check_date
from ghostless.followups.business_time import company_zone
from ghostless.jobs import services as job_services
from ghostless.jobs.models import Application, ApplicationStatus, Job, PipelineTemplate
from ghostless.messaging.models import EmailTemplate, Purpose
from ghostless.messaging.replies import template_literal
from ghostless.messaging.services import message_queue
from ghostless.notifications.services import notify_candidate_action
from ghostless.offers import events
from ghostless.offers.currencies import CODES
from ghostless.offers.letters import default_offer_template, letter_render
from ghostless.offers.models import (
    LIVE_STATES,
    Decision,
    Offer,
    OfferApproval,
    OfferPolicy,
    OfferState,
    PayPeriod,
    PolicyApprover,
)

TERMS = ("title", "salary", "currency", "pay_period", "start_date", "expires_on")
MAX_SALARY = Decimal("9999999999.99")
MAX_COMMENT = 2000
MAX_APPROVERS = 10


def today() -> date:
    return timezone.now().astimezone(company_zone()).date()


def _salary(value) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError):
        raise DomainError("Give the salary as a number, like 85000.", field="salary") from None
    if not amount.is_finite() or amount <= 0 or amount > MAX_SALARY:
        raise DomainError("The salary must be above 0 and below 10 billion.", field="salary")
    return amount


def _currency(value, *, field: str = "currency") -> str:
    code = str(value or "").strip().upper()
    if code not in CODES:
        raise DomainError("Use an ISO 4217 currency code, like EUR or USD.", field=field)
    return code


def _clean_terms(fields: dict) -> dict:
    """Each term checked; a missing or wrong one is a DomainError naming it."""
    clean = {}
    title = " ".join(str(fields.get("title") or "").split())
    if not title:
        raise DomainError("The offer needs a title.", field="title")
    if len(title) > 200:
        raise DomainError("Keep the title under 200 characters.", field="title")
    clean["title"] = title
    clean["salary"] = _salary(fields.get("salary"))
    clean["currency"] = _currency(fields.get("currency"))
    if fields.get("pay_period") not in PayPeriod.values:
        raise DomainError(
            f"Pay period must be one of: {', '.join(PayPeriod.values)}.", field="pay_period"
        )
    clean["pay_period"] = fields["pay_period"]
    for name in ("start_date", "expires_on"):
        day = fields.get(name)
        if not isinstance(day, date) or isinstance(day, datetime):
            raise DomainError("Give a date.", field=name)
        clean[name] = check_date(day, field=name)
    if clean["expires_on"] < today():
        raise DomainError("The offer must be open until today or later.", field="expires_on")
    if clean["start_date"] < today():
        raise DomainError("The start date has passed.", field="start_date")
    return clean


def _offer_template(template: EmailTemplate | None) -> EmailTemplate:
    template = template or default_offer_template()
    if template is None:
        raise DomainError(
            "There is no offer letter template: add one under Email templates.",
            field="template_id",
        )
    if template.purpose != Purpose.OFFER:
        raise DomainError("Choose an offer letter template.", field="template_id")
    return template


def _touched(offer: Offer) -> None:
    """Follow-ups about this offer (approval_due, offer_expiring) clear once this commits."""
    hooks.candidates_touched.send_on_commit(candidate_ids=[offer.application.candidate_id])


def _locked(offer: Offer) -> Offer:
    current = Offer.objects.select_for_update().get(pk=offer.pk)
    current.application = offer.application
    return current


# Policies.


def policy_of(job: Job) -> OfferPolicy | None:
    return OfferPolicy.objects.filter(job=job).prefetch_related("approvers__user").first()


def policy_copy_to_job(*, job: Job, template: PipelineTemplate) -> None:
    """The `job_created` hook: a new job starts with its template's approvers and range."""
    source = OfferPolicy.objects.filter(template=template).first()
    if source is None:
        return
    policy = OfferPolicy.objects.create(
        job=job,
        salary_min=source.salary_min,
        salary_max=source.salary_max,
        currency=source.currency,
        approval_only_outside_range=source.approval_only_outside_range,
    )
    PolicyApprover.objects.bulk_create(
        PolicyApprover(policy=policy, user_id=a.user_id, order=a.order)
        for a in source.approvers.all()
    )


def policy_save(
    *,
    owner: Job | PipelineTemplate,
    actor: User | None,
    approver_ids: list[int],
    salary_min=None,
    salary_max=None,
    currency: str = "",
    approval_only_outside_range: bool = False,
) -> OfferPolicy:
    """A job's (recruiters) or a pipeline template's (admins) approvers, in the order given,
    and salary range. Approvers are active users who are not interviewers."""
    if isinstance(owner, PipelineTemplate):
        check_admin(actor)
    else:
        check_recruiter(actor, "change a job's offer approvals")
    ids = list(dict.fromkeys(approver_ids))
    if len(ids) > MAX_APPROVERS:
        raise DomainError(f"At most {MAX_APPROVERS} approvers.", field="approvers")
    users = {
        u.pk: u for u in User.objects.filter(pk__in=ids, is_active=True).exclude(role="interviewer")
    }
    if len(users) != len(ids):
        raise DomainError(
            "Approvers must be active teammates who are not interviewers.", field="approvers"
        )
    low = _salary(salary_min) if salary_min not in (None, "") else None
    high = _salary(salary_max) if salary_max not in (None, "") else None
    if low is not None and high is not None and low > high:
        raise DomainError("The minimum is above the maximum.", field="salary_min")
    code = _currency(currency) if (low is not None or high is not None or currency) else ""
    if approval_only_outside_range and low is None and high is None:
        raise DomainError(
            "Give a salary range, or approval is always needed.",
            field="approval_only_outside_range",
        )
    key = {"job": owner} if isinstance(owner, Job) else {"template": owner}
    with transaction.atomic():
        policy, _ = OfferPolicy.objects.update_or_create(
            **key,
            defaults={
                "salary_min": low,
                "salary_max": high,
                "currency": code,
                "approval_only_outside_range": approval_only_outside_range,
            },
        )
        policy.approvers.all().delete()
        PolicyApprover.objects.bulk_create(
            PolicyApprover(policy=policy, user_id=pk, order=i) for i, pk in enumerate(ids)
        )
    return policy


def within_range(policy: OfferPolicy | None, *, salary: Decimal, currency: str) -> bool:
    if policy is None or (policy.salary_min is None and policy.salary_max is None):
        return False
    if currency != policy.currency:
        return False
    low_ok = policy.salary_min is None or salary >= policy.salary_min
    high_ok = policy.salary_max is None or salary <= policy.salary_max
    return low_ok and high_ok


def approvers_needed(offer: Offer) -> list[User]:
    """Who must approve this offer now, in order: none when the job has no approvers, or
    when the job asks for approval only outside its range and the salary is inside it."""
    policy = policy_of(offer.application.job)
    if policy is None:
        return []
    if policy.approval_only_outside_range and within_range(
        policy, salary=offer.salary, currency=offer.currency
    ):
        return []
    return [a.user for a in policy.approvers.all() if a.user.is_active]


# Drafts.


def offer_create(
    *,
    application: Application,
    actor: User | None,
    template: EmailTemplate | None = None,
    **terms,
) -> Offer:
    check_recruiter(actor, "make offers")
    unknown = set(terms) - set(TERMS)
    if unknown:
        raise DomainError(f"Unknown field: {', '.join(sorted(unknown))}.", field=min(unknown))
    if application.status != ApplicationStatus.ACTIVE:
        raise Conflict(
            f"This application is {application.status}: it cannot get an offer.",
            field="application_id",
        )
    clean = _clean_terms(terms)
    template = _offer_template(template)
    subject, letter = letter_render(
        template=template,
        application=application,
        recruiter=actor or application.owner,
        terms=clean,
    )
    try:
        with transaction.atomic():
            offer = Offer.objects.create(
                application=application,
                template=template,
                letter_subject=subject,
                letter=letter,
                created_by=actor,
                **clean,
            )
            events.offer_created(offer=offer, actor=actor)
    except IntegrityError:
        raise Conflict(
            "This application already has an offer in progress: change or withdraw it first.",
            field="application_id",
        ) from None
    return offer


def offer_update(
    *, offer: Offer, actor: User | None, template: EmailTemplate | None = None, **terms
) -> Offer:
    """Change a draft's terms or template; the letter is rendered again."""
    check_recruiter(actor, "change offers")
    with transaction.atomic():
        current = _locked(offer)
        if current.state != OfferState.DRAFT:
            raise Conflict("Only a draft can be changed.", field="state")
        merged = {name: getattr(current, name) for name in TERMS} | terms
        clean = _clean_terms(merged)
        template = _offer_template(template or current.template)
        subject, letter = letter_render(
            template=template,
            application=offer.application,
            recruiter=actor or offer.application.owner,
            terms=clean,
        )
        changed = [n for n in TERMS if getattr(current, n) != clean[n]]
        if template.pk != current.template_id:
            changed.append("template")
        for name, value in clean.items():
            setattr(current, name, value)
        current.template, current.letter_subject, current.letter = template, subject, letter
        current.updated_at = timezone.now()
        current.save()
        if changed:
            events.offer_updated(offer=current, actor=actor, fields=changed)
    return current


# Approvals.


def current_approval(offer: Offer) -> OfferApproval | None:
    """The approval whose turn it is: the first undecided one of the latest round."""
    if offer.state != OfferState.PENDING_APPROVAL:
        return None
    return (
        offer.approvals.filter(decision=Decision.PENDING, waiting_since__isnull=False)
        .select_related("approver")
        .order_by("-round", "order")
        .first()
    )


def offer_submit(*, offer: Offer, actor: User | None) -> Offer:
    """Snapshot the job's approvers into this round's chain, the first one waiting; with no
    approval needed, straight to approved."""
    check_recruiter(actor, "submit offers")
    with transaction.atomic():
        current = _locked(offer)
        if current.state != OfferState.DRAFT:
            raise Conflict(f"This offer is {current.get_state_display().lower()}.", field="state")
        if current.expires_on < today():
            raise DomainError(
                "The offer's expiry date has passed: change it first.", field="expires_on"
            )
        approvers = approvers_needed(current)
        now = timezone.now()
        last_round = max(current.approvals.values_list("round", flat=True), default=0)
        OfferApproval.objects.bulk_create(
            OfferApproval(
                offer=current,
                approver=user,
                order=i,
                round=last_round + 1,
                waiting_since=now if i == 0 else None,
            )
            for i, user in enumerate(approvers)
        )
        current.submitted_at = now
        current.rejection_comment = ""
        if approvers:
            current.state = OfferState.PENDING_APPROVAL
        else:
            current.state, current.approved_at = OfferState.APPROVED, now
        current.save(update_fields=["state", "submitted_at", "approved_at", "rejection_comment"])
        events.offer_submitted(offer=current, actor=actor, approvers=[u.name for u in approvers])
        _touched(current)
    return current


def _decide(offer: Offer, actor: User | None, comment: str) -> tuple[Offer, OfferApproval]:
    comment = comment.strip()
    if len(comment) > MAX_COMMENT:
        raise DomainError(f"Keep the comment under {MAX_COMMENT:,} characters.", field="comment")
    current = _locked(offer)
    if current.state != OfferState.PENDING_APPROVAL:
        raise Conflict("This offer is not waiting for approval.", field="state")
    turn = current_approval(current)
    if actor is None or turn is None:
        raise PermissionDenied("Only the approver whose turn it is can decide.")
    if turn.approver_id != actor.pk:
        waiting_on_me = current.approvals.filter(
            approver=actor, decision=Decision.PENDING, round=turn.round
        ).exists()
        if waiting_on_me:
            raise Conflict(
                f"Approvals go in order: it is {turn.approver.name}’s turn first.",
                field="approver",
            )
        raise PermissionDenied("You are not an approver of this offer.")
    turn.comment, turn.at = comment, timezone.now()
    return current, turn


def offer_approve(*, offer: Offer, actor: User | None, comment: str = "") -> Offer:
    with transaction.atomic():
        current, turn = _decide(offer, actor, comment)
        turn.decision = Decision.APPROVED
        turn.save(update_fields=["decision", "at", "comment"])
        following = (
            current.approvals.filter(round=turn.round, decision=Decision.PENDING)
            .order_by("order")
            .first()
        )
        if following:
            following.waiting_since = turn.at
            following.save(update_fields=["waiting_since"])
        else:
            current.state, current.approved_at = OfferState.APPROVED, turn.at
            current.save(update_fields=["state", "approved_at"])
        events.offer_approved(offer=current, actor=actor, comment=turn.comment, last=not following)
        _touched(current)
    return current


def offer_reject(*, offer: Offer, actor: User | None, comment: str = "") -> Offer:
    """Back to draft with the comment on it; the rest of this round never gets its turn."""
    with transaction.atomic():
        current, turn = _decide(offer, actor, comment)
        turn.decision = Decision.REJECTED
        turn.save(update_fields=["decision", "at", "comment"])
        current.state, current.rejection_comment = OfferState.DRAFT, turn.comment
        current.save(update_fields=["state", "rejection_comment"])
        events.offer_rejected(offer=current, actor=actor, comment=turn.comment)
        _touched(current)
    return current


# Sending and closing.


def offer_send(*, offer: Offer, actor: User | None) -> Offer:
    """Email the approved letter; the footer carries the status-page link where the
    candidate answers. Sending again is a no-op (the outbox key makes it one email too)."""
    check_recruiter(actor, "send offers")
    with transaction.atomic():
        current = _locked(offer)
        if current.state == OfferState.SENT:
            return current
        if current.state != OfferState.APPROVED:
            raise Conflict("Only an approved offer can be sent.", field="state")
        application = offer.application
        if application.status != ApplicationStatus.ACTIVE:
            raise Conflict(f"This application is {application.status}.", field="state")
        if current.expires_on < today():
            raise DomainError(
                "The offer's expiry date has passed: withdraw it and make a new one.",
                field="expires_on",
            )
        message = message_queue(
            candidate=application.candidate,
            actor=actor,
            application=application,
            subject=template_literal(current.letter_subject),
            body=template_literal(current.letter),
            idempotency_key=f"offer:{current.pk}:send",
        )
        current.state, current.sent_at, current.message = OfferState.SENT, timezone.now(), message
        current.save(update_fields=["state", "sent_at", "message"])
        events.offer_sent(offer=current, actor=actor)
        _touched(current)
    return current


def offer_withdraw(*, offer: Offer, actor: User | None, note: str = "") -> Offer:
    check_recruiter(actor, "withdraw offers")
    note = note.strip()
    if len(note) > MAX_COMMENT:
        raise DomainError(f"Keep the note under {MAX_COMMENT:,} characters.", field="note")
    with transaction.atomic():
        current = _locked(offer)
        if current.state == OfferState.WITHDRAWN:
            return current
        if current.state not in LIVE_STATES:
            raise Conflict(
                f"This offer is {current.get_state_display().lower()} already.", field="state"
            )
        current.state, current.closed_at = OfferState.WITHDRAWN, timezone.now()
        current.save(update_fields=["state", "closed_at"])
        events.offer_withdrawn(offer=current, actor=actor, note=note)
        _touched(current)
    return current


def _answer_link(offer: Offer, *, token: str, ip: str) -> None:
    """Which link the answer came from: the token's signing time and its hash."""
    try:
        stamp = signing.b62_decode(token.rsplit(":", 2)[1])
        offer.answer_link_issued_at = datetime.fromtimestamp(stamp, tz=UTC)
    except (IndexError, ValueError):
        offer.answer_link_issued_at = None
    offer.answer_token_hash = hashlib.sha256(token.encode()).hexdigest()
    offer.answer_ip = ip or None


def _answerable(candidate: Candidate, offer: Offer, done: str) -> tuple[Offer, bool]:
    """The locked offer and whether it was answered `done` already (a double submit)."""
    if offer.application.candidate_id != candidate.pk:
        raise DomainError("That offer is not yours.", field="offer")
    current = _locked(offer)
    if current.state == done:
        return current, True
    if current.state == OfferState.EXPIRED or (
        current.state == OfferState.SENT and current.expires_on < today()
    ):
        raise DomainError("This offer has expired. Please get in touch with us.", field="offer")
    if current.state != OfferState.SENT:
        raise DomainError("This offer is no longer open.", field="offer")
    application = Application.objects.select_related("job", "stage", "candidate").get(
        pk=offer.application_id
    )
    if application.status != ApplicationStatus.ACTIVE:
        raise DomainError(
            "This application is closed: the offer cannot be answered.", field="offer"
        )
    current.application = application
    return current, False


def offer_accept_by_candidate(*, candidate: Candidate, offer: Offer, token: str, ip: str) -> bool:
    """Accepted on the status page: the application is hired and the owner told. False if it
    was accepted already."""
    with transaction.atomic():
        current, repeat = _answerable(candidate, offer, OfferState.ACCEPTED)
        if repeat:
            return False
        current.state = OfferState.ACCEPTED
        current.answered_at = current.closed_at = timezone.now()
        _answer_link(current, token=token, ip=ip)
        current.save()
        entry = events.offer_accepted(offer=current)
        hooks.offer_accepted.send(offer=current)
        job_services.application_hire(application=current.application, actor=None)
        notify_candidate_action(
            activity=entry,
            text=f"{candidate.name} accepted the offer for {current.application.job.title}",
        )
        _touched(current)
    return True


def offer_decline_by_candidate(
    *, candidate: Candidate, offer: Offer, token: str, ip: str, reason: str = ""
) -> bool:
    reason = reason.strip()
    if len(reason) > MAX_COMMENT:
        raise DomainError(f"Keep the reason under {MAX_COMMENT:,} characters.", field="reason")
    with transaction.atomic():
        current, repeat = _answerable(candidate, offer, OfferState.DECLINED)
        if repeat:
            return False
        current.state, current.decline_reason = OfferState.DECLINED, reason
        current.answered_at = current.closed_at = timezone.now()
        _answer_link(current, token=token, ip=ip)
        current.save()
        entry = events.offer_declined(offer=current)
        text = f"{candidate.name} declined the offer for {current.application.job.title}"
        notify_candidate_action(activity=entry, text=text + (f": {reason}" if reason else ""))
        _touched(current)
    return True


def offers_expire(now: datetime | None = None) -> int:
    """Sent offers past their last day become expired, the system as the actor. Each is
    claimed with a conditional UPDATE, so parallel workers expire each offer once."""
    now = now or timezone.now()
    last_open_day = now.astimezone(company_zone()).date()
    due = Offer.objects.filter(state=OfferState.SENT, expires_on__lt=last_open_day)
    expired = 0
    for pk in due.values_list("pk", flat=True)[:1000]:
        with transaction.atomic():
            claimed = Offer.objects.filter(pk=pk, state=OfferState.SENT).update(
                state=OfferState.EXPIRED, closed_at=now
            )
            if not claimed:
                continue
            offer = Offer.objects.select_related("application__candidate", "application__job").get(
                pk=pk
            )
            events.offer_expired(offer=offer)
            _touched(offer)
            expired += 1
    return expired
