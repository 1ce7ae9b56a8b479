"""Telling a user what needs them now: a reply from their candidate, a follow-up of theirs
come due, candidates or a follow-up handed to them, a mention in a note."""

from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.candidates.selectors import candidates_visible_to
from ghostless.followups.models import FollowUp, Reason, State
from ghostless.notifications.models import Kind, Notification
from ghostless.timeline.models import Activity
from ghostless.timeline.selectors import activities_visible_to

# A follow-up that came due longer ago than this when the task first sees it (the first run
# after an upgrade or an outage) is left to the queue's overdue list, not told one by one.
DUE_WINDOW = timedelta(days=1)
EXCERPT = 120


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _active(user_ids) -> list[int]:
    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return []
    return list(User.objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True))


def notify_reply(*, activity: Activity, writer_id: int | None = None, actor: User | None = None):
    """An email from a candidate is on their timeline: their owner hears of it, and so does
    whoever wrote the message it answers; not the person who put it there by hand."""
    candidate = Candidate.objects.only("first_name", "last_name", "owner_id").get(
        pk=activity.candidate_id
    )
    told = set(_active([candidate.owner_id, writer_id])) - {actor.pk if actor else None}
    text = _short(f"{candidate.name} replied: {activity.subject or '(no subject)'}")
    Notification.objects.bulk_create(
        Notification(user_id=pk, kind=Kind.REPLY, text=text, candidate=candidate, activity=activity)
        for pk in sorted(told)
    )


def notify_candidate_action(*, activity: Activity, text: str) -> None:
    """A candidate did something on their status page (withdrew, asked a question): whoever
    owns the application, or else the candidate, hears of it."""
    candidate = Candidate.objects.only("first_name", "last_name", "owner_id").get(
        pk=activity.candidate_id
    )
    owner_id = activity.application.owner_id if activity.application_id else None
    told = _active([owner_id or candidate.owner_id])
    Notification.objects.bulk_create(
        Notification(
            user_id=pk,
            kind=Kind.CANDIDATE,
            text=_short(text),
            candidate=candidate,
            activity=activity,
        )
        for pk in told
    )


def notify_handoff(
    *,
    assignee: User | None,
    actor: User | None,
    candidate_ids: list[int] = (),
    followup: FollowUp | None = None,
) -> None:
    """Someone gave this user candidates to own or a follow-up to do (the `handed_off`
    hook). Taking something oneself, or a rule assigning it, tells nobody."""
    if assignee is None or actor is None or assignee.pk == actor.pk or not assignee.is_active:
        return
    note = Notification(user=assignee, kind=Kind.HANDOFF, actor=actor)
    if followup is not None:
        note.candidate_id, note.followup = followup.candidate_id, followup
        who = Candidate.objects.only("first_name", "last_name").get(pk=followup.candidate_id)
        what = followup.get_reason_display()
        note.text = f"{actor.name} gave you a follow-up: {what} for {who.name}"
    elif len(candidate_ids) == 1:
        note.candidate = Candidate.objects.only("first_name", "last_name").get(pk=candidate_ids[0])
        note.text = f"{actor.name} made you the owner of {note.candidate.name}"
    elif candidate_ids:
        note.text = f"{actor.name} made you the owner of {len(candidate_ids)} candidates"
        note.url = reverse("candidates:list") + "?" + urlencode({"owner": assignee.username})
    else:
        return
    note.text = _short(note.text)
    note.save()


def notify_handover(
    *, assignee: User, actor: User | None, from_user: User, what: str, followups: bool
) -> None:
    """Someone's work moved to this user when they stopped (`team.services.work_hand_over`):
    one notification saying what, linking to the queue when follow-ups came with it."""
    if actor is None or assignee.pk == actor.pk:
        return
    owned = reverse("candidates:list") + "?" + urlencode({"owner": assignee.username})
    Notification.objects.create(
        user=assignee,
        kind=Kind.HANDOFF,
        actor=actor,
        text=_short(f"{actor.name} handed you {from_user.name}'s work: {what}"),
        url=reverse("followups:queue") if followups else owned,
    )


def _may_read(user: User, activity: Activity) -> bool:
    if user.sees_everything:
        return True
    return (
        candidates_visible_to(user).filter(pk=activity.candidate_id).exists()
        and activities_visible_to(user).filter(pk=activity.pk).exists()
    )


def notify_mentions(*, activity: Activity, user_ids: list[int]) -> None:
    """The users a note names with @username (the `mentioned` hook), if they may read it: a
    private note or another job's entry tells no hiring manager."""
    users = User.objects.filter(pk__in=user_ids, is_active=True).exclude(pk=activity.actor_id)
    readers = [user for user in users if _may_read(user, activity)]
    if not readers:
        return
    candidate = Candidate.objects.only("first_name", "last_name").get(pk=activity.candidate_id)
    by = activity.actor.name if activity.actor_id else "Someone"
    said = _short(activity.body, EXCERPT)
    text = _short(f"{by} mentioned you on {candidate.name}: {said}")
    Notification.objects.bulk_create(
        Notification(
            user=user,
            kind=Kind.MENTION,
            text=text,
            candidate=candidate,
            activity=activity,
            actor_id=activity.actor_id,
        )
        for user in readers
    )


def _due_url(followup: FollowUp) -> str:
    """Where a due follow-up is worked when not on the profile: a missing scorecard on the
    interview's kit, an offer waiting on its approver or expiring on the offer itself."""
    if followup.reason == Reason.FEEDBACK_DUE:
        return reverse("interviews:kit", args=[followup.interview_id])
    if followup.reason in (Reason.APPROVAL_DUE, Reason.OFFER_EXPIRING) and followup.application_id:
        return reverse("offers:for_application", args=[followup.application_id])
    return ""


def notify_due_followups(now: datetime | None = None) -> int:
    """Tell each assignee of the open follow-ups that came due since the last run, once per
    due time (a snoozed one that comes due again is told again). Returns how many."""
    now = now or timezone.now()
    due = (
        FollowUp.objects.filter(
            state=State.OPEN,
            assignee__is_active=True,
            due_at__lte=now,
            due_at__gt=now - DUE_WINDOW,
        )
        .select_related("candidate")
        .only(
            "assignee_id",
            "candidate_id",
            "interview_id",
            "application_id",
            "due_at",
            "reason",
            "note",
            "candidate__first_name",
            "candidate__last_name",
        )
    )
    rows = {f"due:{f.pk}:{f.due_at.timestamp():.0f}": f for f in due}
    told = set(Notification.objects.filter(key__in=rows).values_list("key", flat=True))
    fresh = [
        Notification(
            user_id=f.assignee_id,
            kind=Kind.DUE,
            text=_short(
                f"Follow-up due: {f.get_reason_display()} for {f.candidate.name}"
                + (f" ({f.note})" if f.note else "")
            ),
            # A missing scorecard is written on the interview's kit, which interviewers can
            # open (the profile they cannot).
            candidate_id=None if f.reason == Reason.FEEDBACK_DUE else f.candidate_id,
            url=_due_url(f),
            followup=f,
            key=key,
            created_at=now,
        )
        for key, f in rows.items()
        if key not in told
    ]
    Notification.objects.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh)


def notification_read(*, user: User, notification: Notification) -> None:
    Notification.objects.filter(pk=notification.pk, user=user, read_at=None).update(
        read_at=timezone.now()
    )


def notifications_read_all(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())
