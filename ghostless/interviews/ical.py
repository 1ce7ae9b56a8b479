"""Interviews as iCalendar (RFC 5545) and iTIP (RFC 5546): the invites we send, the feed,
and the REPLY an attendee's calendar sends back.

Times are written in the company zone with TZID and a VTIMEZONE, so a calendar keeps the
wall-clock time across a daylight-saving change between scheduling and the interview.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from ghostless.core.errors import DomainError
from ghostless.followups.business_time import company_zone
from ghostless.interviews.models import Attendee, Interview, Response

PRODID = "-//Ghostless//Interviews//EN"
REQUEST, CANCEL, PUBLISH, REPLY = "REQUEST", "CANCEL", "PUBLISH", "REPLY"
PARTSTAT = {
    Response.NEEDS_ACTION: "NEEDS-ACTION",
    Response.ACCEPTED: "ACCEPTED",
    Response.DECLINED: "DECLINED",
    Response.TENTATIVE: "TENTATIVE",
}
RESPONSE = {partstat: response for response, partstat in PARTSTAT.items()}


def _address(email: str, name: str, **params) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    address.params.update(params)
    return address


def _description(interview: Interview) -> str:
    lines = [interview.title]
    if interview.location:
        lines.append(f"Where: {interview.location}")
    if interview.video_url:
        lines.append(f"Video: {interview.video_url}")
    return "\n".join(lines)


def _event(
    interview: Interview, attendees: Iterable[Attendee], *, cancelled: bool = False
) -> Event:
    zone = company_zone()
    event = Event()
    event.add("uid", interview.uid)
    event.add("sequence", interview.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", interview.starts_at.astimezone(zone))
    event.add("dtend", interview.ends_at.astimezone(zone))
    event.add("summary", interview.title)
    if interview.location:
        event.add("location", interview.location)
    if interview.video_url:
        event.add("url", interview.video_url)
    event.add("description", _description(interview))
    organizer = interview.organizer
    organizer_email = organizer.email if organizer and organizer.email else _company_address()
    event.add("organizer", _address(organizer_email, organizer.name if organizer else ""))
    for attendee in attendees:
        event.add(
            "attendee",
            _address(
                attendee.email,
                attendee.name,
                ROLE="REQ-PARTICIPANT",
                PARTSTAT=PARTSTAT[attendee.response],
                RSVP="TRUE",
            ),
        )
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def _company_address() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "recruiting@localhost"


def _calendar(method: str, events: Iterable[Event]) -> str:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def invite(interview: Interview, *, method: str, attendees: Iterable[Attendee]) -> str:
    """One interview as an iTIP REQUEST or CANCEL naming `attendees`."""
    cancelled = method == CANCEL
    return _calendar(method, [_event(interview, attendees, cancelled=cancelled)])


def feed(interviews: Iterable[Interview]) -> str:
    """A subscribed calendar (METHOD:PUBLISH); each interview lists its current attendees."""
    events = [
        _event(interview, [a for a in interview.attendees.all() if a.removed_at is None])
        for interview in interviews
    ]
    return _calendar(PUBLISH, events)


@dataclass(frozen=True)
class Reply:
    uid: str
    email: str
    response: str


def parse_reply(text: str | bytes) -> Reply:
    """The UID, the answering attendee's address and their answer of an iTIP REPLY; anything
    else (not iCalendar, another method, no UID, no ATTENDEE, an unknown PARTSTAT) is refused."""
    try:
        calendar = Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError, TypeError) as error:
        raise DomainError(f"Not an iCalendar object: {error}", field="calendar") from None
    if str(calendar.get("method", "")).upper() != REPLY:
        raise DomainError("The calendar is not an iTIP REPLY.", field="method")
    events = calendar.walk("VEVENT")
    if not events:
        raise DomainError("The REPLY has no event.", field="uid")
    event = events[0]
    uid = str(event.get("uid", "")).strip()
    if not uid:
        raise DomainError("The REPLY has no UID.", field="uid")
    attendee = event.get("attendee")
    if isinstance(attendee, list):
        attendee = attendee[0] if attendee else None
    if attendee is None:
        raise DomainError("The REPLY names no attendee.", field="attendee")
    email = str(attendee).removeprefix("mailto:").removeprefix("MAILTO:").strip().lower()
    partstat = str(attendee.params.get("PARTSTAT", "")).upper()
    if not email or partstat not in RESPONSE or partstat == "NEEDS-ACTION":
        raise DomainError("The REPLY carries no answer.", field="attendee")
    return Reply(uid=uid, email=email, response=RESPONSE[partstat])
