"""What a candidate does on their status page. The token proved who they are, so every action
here takes the candidate, never a user: the system (actor None) acts on their behalf."""

from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates import status_links
from ghostless.candidates.models import Candidate
from ghostless.candidates.normalize import normalize_email
from ghostless.core import hooks
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_recruiter
from ghostless.jobs import services as job_services
from ghostless.jobs.models import Application, ApplicationStatus
from ghostless.messaging.services import message_queue
from ghostless.notifications.services import notify_candidate_action
from ghostless.pools.models import ConsentSource, PoolMember
from ghostless.pools.services import (
    candidate_resubscribe,
    candidate_unsubscribe,
    consent_record,
    pool_remove,
)
from ghostless.status import events
from ghostless.status.links import status_url
from ghostless.timeline.models import Activity, EventKind

# Reloads within this window are one visit on the timeline.
VIEW_COALESCE = timedelta(minutes=30)
TOLD_HOW = "withdrew on the status page"
MAX_REASON = 2000
MAX_QUESTION = 5000
# The same question sent again this soon is a double submit, not a second question.
QUESTION_REPEAT = timedelta(minutes=10)
FRESH_LINKS_PER_HOUR = 3
CONSENT_ACTIONS = ("stay", "leave", "unsubscribe", "resubscribe")


def status_link_share(*, candidate: Candidate, actor: User | None) -> tuple[str, datetime]:
    """A fresh link for a recruiter to give by phone or text, and when it expires. Hiring
    managers and interviewers may not: the page shows every application, not just theirs."""
    check_recruiter(actor, "share a candidate's status page")
    return status_url(candidate), status_links.expires_at()


def status_page_view(*, candidate: Candidate) -> None:
    """ "Viewed status page" on the timeline, once per visit: a view within VIEW_COALESCE of
    the last recorded one adds nothing, so reloading does not flood the timeline."""
    recent = Activity.objects.filter(
        candidate=candidate,
        payload__event=EventKind.STATUS_PAGE_VIEWED.value,
        occurred_at__gte=timezone.now() - VIEW_COALESCE,
    )
    if not recent.exists():
        events.status_page_viewed(candidate=candidate)


def application_withdraw_by_candidate(
    *, candidate: Candidate, application: Application, reason: str = ""
) -> bool:
    """Withdraw one of the candidate's own applications; False if it already was (a double
    submit). They withdrew, so they count as told; the owner hears of it."""
    reason = reason.strip()
    if len(reason) > MAX_REASON:
        raise DomainError(f"Keep the reason under {MAX_REASON:,} characters.", field="reason")
    if application.candidate_id != candidate.pk:
        raise DomainError("That application is not yours.", field="application")
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        if current.status == ApplicationStatus.WITHDRAWN:
            return False
        if current.status != ApplicationStatus.ACTIVE:
            raise DomainError(
                "This application is closed already; there is nothing to withdraw.",
                field="application",
            )
        job_services.application_withdraw(application=current, actor=None)
        if Application.objects.filter(pk=current.pk, told_at__isnull=True).update(
            told_at=timezone.now(), told_how=TOLD_HOW
        ):
            hooks.application_told.send(application_id=current.pk, how=TOLD_HOW)
        entry = events.status_page_withdrew(application=current, reason=reason)
        notify_candidate_action(
            activity=entry,
            text=f"{candidate.name} withdrew from {current.job.title} on their status page",
        )
    return True


def question_ask(*, candidate: Candidate, text: str) -> Activity:
    """Their question lands on the timeline as an inbound message awaiting our reply, and the
    owner hears of it. The same text again within QUESTION_REPEAT is the same question."""
    text = text.strip()
    if not text:
        raise DomainError("Write your question first.", field="question")
    if len(text) > MAX_QUESTION:
        raise DomainError(f"Keep it under {MAX_QUESTION:,} characters.", field="question")
    with transaction.atomic():
        # Locks the candidate so two submits of one question cannot both pass the check.
        Candidate.objects.select_for_update().filter(pk=candidate.pk).first()
        repeat = Activity.objects.filter(
            candidate=candidate,
            payload__event=EventKind.STATUS_PAGE_QUESTION.value,
            body=text,
            occurred_at__gte=timezone.now() - QUESTION_REPEAT,
        ).first()
        if repeat:
            return repeat
        active = list(
            candidate.applications.filter(status=ApplicationStatus.ACTIVE).select_related("job")[:2]
        )
        # Tied to an application only when there is no doubt which one it is about.
        application = active[0] if len(active) == 1 else None
        entry = events.status_page_question(candidate=candidate, application=application, text=text)
        notify_candidate_action(
            activity=entry, text=f"{candidate.name} asked on their status page: {text}"
        )
    return entry


def consent_change(*, candidate: Candidate, action: str) -> None:
    """stay (renew consent in every pool they are in), leave (out of every pool), unsubscribe
    from nurture mail, or resubscribe: the pools services, with the candidate as the actor."""
    if action not in CONSENT_ACTIONS:
        raise DomainError("Choose what to change.", field="action")
    with transaction.atomic():
        members = PoolMember.objects.filter(candidate=candidate).select_related("pool", "candidate")
        if action == "stay":
            for member in members:
                consent_record(
                    pool=member.pool, candidate=candidate, source=ConsentSource.STATUS_PAGE
                )
        elif action == "leave":
            for member in members:
                pool_remove(member=member, actor=None)
        elif action == "unsubscribe":
            candidate_unsubscribe(candidate=candidate)
        else:
            candidate_resubscribe(candidate=candidate)


def hourly_allow(key: str, limit: int = FRESH_LINKS_PER_HOUR) -> bool:
    """At most `limit` hits per key in a fixed hour window (the cache's counter)."""
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr: a new window
        cache.set(key, 1, timeout=3600)
        return True


def fresh_link_allowed(*, candidate_id: int, ip: str) -> bool:
    """Both counters move on every ask, so neither one address nor one link can be used to
    mail a candidate over and over."""
    by_ip = hourly_allow(f"status:fresh-link:ip:{ip}")
    by_candidate = hourly_allow(f"status:fresh-link:candidate:{candidate_id}")
    return by_ip and by_candidate


FRESH_LINK_SUBJECT = "Your link to see where you stand"
FRESH_LINK_BODY = (
    "Hi {{ candidate.first_name }},\n\n"
    "You asked for a new link to your status page at {{ company.name }}. "
    "It shows where each of your applications stands and when you will hear from us:\n\n"
    "{{ links.status }}\n\n"
    "If you did not ask for it, you can ignore this email.\n"
)


def fresh_link_send(*, candidate: Candidate, email: str) -> bool:
    """Mail a new link to the typed address only if it is one of the candidate's own; the
    caller answers the same either way, so nobody learns which addresses are on file."""
    address = normalize_email(email)
    if not address or not candidate.emails.filter(email=address).exists():
        return False
    try:
        with transaction.atomic():
            message_queue(
                candidate=candidate,
                actor=None,
                subject=FRESH_LINK_SUBJECT,
                body=FRESH_LINK_BODY,
                to_email=address,
            )
            events.status_page_fresh_link(candidate=candidate, email=address)
    except DomainError:  # suppressed address and the like: nothing to send, nothing to say
        return False
    return True
