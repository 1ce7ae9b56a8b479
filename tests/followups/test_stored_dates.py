"""Rules over times an older version let in: a reply stored as from year 1 still gets its
follow-up, and the run goes on for everyone else."""

from datetime import UTC, datetime

import time_machine

from ghostless.candidates.models import Candidate
from ghostless.followups.digest import digest_for
from ghostless.followups.models import FollowUp
from ghostless.followups.rules import run_rules
from ghostless.followups.services import followup_create
from ghostless.timeline.models import Activity
from tests.factories import CandidateFactory

FIRST = datetime(1, 1, 1, tzinfo=UTC)
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def replied(candidate, when):
    Activity.objects.create(
        candidate=candidate, kind="email", direction="inbound", occurred_at=when
    )
    Candidate.objects.filter(pk=candidate.pk).update(last_inbound_at=when, last_contact_at=when)


def test_a_reply_stored_from_year_one_is_overdue_and_the_rules_run_on(recruiter):
    ancient, recent = CandidateFactory(owner=recruiter), CandidateFactory(owner=recruiter)
    replied(ancient, FIRST)
    replied(recent, datetime(2026, 11, 18, 9, 0, tzinfo=UTC))
    with time_machine.travel(NOW, tick=False):
        run_rules(full=True)
    waiting = FollowUp.objects.filter(reason="awaiting_reply")
    assert set(waiting.values_list("candidate", flat=True)) == {ancient.pk, recent.pk}
    oldest = waiting.get(candidate=ancient)
    assert oldest.waiting_since == FIRST
    assert oldest.due_at < datetime(1971, 1, 1, tzinfo=UTC)


def test_the_digest_lists_a_follow_up_due_in_year_one_where_the_reader_lives(recruiter):
    recruiter.time_zone = "America/Los_Angeles"
    recruiter.save()
    followup = followup_create(
        actor=recruiter, candidate=CandidateFactory(owner=recruiter), due_at=NOW
    )
    FollowUp.objects.filter(pk=followup.pk).update(due_at=FIRST, waiting_since=FIRST)
    subject, text, html = digest_for(recruiter, NOW)
    assert "due Mon 1 Jan, 00:00" in text
