"""Reads for email, with the permission check built in."""

from datetime import timedelta

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.candidates.selectors import access_candidate
from ghostless.messaging.models import (
    InboundAttachment,
    InboundEmail,
    InboundState,
    Message,
    MessageStatus,
    Suppression,
)
from ghostless.timeline.models import Direction, Kind
from ghostless.timeline.selectors import activities_visible_to, on_managed_job

PROFILE_MESSAGES = 10
# What the card shows of each: not the bodies, which can be long.
PROFILE_MESSAGE_FIELDS = (
    "candidate_id",
    "to_email",
    "subject",
    "status",
    "attempts",
    "last_error",
    "send_at",
    "sent_at",
    "created_at",
)
# The nav badge and the "Failed emails" page look back this far.
FAILED_WINDOW = timedelta(days=14)
UNDELIVERED = (MessageStatus.FAILED, MessageStatus.BOUNCED)


def messages_visible_to(user: User) -> QuerySet[Message]:
    """Every email to a candidate for recruiters; for a hiring manager, the timeline's rule:
    only emails about an application on a job she manages."""
    if user.sees_everything:
        return Message.objects.filter(candidate__isnull=False)
    return Message.objects.filter(on_managed_job(user), candidate__isnull=False)


def access_message(user: User, pk) -> Message:
    return get_object_or_404(messages_visible_to(user).select_related("candidate"), pk=pk)


def active_suppressions(emails: list[str]) -> dict[str, Suppression]:
    """The active suppression of each of these addresses that has one, in one query."""
    rows = Suppression.objects.filter(email__in=[e.lower() for e in emails], cleared_at=None)
    return {row.email: row for row in rows}


def candidate_suppression(*, candidate: Candidate, pk) -> Suppression:
    """An active suppression of one of this candidate's addresses."""
    addresses = [e.email for e in candidate.emails.all()]
    return get_object_or_404(Suppression, pk=pk, cleared_at=None, email__in=addresses)


def candidate_email_section(*, candidate: Candidate) -> dict:
    """The profile's Email card: recent messages, the addresses that are suppressed and,
    when Ghostless sent nothing, whether emails were logged by hand (the timeline lists
    those, so the card must not say none was sent). At most three queries."""
    addresses = [e.email for e in candidate.emails.all()]
    suppressions = active_suppressions(addresses)
    recent = list(
        candidate.messages.order_by("-created_at", "-id").only(*PROFILE_MESSAGE_FIELDS)[
            :PROFILE_MESSAGES
        ]
    )
    logged = not recent and (
        candidate.activities.filter(kind=Kind.EMAIL, direction=Direction.OUTBOUND).exists()
    )
    return {
        "messages": recent,
        "suppressions": list(suppressions.values()),
        "logged_by_hand": logged,
        "in_flight": any(_on_its_way(message) for message in recent),
    }


def _on_its_way(message: Message) -> bool:
    """Being sent, or due now and not yet tried: the card looks again in a moment. Not one
    waiting for a retry or a set time, which could be hours."""
    if message.status == MessageStatus.SENDING:
        return True
    due = message.send_at is None or message.send_at <= timezone.now()
    return message.status == MessageStatus.QUEUED and message.attempts == 0 and due


def failed_messages(*, user: User) -> QuerySet[Message]:
    """What the user sent that did not arrive, lately: for the nav badge and its page."""
    return messages_visible_to(user).filter(
        created_by=user,
        status__in=UNDELIVERED,
        created_at__gte=timezone.now() - FAILED_WINDOW,
    )


def access_attachment(user: User, pk) -> InboundAttachment:
    """An attachment of an email the user may read on a timeline (or in triage, for
    recruiters). A hiring manager needs to see the timeline entry itself, since an email
    about another manager's job is hidden from them."""
    attachment = get_object_or_404(InboundAttachment.objects.select_related("email"), pk=pk)
    email = attachment.email
    if email.candidate_id is None:
        if not user.sees_everything:
            raise Http404
        return attachment
    access_candidate(user, email.candidate_id)
    if not user.sees_everything and not (
        email.activity_id and activities_visible_to(user).filter(pk=email.activity_id).exists()
    ):
        raise Http404
    return attachment


def latest_received(candidate_ids: list[int]) -> dict[int, int]:
    """The newest email each of these candidates sent us ({candidate id: its id}), for the
    queue's Reply: one query for a page of rows."""
    newest = InboundEmail.objects.filter(
        candidate_id=OuterRef("pk"), state=InboundState.MATCHED
    ).order_by("-received_at", "-id")
    rows = (
        Candidate.objects.filter(pk__in=candidate_ids)
        .annotate(latest=Subquery(newest.values("pk")[:1]))
        .values_list("pk", "latest")
    )
    return {pk: latest for pk, latest in rows if latest}
