"""Self-scheduling: the recruiter offers several start times, the candidate picks one on
their status page, and the first pick books the interview through `interview_schedule`.

One winner: a pick locks the offer's row, then its interviewers' user rows (in id order, so
two picks never wait on each other in a circle), and only then looks for an interview those
interviewers already have at that time. A second pick of the same interviewer's time waits for
the first to commit, then finds its interview and is refused with `SlotTaken`. On SQLite the
transaction is IMMEDIATE (settings.py), so writers queue for the file in the same way.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.core.errors import Conflict, DomainError
from ghostless.followups.business_time import company_zone
from ghostless.followups.slot_rules import clear_awaiting_candidate
from ghostless.interviews import events, invites, services
from ghostless.interviews.models import Slot, SlotOffer, SlotOfferState
from ghostless.interviews.selectors import interview_overlaps
from ghostless.jobs.models import Application
from ghostless.messaging import rendering
from ghostless.messaging.models import EmailTemplate, Purpose
from ghostless.messaging.services import message_queue

# More than this many times is no longer a choice but a calendar.
MAX_SLOTS = 12
TEMPLATE_NAME = "Pick a time for your interview"
# The text the data migration writes (interviews/0004), for a template renamed away.
DEFAULT_TEXT = (
    "Pick a time for your interview: {{ interview.title }}",
    "Hello {{ interview.recipient }},\n\n"
    "We would like to meet you for {{ interview.title }} ({{ job.title }} at "
    "{{ company.name }}). These times are free for us:\n\n"
    "{{ interview.when }}\n\n"
    "{% if interview.location %}Where: {{ interview.location }}\n{% endif %}"
    "{% if interview.video_url %}Video: {{ interview.video_url }}\n{% endif %}"
    "With: {{ interview.interviewers }}\n\n"
    "{% if interview.note %}{{ interview.note }}\n\n{% endif %}"
    "Pick the one that suits you on your page: {{ links.status }}\n"
    "The time you pick is booked at once, and the calendar invitation follows.\n\n"
    "{{ recruiter.name }}\n",
)


class SlotTaken(Conflict):
    """Someone else booked one of the interviewers at that time a moment ago."""


class NotOffered(DomainError):
    """No such time was offered to this candidate: the page answers 404."""


def _check_starts(starts) -> list[datetime]:
    if not isinstance(starts, list | tuple) or not starts:
        raise DomainError("Offer at least one start time.", field="starts")
    if len(starts) > MAX_SLOTS:
        raise DomainError(f"Offer at most {MAX_SLOTS} times.", field="starts")
    moments = []
    for start in starts:
        try:
            moment = services._check_starts_at(start)
        except DomainError as error:
            raise DomainError(error.message, field="starts") from None
        if moment not in moments:
            moments.append(moment)
    return sorted(moments)


def slot_offer_create(
    *,
    application: Application,
    actor: User | None,
    title: str,
    duration_minutes: int,
    interviewers: list[User],
    starts: list[datetime],
    location: str = "",
    video_url: str = "",
    note: str = "",
) -> SlotOffer:
    """An open offer of `starts` for one interview, with the email asking the candidate to
    pick; the timeline says "Offered 3 interview times"."""
    services.check_scheduler(actor, application)
    candidate_email = services._check_application(application)
    duration_minutes = services._check_duration(duration_minutes)
    interviewers = services._check_interviewers(interviewers, candidate_email)
    moments = _check_starts(starts)
    planned = services._planned(application, None)
    title = services._check_text("title", title) or (planned.title if planned else "")
    if not title:
        raise DomainError("Give the interview a title.", field="title")
    length = timedelta(minutes=duration_minutes)
    with transaction.atomic():
        offer = SlotOffer.objects.create(
            application=application,
            title=title,
            duration_minutes=duration_minutes,
            location=services._check_text("location", location),
            video_url=services._check_text("video_url", video_url),
            note=services._check_text("note", note),
            offered_by=actor,
        )
        offer.interviewers.set(interviewers)
        Slot.objects.bulk_create(
            Slot(offer=offer, starts_at=moment, ends_at=moment + length) for moment in moments
        )
        _send(offer, actor=actor, to_email=candidate_email)
        events.slots_offered(offer=offer, actor=actor)
    return offer


def _when_lines(offer: SlotOffer, zone) -> str:
    """One Markdown list item per future time, in the candidate's zone."""
    now = timezone.now()
    lines = []
    for slot in offer.slots.all():
        if slot.starts_at <= now:
            continue
        start, end = slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone)
        lines.append(
            f"- {start:%A} {start.day} {start:%B} {start.year}, "
            f"{start:%H:%M}–{end:%H:%M} ({zone.key})"
        )
    return "\n".join(lines)


def _send(offer: SlotOffer, *, actor: User | None, to_email: str) -> None:
    application = offer.application
    candidate = application.candidate
    template = EmailTemplate.objects.filter(
        purpose=Purpose.INTERVIEW_INVITE, name=TEMPLATE_NAME
    ).first()
    subject, body = ("", "") if template else DEFAULT_TEXT
    fields = {
        "recipient": candidate.first_name or candidate.name,
        "title": offer.title,
        "when": _when_lines(offer, invites._zone(candidate.time_zone)),
        "location": offer.location,
        "video_url": offer.video_url,
        "interviewers": ", ".join(user.name for user in offer.interviewers.all()),
        "note": offer.note,
    }
    # A hiring manager may offer times but not write to candidates: the company sends it.
    sender = actor if actor is None or actor.sees_everything else None
    try:
        message_queue(
            candidate=candidate,
            actor=sender,
            template=template,
            subject=subject,
            body=body,
            application=application,
            to_email=to_email,
            idempotency_key=f"slot-offer:{offer.pk}:{offer.sent_at.timestamp():.6f}",
            interview=fields,
        )
    except DomainError as error:
        if isinstance(error, rendering.RenderError):
            raise
        raise DomainError(error.message, field="application") from None


def _check_open(offer: SlotOffer) -> None:
    if offer.state != SlotOfferState.OPEN:
        raise Conflict(f"These times are {offer.get_state_display().lower()}.", field="state")


def slot_offer_resend(*, offer: SlotOffer, actor: User | None) -> SlotOffer:
    """The email again, listing the times still ahead; the awaiting-candidate wait restarts."""
    services.check_scheduler(actor, offer.application)
    candidate_email = services._check_application(offer.application)
    with transaction.atomic():
        offer = SlotOffer.objects.select_for_update().get(pk=offer.pk)
        _check_open(offer)
        now = timezone.now()
        if not offer.slots.filter(starts_at__gt=now).exists():
            raise DomainError(
                "Every time offered has passed: offer new times instead.", field="starts"
            )
        offer.sent_at = now
        offer.save(update_fields=["sent_at"])
        _send(offer, actor=actor, to_email=candidate_email)
        events.slots_offered(offer=offer, actor=actor, resent=True)
        clear_awaiting_candidate(now, _scope(offer))
    return offer


def slot_offer_cancel(*, offer: SlotOffer, actor: User | None) -> SlotOffer:
    """Withdraw an open offer: the candidate's page stops showing its times."""
    services.check_scheduler(actor, offer.application)
    with transaction.atomic():
        offer = SlotOffer.objects.select_for_update().get(pk=offer.pk)
        _check_open(offer)
        now = timezone.now()
        offer.state = SlotOfferState.CANCELLED
        offer.cancelled_at = now
        offer.save(update_fields=["state", "cancelled_at"])
        events.slot_offer_cancelled(offer=offer, actor=actor)
        clear_awaiting_candidate(now, _scope(offer))
    return offer


def _scope(offer: SlotOffer) -> Q:
    return Q(application_id=offer.application_id)


def picked_line(starts_at: datetime) -> str:
    """ "Tuesday 15 December at 10:00", in the company's time, for the timeline."""
    local = starts_at.astimezone(company_zone())
    return f"{local:%A} {local.day} {local:%B} at {local:%H:%M}"


def slot_pick(*, candidate: Candidate, slot_id: int) -> SlotOffer:
    """Book the interview at the candidate's chosen time.

    1. The slot must be one offered to this candidate (else NotOffered).
    2. Under the offer's row lock: booked with this very slot already is a double submit
       (the booked offer comes back); booked with another or cancelled is refused.
    3. Under the interviewers' row locks: an interview they already have then is `SlotTaken`.
    4. `interview_schedule` with no actor (the candidate acted) sends the invites; the offer is
       booked and its awaiting-candidate follow-up closed.
    """
    slot = (
        Slot.objects.filter(pk=slot_id, offer__application__candidate=candidate)
        .select_related("offer")
        .first()
    )
    if slot is None:
        raise NotOffered("That time is not one we offered you.", field="slot")
    with transaction.atomic():
        offer = (
            # Only the offer's row: locking the joined job would queue every pick on the job.
            SlotOffer.objects.select_for_update(of=("self",))
            .select_related("application__candidate", "application__job", "application__stage")
            .get(pk=slot.offer_id)
        )
        if offer.state == SlotOfferState.BOOKED:
            if Slot.objects.filter(pk=slot.pk, picked_at__isnull=False).exists():
                return offer
            raise Conflict("You have already booked a time for this interview.", field="slot")
        if offer.state == SlotOfferState.CANCELLED:
            raise Conflict("These times are no longer on offer.", field="slot")
        now = timezone.now()
        if slot.starts_at <= now:
            raise SlotTaken("That time has passed. Please pick another one.", field="slot")
        panel = list(
            User.objects.select_for_update()
            .filter(pk__in=offer.interviewers.values("pk"))
            .order_by("pk")
        )
        if interview_overlaps(users=panel, starts_at=slot.starts_at, ends_at=slot.ends_at):
            raise SlotTaken(
                "Sorry, that time was just taken. Please pick another one.", field="slot"
            )
        interview = services.interview_schedule(
            application=offer.application,
            actor=None,
            title=offer.title,
            starts_at=slot.starts_at,
            duration_minutes=offer.duration_minutes,
            interviewers=panel,
            location=offer.location,
            video_url=offer.video_url,
            note=offer.note,
        )
        offer.state = SlotOfferState.BOOKED
        offer.interview = interview
        offer.booked_at = now
        offer.save(update_fields=["state", "interview", "booked_at"])
        Slot.objects.filter(pk=slot.pk).update(picked_at=now)
        events.slot_picked(offer=offer, slot=slot, when=picked_line(slot.starts_at))
        clear_awaiting_candidate(now, _scope(offer))
    return offer
