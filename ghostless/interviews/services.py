"""Scheduling interviews: schedule, change, cancel, an attendee's answer, calendar feeds.

SEQUENCE (RFC 5546 §2.1.4): every change a calendar shows (time, duration, title, place,
video link, attendees) is significant here: SEQUENCE goes up and everyone gets a new
REQUEST. The note is in the candidate's email only, not in the calendar: changing only the
note is saved and sends nothing.
"""

import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from ghostless.accounts.models import User, hash_token
from ghostless.core import hooks
from ghostless.core.errors import Conflict, DomainError, PermissionDenied
from ghostless.core.when import check_future_datetime
from ghostless.followups.business_time import company_zone
from ghostless.followups.services import followup_create
from ghostless.interviews import events, ical, invites, promises
from ghostless.interviews.models import (
    Attendee,
    AttendeeRole,
    CalendarFeed,
    Interview,
    InterviewStatus,
    Response,
)
from ghostless.interviews.selectors import MAX_DURATION_MINUTES
from ghostless.jobs.models import Application, ApplicationStatus, PlannedInterview

TEXT_LIMITS = {"title": 120, "location": 300, "video_url": 500, "note": 5000}
CHANGEABLE = ("starts_at", "duration_minutes", "location", "video_url", "title", "note")
# Changes a calendar shows: they raise SEQUENCE and re-send the invite.
SIGNIFICANT = ("starts_at", "duration_minutes", "location", "video_url", "title")


def check_scheduler(actor: User | None, application: Application) -> None:
    """Recruiters and admins schedule on any application, a hiring manager on their jobs'."""
    if actor is None or actor.sees_everything:
        return
    if actor.is_hiring_manager and application.job.hiring_manager_id == actor.pk:
        return
    raise PermissionDenied("Only recruiters, admins and the job's hiring manager can do this.")


def may_schedule(actor: User, application: Application) -> bool:
    """`check_scheduler` as a yes or no, for pages deciding whether to offer the action."""
    try:
        check_scheduler(actor, application)
    except PermissionDenied:
        return False
    return True


def _check_starts_at(starts_at) -> datetime:
    if not isinstance(starts_at, datetime):
        raise DomainError("Give the start as a date and time.", field="starts_at")
    moment = check_future_datetime(starts_at, field="starts_at")
    if moment <= timezone.now():
        raise DomainError("The interview must start in the future.", field="starts_at")
    return moment


def _check_duration(minutes) -> int:
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        raise DomainError(
            "The duration must be a positive number of minutes.", field="duration_minutes"
        )
    if minutes > MAX_DURATION_MINUTES:
        raise DomainError(
            f"An interview lasts at most {MAX_DURATION_MINUTES // 60} hours.",
            field="duration_minutes",
        )
    return minutes


def _check_text(field: str, value) -> str:
    value = (value or "").strip()
    if len(value) > TEXT_LIMITS[field]:
        raise DomainError(f"At most {TEXT_LIMITS[field]} characters.", field=field)
    if field == "video_url" and value:
        try:
            URLValidator(schemes=["https", "http"])(value)
        except ValidationError:
            raise DomainError(
                "Give the video link as an https:// address.", field="video_url"
            ) from None
    return value


def _check_interviewers(interviewers, candidate_email: str) -> list[User]:
    people, seen = [], set()
    for user in interviewers or []:
        if not isinstance(user, User) or not user.is_active or user.pk is None:
            raise DomainError("Every interviewer must be an active user.", field="interviewer_ids")
        if not user.email:
            raise DomainError(f"{user.name} has no email address.", field="interviewer_ids")
        if user.email.lower() == candidate_email:
            raise DomainError("The candidate cannot interview themselves.", field="interviewer_ids")
        if user.pk not in seen:
            seen.add(user.pk)
            people.append(user)
    if not people:
        raise DomainError("Choose at least one interviewer.", field="interviewer_ids")
    return people


def _check_application(application: Application) -> str:
    """The candidate's address to invite, for an application still in play."""
    if application.status != ApplicationStatus.ACTIVE:
        raise DomainError(
            f"This application is {application.get_status_display().lower()}: "
            "interviews are for active applications.",
            field="application",
        )
    email = application.candidate.emails.values_list("email", flat=True).first()
    if not email:
        raise DomainError(
            f"{application.candidate.name} has no email address to invite.", field="application"
        )
    return email.lower()


def _planned(application: Application, planned: PlannedInterview | None):
    if planned is not None and planned.stage_id != application.stage_id:
        raise DomainError("That planned interview is not on this stage's plan.", field="planned")
    return planned or application.stage.planned_interviews.order_by("order", "id").first()


def _set_hear_back_by(interview: Interview) -> None:
    promised = promises.hear_back_by(interview)
    if promised is not None:
        application = interview.application
        application.hear_back_by = promised
        Application.objects.filter(pk=application.pk).update(hear_back_by=promised)


def interview_schedule(
    *,
    application: Application,
    actor: User | None,
    title: str,
    starts_at: datetime,
    duration_minutes: int,
    interviewers: list[User],
    location: str = "",
    video_url: str = "",
    note: str = "",
    planned: PlannedInterview | None = None,
) -> Interview:
    """A new interview with its attendees, a timeline entry and one REQUEST per attendee."""
    check_scheduler(actor, application)
    candidate_email = _check_application(application)
    starts_at = _check_starts_at(starts_at)
    duration_minutes = _check_duration(duration_minutes)
    interviewers = _check_interviewers(interviewers, candidate_email)
    planned = _planned(application, planned)
    title = _check_text("title", title) or (planned.title if planned else "")
    if not title:
        raise DomainError("Give the interview a title.", field="title")
    now = timezone.now()
    with transaction.atomic():
        interview = Interview.objects.create(
            application=application,
            stage=application.stage,
            planned=planned,
            title=title,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            location=_check_text("location", location),
            video_url=_check_text("video_url", video_url),
            note=_check_text("note", note),
            organizer=actor,
            created_at=now,
            updated_at=now,
        )
        Attendee.objects.create(
            interview=interview,
            role=AttendeeRole.CANDIDATE,
            email=candidate_email,
            name=application.candidate.name,
        )
        for user in interviewers:
            _invite_interviewer(interview, user)
        _set_hear_back_by(interview)
        events.interview_scheduled(interview=interview, actor=actor)
        hooks.interview_scheduled.send(interview=interview)
        current = _current(interview)
        invites.send(interview, actor=actor, method=ical.REQUEST, to=current, listed=current)
    return interview


def _current(interview: Interview) -> list[Attendee]:
    return list(interview.attendees.filter(removed_at__isnull=True).select_related("user"))


def _invite_interviewer(interview: Interview, user: User) -> None:
    """Add an interviewer; one removed before comes back with a fresh answer."""
    Attendee.objects.update_or_create(
        interview=interview,
        email=user.email.lower(),
        defaults={
            "role": AttendeeRole.INTERVIEWER,
            "user": user,
            "name": user.name,
            "removed_at": None,
            "response": Response.NEEDS_ACTION,
            "responded_at": None,
        },
    )


def _check_open(interview: Interview) -> None:
    status = interview.current_status
    if status != InterviewStatus.SCHEDULED:
        raise DomainError(f"This interview is {status}: it cannot be changed.", field="status")


def interview_update(*, interview: Interview, actor: User | None, **changes) -> Interview:
    """Change time, place, title, note or interviewers. A change a calendar shows raises
    SEQUENCE and sends REQUEST to everyone current; a removed interviewer gets a CANCEL naming
    only them; the timeline records {field: [old, new]}."""
    check_scheduler(actor, interview.application)
    unknown = set(changes) - set(CHANGEABLE) - {"interviewers"}
    if unknown:
        field = sorted(unknown)[0]
        raise DomainError(f"{field} cannot be changed.", field=field)
    with transaction.atomic():
        interview = Interview.objects.select_for_update().get(pk=interview.pk)
        _check_open(interview)
        moved = _apply(interview, changes)
        added, removed = [], []
        if "interviewers" in changes:
            before = _panel_names(interview)
            added, removed = _set_interviewers(interview, changes["interviewers"])
            if added or removed:
                moved["interviewers"] = [before, _panel_names(interview)]
        if not moved:
            return interview
        significant = bool(added or removed) or any(field in moved for field in SIGNIFICANT)
        if significant:
            interview.sequence += 1
        interview.updated_at = timezone.now()
        interview.save()
        _set_hear_back_by(interview)
        events.interview_rescheduled(interview=interview, actor=actor, changes=moved)
        if significant:
            current = _current(interview)
            invites.send(interview, actor=actor, method=ical.REQUEST, to=current, listed=current)
            for attendee in removed:
                invites.send(
                    interview, actor=actor, method=ical.CANCEL, to=[attendee], listed=[attendee]
                )
    return interview


def _apply(interview: Interview, changes: dict) -> dict:
    """Validate and set the plain fields; {field: [old, new]} of those that differ."""
    moved = {}
    for field in CHANGEABLE:
        if field not in changes:
            continue
        value = changes[field]
        if field == "starts_at":
            value = _check_starts_at(value)
        elif field == "duration_minutes":
            value = _check_duration(value)
        else:
            value = _check_text(field, value)
            if field == "title" and not value:
                raise DomainError("Give the interview a title.", field="title")
        old = getattr(interview, field)
        if old != value:
            setattr(interview, field, value)
            moved[field] = [
                old.isoformat() if isinstance(old, datetime) else old,
                value.isoformat() if isinstance(value, datetime) else value,
            ]
    return moved


def _panel_names(interview: Interview) -> list[str]:
    return sorted(a.name for a in _current(interview) if a.role == AttendeeRole.INTERVIEWER)


def _set_interviewers(interview: Interview, interviewers) -> tuple[list[Attendee], list[Attendee]]:
    candidate_email = interview.attendees.get(role=AttendeeRole.CANDIDATE).email
    wanted = {user.pk: user for user in _check_interviewers(interviewers, candidate_email)}
    current = {a.user_id: a for a in _current(interview) if a.role == AttendeeRole.INTERVIEWER}
    now = timezone.now()
    removed = [a for user_id, a in current.items() if user_id not in wanted]
    for attendee in removed:
        attendee.removed_at = now
        attendee.save(update_fields=["removed_at"])
    added_users = [user for pk, user in wanted.items() if pk not in current]
    for user in added_users:
        _invite_interviewer(interview, user)
    added = [a for a in _current(interview) if a.user_id in {u.pk for u in added_users}]
    return added, removed


def interview_cancel(*, interview: Interview, actor: User | None) -> Interview:
    """Cancelled for everyone: METHOD:CANCEL with STATUS:CANCELLED and a higher SEQUENCE."""
    check_scheduler(actor, interview.application)
    with transaction.atomic():
        interview = Interview.objects.select_for_update().get(pk=interview.pk)
        if interview.status == InterviewStatus.CANCELLED:
            raise Conflict("This interview is already cancelled.", field="status")
        _check_open(interview)
        now = timezone.now()
        interview.status = InterviewStatus.CANCELLED
        interview.cancelled_at = now
        interview.updated_at = now
        interview.sequence += 1
        interview.save()
        events.interview_cancelled(interview=interview, actor=actor)
        hooks.interview_cancelled.send(interview=interview)
        current = _current(interview)
        invites.send(interview, actor=actor, method=ical.CANCEL, to=current, listed=current)
    return interview


def attendee_answer(*, interview: Interview, email: str, response: str) -> Attendee:
    """An attendee's Accept, Decline or Tentative (an iTIP REPLY). The same answer again
    changes nothing; a decline by the candidate gives the application's owner a follow-up."""
    if response not in Response.values or response == Response.NEEDS_ACTION:
        raise DomainError("Answer accepted, declined or tentative.", field="response")
    if interview.status == InterviewStatus.CANCELLED:
        raise DomainError("This interview is cancelled.", field="uid")
    attendee = interview.attendees.filter(
        email=email.strip().lower(), removed_at__isnull=True
    ).first()
    if attendee is None:
        raise DomainError(f"{email} is not invited to this interview.", field="attendee")
    if attendee.response == response:
        return attendee
    with transaction.atomic():
        attendee.response = response
        attendee.responded_at = timezone.now()
        attendee.save(update_fields=["response", "responded_at"])
        events.interview_answered(interview=interview, attendee=attendee)
        if attendee.role == AttendeeRole.CANDIDATE and response == Response.DECLINED:
            _declined(interview)
    return attendee


def _declined(interview: Interview) -> None:
    """A manual follow-up (no rule watches declines), due now, for whoever owns the case."""
    application = interview.application
    owner = application.owner or application.candidate.owner
    start = invites.when(interview, company_zone())
    followup_create(
        actor=None,
        candidate=application.candidate,
        application=application,
        due_at=timezone.now(),
        note=f"{application.candidate.name} declined the interview “{interview.title}” "
        f"({start}). Offer another time.",
        assignee=owner if owner is not None and owner.sees_everything else None,
    )


def calendar_feed_create(*, user: User) -> str:
    """A new private feed address for the user; the previous one stops working. Returns the
    raw secret, shown once: only its SHA-256 is stored."""
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        calendar_feed_revoke(user=user)
        CalendarFeed.objects.create(user=user, key_hash=hash_token(raw))
    return raw


def calendar_feed_revoke(*, user: User) -> None:
    CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def calendar_feed_owner(*, secret: str) -> User | None:
    """Whose feed this secret opens: None when unknown, revoked, or the user is inactive."""
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(key_hash=hash_token(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None:
        return None
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    return feed.user
