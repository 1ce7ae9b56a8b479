"""One interview's life through the real SMTP server: schedule, reschedule, remove an
interviewer, cancel. Every invite is parsed back with icalendar."""

from datetime import timedelta

from django.utils import timezone

from ghostless.interviews import ical, invites, services
from ghostless.interviews.models import Attendee, InterviewStatus
from ghostless.messaging import outbox
from ghostless.messaging.models import Message
from ghostless.timeline.models import Activity, EventKind
from tests.interviews import invites_fixtures as fixtures
from tests.interviews.invites_fixtures import attendee_emails, calendars, event_of, schedule

smtp, ivan, iris = fixtures.smtp, fixtures.ivan, fixtures.iris


def by_recipient(messages):
    return {mail["To"]: mail for mail in messages}


def test_schedule_sends_one_request_per_attendee(
    smtp, application, recruiter, ivan, iris, django_capture_on_commit_callbacks
):
    interview = schedule(
        application,
        recruiter,
        [ivan, iris],
        django_capture_on_commit_callbacks,
        location="Office, room 2",
        video_url="https://meet.example.com/abc",
        note="Bring a laptop.",
    )
    received = by_recipient(smtp.messages)
    assert set(received) == {"cara@example.org", "ivan@example.com", "iris@example.com"}
    for mail in received.values():
        part, calendar, attached = calendars(mail)
        assert part.get_param("method") == "REQUEST"
        assert calendar["method"] == "REQUEST" and attached["method"] == "REQUEST"
        event = event_of(calendar)
        assert str(event["uid"]) == interview.uid
        assert event["sequence"] == 0
        assert event["status"] == "CONFIRMED"
        assert str(event["summary"]) == "Technical interview"
        assert str(event["location"]) == "Office, room 2"
        assert str(event["organizer"]) == "mailto:rita@example.com"
        assert attendee_emails(event) == set(received)
        for attendee in event["attendee"]:
            assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
            assert attendee.params["RSVP"] == "TRUE"
            assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
    candidate_text = received["cara@example.org"].get_body(("plain",)).get_content()
    assert "Bring a laptop." in candidate_text and "/kit/" not in candidate_text
    panel_text = received["ivan@example.com"].get_body(("plain",)).get_content()
    assert f"/interviews/{interview.pk}/kit/" in panel_text
    assert "Bring a laptop." not in panel_text and "Hello Ivan" in panel_text
    # The candidate's invite is an email on their timeline like any other.
    assert Activity.objects.filter(candidate=application.candidate, kind="email").exists()
    assert Activity.objects.filter(payload__event=EventKind.INTERVIEW_SCHEDULED).count() == 1


def test_reschedule_remove_and_cancel_keep_the_uid_and_raise_the_sequence(
    smtp, application, recruiter, ivan, iris, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    interview = schedule(application, recruiter, [ivan, iris], capture)
    with capture(execute=True):
        services.interview_update(
            interview=interview,
            actor=recruiter,
            starts_at=interview.starts_at + timedelta(hours=2),
        )
    with capture(execute=True):
        services.interview_update(interview=interview, actor=recruiter, interviewers=[ivan])
    with capture(execute=True):
        services.interview_cancel(interview=interview, actor=recruiter)

    sent = [(mail["To"], *calendars(mail)[1:2]) for mail in smtp.messages]
    seen = [
        (to, str(cal["method"]), event_of(cal)["sequence"], str(event_of(cal)["status"]))
        for to, cal in sent
    ]
    assert {str(event_of(cal)["uid"]) for _, cal in sent} == {interview.uid}
    everyone = ["cara@example.org", "ivan@example.com", "iris@example.com"]
    assert sorted(seen) == sorted(
        [(to, "REQUEST", 0, "CONFIRMED") for to in everyone]
        + [(to, "REQUEST", 1, "CONFIRMED") for to in everyone]
        + [(to, "REQUEST", 2, "CONFIRMED") for to in everyone[:2]]
        + [("iris@example.com", "CANCEL", 2, "CANCELLED")]
        + [(to, "CANCEL", 3, "CANCELLED") for to in everyone[:2]]
    )
    # The removed interviewer's CANCEL names only her; the others' requests no longer list her.
    [(_, iris_cancel)] = [
        (to, cal)
        for to, cal in sent
        if str(cal["method"]) == "CANCEL" and event_of(cal)["sequence"] == 2
    ]
    assert attendee_emails(event_of(iris_cancel)) == {"iris@example.com"}
    last_request = [
        cal
        for to, cal in sent
        if event_of(cal)["sequence"] == 2 and str(cal["method"]) == "REQUEST"
    ][0]
    assert attendee_emails(event_of(last_request)) == {"cara@example.org", "ivan@example.com"}
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.CANCELLED and interview.sequence == 3
    assert Attendee.objects.get(email="iris@example.com").removed_at is not None
    kinds = list(
        Activity.objects.filter(application=application, payload__event__startswith="interview")
        .order_by("id")
        .values_list("payload__event", flat=True)
    )
    assert kinds == [
        "interview_scheduled",
        "interview_rescheduled",
        "interview_rescheduled",
        "interview_cancelled",
    ]
    assert Message.objects.filter(calendar_method="CANCEL").count() == 3


def test_a_removed_interviewer_can_be_added_again(
    smtp, application, recruiter, ivan, iris, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    interview = schedule(application, recruiter, [ivan, iris], capture)
    with capture(execute=True):
        services.interview_update(interview=interview, actor=recruiter, interviewers=[ivan])
    with capture(execute=True):
        services.interview_update(interview=interview, actor=recruiter, interviewers=[ivan, iris])
    back = Attendee.objects.get(interview=interview, email="iris@example.com")
    assert back.removed_at is None and back.response == "needs_action"
    last = [m for m in smtp.messages if m["To"] == "iris@example.com"][-1]
    _, calendar, _ = calendars(last)
    assert calendar["method"] == "REQUEST" and event_of(calendar)["sequence"] == 2


def test_a_note_only_change_sends_nothing_and_keeps_the_sequence(
    smtp, application, recruiter, ivan, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    interview = schedule(application, recruiter, [ivan], capture)
    with capture(execute=True):
        services.interview_update(interview=interview, actor=recruiter, note="Parking at the back.")
    interview.refresh_from_db()
    assert interview.note == "Parking at the back." and interview.sequence == 0
    assert len(smtp.messages) == 2


def test_the_timeline_says_what_changed(
    smtp, application, recruiter, ivan, iris, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    interview = schedule(application, recruiter, [ivan], capture)
    with capture(execute=True):
        services.interview_update(
            interview=interview, actor=recruiter, interviewers=[iris], location="Room 4"
        )
    entry = Activity.objects.get(payload__event=EventKind.INTERVIEW_RESCHEDULED)
    assert entry.payload["changes"] == {
        "location": ["", "Room 4"],
        "interviewers": [["Ivan Ivanov"], ["Iris Ito"]],
    }
    assert entry.payload["sequence"] == 1


def test_sending_one_change_again_mails_nobody_twice(
    smtp, application, recruiter, ivan, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    interview = schedule(application, recruiter, [ivan], capture)
    current = list(interview.attendees.all())
    with capture(execute=True):
        invites.send(interview, actor=recruiter, method=ical.REQUEST, to=current, listed=current)
    assert Message.objects.count() == 2 and len(smtp.messages) == 2


def test_invites_wait_out_a_server_outage_and_go_once_with_their_calendar(
    smtp, application, recruiter, ivan, django_capture_on_commit_callbacks, time_machine
):
    smtp.stop()
    interview = schedule(application, recruiter, [ivan], django_capture_on_commit_callbacks)
    assert set(Message.objects.values_list("status", flat=True)) == {"queued"}
    smtp.start()
    time_machine.move_to(timezone.now() + timedelta(minutes=1))
    for pk in outbox.due_message_ids():
        outbox.handle_one(pk)
    assert sorted(m["To"] for m in smtp.messages) == ["cara@example.org", "ivan@example.com"]
    for mail in smtp.messages:
        _, calendar, _ = calendars(mail)
        assert str(event_of(calendar)["uid"]) == interview.uid


def test_a_refused_interviewer_address_fails_only_their_invite(
    smtp, application, recruiter, ivan, django_capture_on_commit_callbacks
):
    smtp.recorder.refuse["ivan@example.com"] = "550 No such user"
    schedule(application, recruiter, [ivan], django_capture_on_commit_callbacks)
    statuses = dict(Message.objects.values_list("to_email", "status"))
    assert statuses == {"cara@example.org": "sent", "ivan@example.com": "failed"}
