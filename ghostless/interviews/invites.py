"""Sending an interview's iCalendar invites through the outbox: one message per attendee.

The candidate's goes through `message_queue` (suppression, their timeline, the unsubscribe
footer); an interviewer's through `notification_queue`. The idempotency key holds the
interview, its SEQUENCE and the address, so one change is never mailed twice to anyone.
Bodies come from the editable templates the data migration made (purpose interview_invite);
a template renamed away or that cannot render leaves the built-in text below.
"""

import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings

from ghostless.accounts.models import User
from ghostless.core.errors import DomainError
from ghostless.followups.business_time import company_zone
from ghostless.interviews import ical
from ghostless.interviews.models import Attendee, AttendeeRole, Interview
from ghostless.messaging import rendering
from ghostless.messaging.models import EmailTemplate, Purpose
from ghostless.messaging.services import message_queue, notification_queue, template_mark_broken

logger = logging.getLogger(__name__)

INVITATION = "Interview scheduled"
CANCELLATION = "Interview cancelled"
# The texts the data migration writes; one template serves the candidate and the panel.
DEFAULT_TEXT = {
    INVITATION: (
        "{{ interview.title }}: {{ interview.when }}",
        "Hello {{ interview.recipient }},\n\n"
        "{{ interview.title }} for {{ job.title }} at {{ company.name }}: "
        "{{ interview.when }}.\n\n"
        "{% if interview.location %}Where: {{ interview.location }}\n{% endif %}"
        "{% if interview.video_url %}Video: {{ interview.video_url }}\n{% endif %}"
        "With: {{ interview.interviewers }}\n\n"
        "{% if interview.note %}{{ interview.note }}\n\n{% endif %}"
        "{% if interview.hear_back_by %}You will hear from us by "
        "{{ interview.hear_back_by }}.\n\n{% endif %}"
        "{% if interview.kit_link %}Candidate: {{ candidate.name }}\n"
        "Your interview kit: {{ interview.kit_link }}\n\n{% endif %}"
        "The invitation is attached: accept or decline it in your calendar.\n\n"
        "{{ recruiter.name }}\n",
    ),
    CANCELLATION: (
        "Cancelled: {{ interview.title }}, {{ interview.when }}",
        "Hello {{ interview.recipient }},\n\n"
        "{{ interview.title }} for {{ job.title }} on {{ interview.when }} is cancelled; "
        "your calendar will remove it.\n\n"
        "{{ recruiter.name }}\n",
    ),
}


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name) if name else company_zone()
    except (ZoneInfoNotFoundError, ValueError):
        return company_zone()


def _day(moment: datetime) -> str:
    return f"{moment:%A} {moment.day} {moment:%B}"


def when(interview: Interview, zone: ZoneInfo) -> str:
    """ "Tuesday 15 December 2026, 10:00–11:00 (Europe/Berlin)", in the recipient's zone."""
    start, end = interview.starts_at.astimezone(zone), interview.ends_at.astimezone(zone)
    return f"{_day(start)} {start.year}, {start:%H:%M}–{end:%H:%M} ({zone.key})"


def _first_name(interview: Interview, attendee: Attendee) -> str:
    if attendee.role == AttendeeRole.CANDIDATE:
        person = interview.application.candidate
    else:
        person = attendee.user
    return (person.first_name if person else "") or attendee.name or attendee.email


def _fields(interview: Interview, attendee: Attendee, current: list[Attendee]) -> dict:
    """The `interview` merge fields for one recipient: the note and the promise are the
    candidate's, the kit link the interviewers'."""
    candidate = attendee.role == AttendeeRole.CANDIDATE
    if candidate:
        zone = _zone(interview.application.candidate.time_zone)
    else:
        zone = _zone(attendee.user.time_zone if attendee.user else "")
    hear_back_by = interview.application.hear_back_by
    return {
        "recipient": _first_name(interview, attendee),
        "title": interview.title,
        "when": when(interview, zone),
        "location": interview.location,
        "video_url": interview.video_url,
        "interviewers": ", ".join(
            a.name or a.email for a in current if a.role == AttendeeRole.INTERVIEWER
        ),
        "kit_link": "" if candidate else f"{settings.SITE_URL}/interviews/{interview.pk}/kit/",
        "note": interview.note if candidate else "",
        "hear_back_by": _day(hear_back_by.astimezone(zone)) if candidate and hear_back_by else "",
    }


def _template(name: str) -> EmailTemplate | None:
    return EmailTemplate.objects.filter(purpose=Purpose.INTERVIEW_INVITE, name=name).first()


def _key(interview: Interview, attendee: Attendee) -> str:
    return f"interview:{interview.pk}:{interview.sequence}:{attendee.email}"


@dataclass(frozen=True)
class _Invite:
    """What every recipient of one change gets alike."""

    interview: Interview
    method: str
    calendar: str
    name: str
    template: EmailTemplate | None


def send(
    interview: Interview,
    *,
    actor: User | None,
    method: str,
    to: list[Attendee],
    listed: list[Attendee],
) -> None:
    """Queue `method` (REQUEST or CANCEL) for each attendee in `to`; the calendar names
    `listed` as its attendees (everyone current, or only those a CANCEL removes)."""
    name = CANCELLATION if method == ical.CANCEL else INVITATION
    invite = _Invite(
        interview=interview,
        method=method,
        calendar=ical.invite(interview, method=method, attendees=listed),
        name=name,
        template=_template(name),
    )
    current = [a for a in interview.attendees.all() if a.removed_at is None]
    for attendee in to:
        fields = _fields(interview, attendee, current)
        if attendee.role == AttendeeRole.CANDIDATE:
            _to_candidate(invite, attendee, fields, actor=actor)
        elif attendee.user is not None:  # an account deleted since keeps no inbox here
            _to_interviewer(invite, attendee, fields)


def _to_candidate(invite: _Invite, attendee: Attendee, fields: dict, *, actor) -> None:
    subject, body = ("", "") if invite.template else DEFAULT_TEXT[invite.name]
    # A hiring manager may schedule but not write to candidates: the company sends it.
    sender = actor if actor is None or actor.sees_everything else None
    try:
        message_queue(
            candidate=invite.interview.application.candidate,
            actor=sender,
            template=invite.template,
            subject=subject,
            body=body,
            application=invite.interview.application,
            to_email=attendee.email,
            idempotency_key=_key(invite.interview, attendee),
            calendar=invite.calendar,
            calendar_method=invite.method,
            interview=fields,
        )
    except DomainError as error:
        if isinstance(error, rendering.RenderError):
            raise
        # A suppressed address, say: the application cannot be interviewed by email.
        raise DomainError(error.message, field="application") from None


def _to_interviewer(invite: _Invite, attendee: Attendee, fields: dict) -> None:
    application = invite.interview.application
    context = rendering.merge_context(
        candidate=application.candidate,
        job=application.job,
        recruiter=invite.interview.organizer,
        interview=fields,
    )
    # The candidate's own links are not for the panel.
    context["links"] = {"keep_in_touch": "", "unsubscribe": ""}
    template = invite.template
    subject, body = (template.subject, template.body) if template else DEFAULT_TEXT[invite.name]
    try:
        rendered = rendering.render(subject=subject, body=body, context=context)
    except rendering.RenderError as error:
        if template is None:
            raise
        logger.warning("Template %s failed for an interviewer: %s", template.name, error.message)
        template_mark_broken(template=template, reason=error.message)
        subject, body = DEFAULT_TEXT[invite.name]
        rendered = rendering.render(subject=subject, body=body, context=context)
    notification_queue(
        to_user=attendee.user,
        subject=rendered.subject,
        body=rendered.text,
        html=rendered.html,
        idempotency_key=_key(invite.interview, attendee),
        calendar=invite.calendar,
        calendar_method=invite.method,
    )
