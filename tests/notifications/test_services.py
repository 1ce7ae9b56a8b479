"""What puts a notification under someone's bell: a reply, a follow-up come due, a hand-off,
a mention; and who must not get one."""

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import pytest
import time_machine
from django.utils import timezone

from ghostless.candidates.services import candidate_update, candidates_assign_owner
from ghostless.followups.rules import wake_snoozed
from ghostless.followups.services import followup_create, followup_done, followup_snooze
from ghostless.messaging import inbound
from ghostless.messaging.models import Message
from ghostless.messaging.services import message_queue
from ghostless.notifications.models import Notification
from ghostless.notifications.services import notify_due_followups
from ghostless.timeline.services import activity_log
from tests.factories import ApplicationFactory, CandidateFactory

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def told(user) -> list[tuple[str, str]]:
    return list(Notification.objects.filter(user=user).order_by("id").values_list("kind", "text"))


def reply(*, in_reply_to: str = "", sender: str = "cara@example.org") -> bytes:
    message = EmailMessage()
    message["From"] = f"Cara <{sender}>"
    message["To"] = "jobs@ghostless.example"
    message["Subject"] = "Re: Hello"
    message["Message-ID"] = "<reply-1@mail.example.org>"
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    message.set_content("Yes, I'm interested.")
    return message.as_bytes()


def send(application, author, settings, tmp_path, capture) -> Message:
    settings.EMAIL_BACKEND = "ghostless.messaging.backends.EmlFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    with capture(execute=True):
        return message_queue(
            candidate=application.candidate,
            actor=author,
            application=application,
            subject="Hello",
            body="Interested?",
        )


def test_a_reply_tells_the_owner_and_whoever_wrote_what_it_answers(
    application,
    recruiter,
    other_recruiter,
    admin,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    sent = send(
        application, other_recruiter, settings, tmp_path, django_capture_on_commit_callbacks
    )
    received = inbound.receive(reply(in_reply_to=sent.message_id), source="webhook")
    expected = [("reply", "Cara Candidate replied: Re: Hello")]
    assert told(recruiter) == expected  # the owner
    assert told(other_recruiter) == expected  # who wrote the message she answers
    assert told(admin) == []
    note = Notification.objects.get(user=recruiter)
    assert (note.candidate_id, note.activity_id) == (application.candidate_id, received.activity_id)


def test_the_same_reply_fetched_twice_tells_once(application, recruiter):
    inbound.receive(reply(), source="imap")
    inbound.receive(reply(), source="webhook")
    assert told(recruiter) == [("reply", "Cara Candidate replied: Re: Hello")]


def test_a_reply_put_on_the_timeline_from_triage_tells_the_owner_not_who_filed_it(
    candidate, recruiter, admin
):
    stray = inbound.receive(reply(sender="unknown@else.example"), source="webhook")
    assert stray.state == "triage" and told(recruiter) == []
    inbound.inbound_attach(inbound=stray, candidate=candidate, actor=admin)
    assert told(recruiter) == [("reply", "Cara Candidate replied: Re: Hello")]
    assert told(admin) == []


def test_a_follow_up_is_told_when_it_comes_due_once_and_again_after_a_snooze(candidate, recruiter):
    with time_machine.travel(NOON, tick=False):
        followup = followup_create(
            actor=recruiter, candidate=candidate, due_at=NOON + timedelta(hours=2), note="Call"
        )
        assert notify_due_followups() == 0  # not due yet
    with time_machine.travel(NOON + timedelta(hours=2, minutes=5), tick=False):
        assert notify_due_followups() == 1
        assert notify_due_followups() == 0  # told once
        assert told(recruiter) == [("due", "Follow-up due: Reminder for Cara Candidate (Call)")]
        followup_snooze(followup=followup, actor=recruiter, until=NOON + timedelta(hours=5))
    with time_machine.travel(NOON + timedelta(hours=5, minutes=1), tick=False):
        wake_snoozed(timezone.now())
        assert notify_due_followups() == 1
    assert [kind for kind, _ in told(recruiter)] == ["due", "due"]


def test_a_follow_up_done_before_it_is_due_or_long_overdue_tells_nobody(candidate, recruiter):
    with time_machine.travel(NOON, tick=False):
        done = followup_create(
            actor=recruiter, candidate=candidate, due_at=NOON + timedelta(hours=1)
        )
        followup_done(followup=done, actor=recruiter)
        followup_create(actor=recruiter, candidate=candidate, due_at=NOON + timedelta(hours=1))
    # The first run after three days away: the queue's overdue list says it, not the bell.
    with time_machine.travel(NOON + timedelta(days=3), tick=False):
        assert notify_due_followups() == 0
    assert told(recruiter) == []


def test_a_follow_up_given_to_someone_else_tells_them_one_taken_oneself_does_not(
    candidate, recruiter, other_recruiter
):
    due = timezone.now() + timedelta(days=1)
    followup_create(actor=recruiter, candidate=candidate, due_at=due)
    given = followup_create(
        actor=recruiter, candidate=candidate, due_at=due, assignee=other_recruiter
    )
    assert told(recruiter) == []
    assert told(other_recruiter) == [
        ("handoff", "Rita Reyes gave you a follow-up: Reminder for Cara Candidate")
    ]
    assert Notification.objects.get(user=other_recruiter).followup == given


def test_a_new_owner_is_told_of_a_candidate_handed_to_them(candidate, recruiter, other_recruiter):
    candidate_update(candidate=candidate, actor=recruiter, owner=other_recruiter)
    assert told(other_recruiter) == [("handoff", "Rita Reyes made you the owner of Cara Candidate")]
    candidate_update(candidate=candidate, actor=other_recruiter, owner=other_recruiter)
    assert len(told(other_recruiter)) == 1  # nothing changed, nothing told


def test_many_candidates_assigned_at_once_are_one_notification_linking_to_them(
    admin, other_recruiter
):
    ids = [CandidateFactory(owner=None).pk for _ in range(3)]
    candidates_assign_owner(candidate_ids=ids, owner=other_recruiter, actor=admin)
    note = Notification.objects.get(user=other_recruiter)
    assert note.text == "Alice Admin made you the owner of 3 candidates"
    assert note.url == "/candidates/?owner=ray"


def log_note(candidate, actor, body, **fields):
    return activity_log(candidate=candidate, actor=actor, kind="note", body=body, **fields)


def test_a_mention_tells_the_user_named_and_nobody_else(
    candidate, recruiter, other_recruiter, admin
):
    entry = log_note(
        candidate, recruiter, "@ray can you call her? Mail ann@example.com, not @nobody."
    )
    assert told(other_recruiter) == [
        (
            "mention",
            "Rita Reyes mentioned you on Cara Candidate: "
            "@ray can you call her? Mail ann@example.com, not @nobody.",
        )
    ]
    assert told(recruiter) == [] and told(admin) == []
    assert entry.payload["mentions"] == ["ray"]
    assert Notification.objects.get(user=other_recruiter).activity == entry


def test_a_mention_ignores_case_and_tells_once(candidate, recruiter, other_recruiter):
    log_note(candidate, recruiter, "@Ray and again @ray.")
    assert len(told(other_recruiter)) == 1


def test_a_hiring_manager_is_told_only_of_notes_she_may_read(
    application, recruiter, hiring_manager, outsider, other_recruiter
):
    candidate = application.candidate
    log_note(candidate, recruiter, "Private: @hana @ray", private=True)
    assert told(hiring_manager) == []  # private notes are for recruiters
    assert len(told(other_recruiter)) == 1
    log_note(candidate, recruiter, "@hana please look", application=application)
    assert [kind for kind, _ in told(hiring_manager)] == ["mention"]
    log_note(candidate, recruiter, "@otto see this")  # another team's manager: not her candidate
    assert told(outsider) == []


def test_a_note_about_another_managers_job_tells_her_nothing(
    application, recruiter, outsider, other_job
):
    theirs = ApplicationFactory(candidate=application.candidate, job=other_job)
    log_note(application.candidate, recruiter, "@otto and @hana", application=application)
    assert told(outsider) == []  # she sees the candidate, not this job's notes
    log_note(application.candidate, recruiter, "@otto yours", application=theirs)
    assert [kind for kind, _ in told(outsider)] == ["mention"]


@pytest.mark.parametrize("body", ["no mentions here", "email me at rita@example.com"])
def test_notes_without_a_mention_tell_nobody(candidate, recruiter, other_recruiter, body):
    entry = log_note(candidate, other_recruiter, body)
    assert Notification.objects.count() == 0 and "mentions" not in entry.payload
