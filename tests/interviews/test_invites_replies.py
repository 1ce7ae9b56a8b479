"""An Accept / Decline arriving as an iTIP REPLY through the inbound mail path."""

from datetime import UTC, datetime
from email.message import EmailMessage

import pytest
from icalendar import Calendar, Event, vCalAddress

from ghostless.core.errors import DomainError
from ghostless.followups.models import FollowUp
from ghostless.interviews import ical, services
from ghostless.interviews.models import Attendee
from ghostless.messaging import inbound
from ghostless.messaging.models import InboundState
from ghostless.timeline.models import Activity, EventKind
from tests.interviews import invites_fixtures as fixtures
from tests.interviews.invites_fixtures import schedule

ivan, iris = fixtures.ivan, fixtures.iris


@pytest.fixture
def interview(application, recruiter, ivan, eml_outbox, django_capture_on_commit_callbacks):
    return schedule(application, recruiter, [ivan], django_capture_on_commit_callbacks)


def reply_mail(
    *, uid: str, attendee: str, partstat: str, sender: str | None = None, n: int = 0
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Test client//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REPLY")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", datetime(2026, 12, 2, 12, tzinfo=UTC))
    address = vCalAddress(f"mailto:{attendee}")
    address.params["PARTSTAT"] = partstat
    event.add("attendee", address)
    calendar.add_component(event)
    mail = EmailMessage()
    mail["From"] = sender or attendee
    mail["To"] = "jobs@example.com"
    mail["Subject"] = f"{partstat.title()}: Technical interview"
    mail["Message-ID"] = f"<{n}-{partstat}-{attendee}@client.example>"
    mail.set_content(f"{attendee} answered {partstat}.")
    mail.add_alternative(
        calendar.to_ical().decode(), subtype="calendar", params={"method": "REPLY"}
    )
    return mail.as_bytes()


def receive(raw: bytes, capture):
    with capture(execute=True):
        return inbound.receive(raw, source="webhook")


def answers(interview) -> dict[str, str]:
    return dict(interview.attendees.values_list("email", "response"))


def test_an_interviewer_accepting_updates_the_answer_and_the_timeline(
    interview, django_capture_on_commit_callbacks
):
    raw = reply_mail(uid=interview.uid, attendee="ivan@example.com", partstat="ACCEPTED")
    receive(raw, django_capture_on_commit_callbacks)
    assert answers(interview)["ivan@example.com"] == "accepted"
    entry = Activity.objects.get(payload__event=EventKind.INTERVIEW_ANSWERED)
    assert entry.subject == "Ivan Ivanov accepted: Technical interview"
    assert entry.payload["response"] == "accepted"
    assert not FollowUp.objects.exists()


def test_a_candidate_declining_gives_the_recruiter_a_follow_up(
    interview, recruiter, django_capture_on_commit_callbacks
):
    raw = reply_mail(uid=interview.uid, attendee="cara@example.org", partstat="DECLINED")
    mail = receive(raw, django_capture_on_commit_callbacks)
    assert answers(interview)["cara@example.org"] == "declined"
    # The email itself is on the candidate's timeline like any other.
    assert mail.state == InboundState.MATCHED
    followup = FollowUp.objects.get()
    assert followup.assignee == recruiter and followup.reason == "manual"
    assert followup.application == interview.application
    assert "declined the interview “Technical interview”" in followup.note


def test_the_same_answer_twice_is_one_timeline_entry(interview, django_capture_on_commit_callbacks):
    for n in range(2):
        raw = reply_mail(uid=interview.uid, attendee="ivan@example.com", partstat="TENTATIVE")
        receive(
            raw.replace(b"TENTATIVE@", f"TENTATIVE{n}@".encode()),
            django_capture_on_commit_callbacks,
        )
    assert answers(interview)["ivan@example.com"] == "tentative"
    assert Activity.objects.filter(payload__event=EventKind.INTERVIEW_ANSWERED).count() == 1


@pytest.mark.parametrize(
    "uid, attendee, sender",
    [
        ("unknown@elsewhere", "ivan@example.com", None),
        (None, "stranger@example.net", None),
        # Naming Ivan, but sent by someone not on the interview: forged.
        (None, "ivan@example.com", "mallory@example.net"),
    ],
)
def test_an_unknown_uid_or_a_stranger_changes_nothing(
    interview, uid, attendee, sender, django_capture_on_commit_callbacks, caplog
):
    raw = reply_mail(
        uid=uid or interview.uid, attendee=attendee, partstat="DECLINED", sender=sender
    )
    mail = receive(raw, django_capture_on_commit_callbacks)
    assert set(answers(interview).values()) == {"needs_action"}
    assert not Activity.objects.filter(payload__event=EventKind.INTERVIEW_ANSWERED).exists()
    assert not FollowUp.objects.exists()
    # The mail is still kept where unmatched mail goes, and the refusal is logged.
    assert mail.pk and mail.state == InboundState.TRIAGE
    assert "Calendar reply" in caplog.text


def test_a_removed_interviewer_answering_changes_nothing(
    interview, recruiter, ivan, iris, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.interview_update(interview=interview, actor=recruiter, interviewers=[iris])
    raw = reply_mail(uid=interview.uid, attendee="ivan@example.com", partstat="ACCEPTED")
    receive(raw, django_capture_on_commit_callbacks)
    assert Attendee.objects.get(email="ivan@example.com").response == "needs_action"


@pytest.mark.parametrize(
    "text",
    [
        "not a calendar",
        "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n",
        "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:x\r\n"
        "ATTENDEE;PARTSTAT=MAYBE:mailto:a@b.c\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    ],
)
def test_the_reply_parser_refuses_what_is_not_an_answer(text):
    with pytest.raises(DomainError):
        ical.parse_reply(text)
