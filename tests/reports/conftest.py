"""A small world whose every ghosting figure is worked out by hand (tests/reports/*.py).

March 2026, UTC, no US holiday. Rita owns Backend Engineer's applicants (Hana manages it),
Ray owns Sales Lead's (Otto manages it). Times are business days and hours on the follow-up
rules' clock: Friday 16:00 to Monday 10:00 is 18 business hours.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import time_machine

from ghostless.followups.models import FollowUp, Reason
from ghostless.interviews.models import Interview
from ghostless.jobs.models import Application, ApplicationStatus, Job, JobStatus
from ghostless.timeline.events import record
from ghostless.timeline.models import Direction, Kind
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory

NOW = datetime(2026, 3, 25, 12, tzinfo=UTC)
RANGE = {"from": "2026-03-01", "to": "2026-03-24"}


def at(day: int, hour: int, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


@dataclass
class World:
    backend: Job
    sales: Job
    apps: dict


def _decide(application, *, status, changed, told=None, skip=""):
    Application.objects.filter(pk=application.pk).update(
        status=status, status_changed_at=changed, told_at=told, loop_skip_reason=skip
    )


def _touch(application, direction, when, *, kind=Kind.EMAIL, private=False):
    """Through the timeline's own writer, which keeps each reply's `answered_at`."""
    record(
        candidate=application.candidate,
        actor=None,
        kind=kind,
        direction=direction,
        occurred_at=when,
        private=private,
        application=application,
    )


@pytest.fixture
def world(recruiter, other_recruiter, hiring_manager, outsider):
    with time_machine.travel(at(20, 9, month=2), tick=False):
        backend = JobFactory(title="Backend Engineer", hiring_manager=hiring_manager)
        sales = JobFactory(title="Sales Lead", hiring_manager=outsider, department="Sales")
        apps = {}
        for name, job, owner in [
            ("a1", backend, recruiter),
            ("a2", backend, recruiter),
            ("a3", backend, recruiter),
            ("a4", backend, recruiter),
            ("a5", sales, other_recruiter),
            ("a6", backend, recruiter),
            ("a7", backend, recruiter),
            ("a8", backend, recruiter),
        ]:
            person = CandidateFactory(first_name=name.upper(), last_name="Person", owner=owner)
            apps[name] = ApplicationFactory(candidate=person, job=job)
            Application.objects.filter(pk=apps[name].pk).update(owner=owner)
    rejected = ApplicationStatus.REJECTED
    # Decisions in range: told in 1, 4 and 11 business days, one skipped, one never told.
    _decide(apps["a1"], status=rejected, changed=at(2, 9), told=at(3, 9))
    _decide(apps["a2"], status=rejected, changed=at(5, 10), told=at(11, 10))
    _decide(apps["a3"], status=rejected, changed=at(2, 9))
    _decide(apps["a4"], status=rejected, changed=at(3, 9), skip="Told by phone")
    Job.objects.filter(pk=sales.pk).update(status=JobStatus.FILLED, status_changed_at=at(6, 12))
    Application.objects.filter(pk=apps["a5"].pk).update(told_at=at(23, 12))
    # Not decisions: hired, withdrawn, and a rejection before the range.
    _decide(apps["a6"], status=ApplicationStatus.HIRED, changed=at(4, 9))
    _decide(apps["a7"], status=ApplicationStatus.WITHDRAWN, changed=at(4, 9))
    _decide(apps["a8"], status=rejected, changed=at(1, 9, month=2))
    # Replies: answered in 4, 18 and 48 business hours; one never answered; a private entry.
    _touch(apps["a1"], Direction.INBOUND, at(2, 10))
    _touch(apps["a1"], Direction.OUTBOUND, at(2, 14), kind=Kind.CALL)
    _touch(apps["a3"], Direction.INBOUND, at(6, 16))
    _touch(apps["a3"], Direction.OUTBOUND, at(9, 10))
    _touch(apps["a5"], Direction.INBOUND, at(3, 9))
    _touch(apps["a5"], Direction.OUTBOUND, at(5, 9))
    _touch(apps["a2"], Direction.INBOUND, at(4, 12))
    _touch(apps["a4"], Direction.INBOUND, at(4, 12), kind=Kind.CALL, private=True)
    # Promises: two interviews (a2's feedback chased), a3's "hear back by" kept by the answer
    # of 9 March; a2's decision chased.
    for name in ("a1", "a2"):
        Interview.objects.create(
            application=apps[name], title="Tech", starts_at=at(4, 10), duration_minutes=60
        )
    chased = Interview.objects.get(application=apps["a2"])
    FollowUp.objects.create(
        candidate_id=apps["a2"].candidate_id,
        application=apps["a2"],
        interview=chased,
        reason=Reason.FEEDBACK_DUE,
        due_at=at(5, 11),
        waiting_since=at(4, 11),
    )
    Application.objects.filter(pk=apps["a3"].pk).update(hear_back_by=at(10, 12))
    FollowUp.objects.create(
        candidate_id=apps["a2"].candidate_id,
        application=apps["a2"],
        reason=Reason.DECISION_DUE,
        due_at=at(6, 11),
        waiting_since=at(4, 11),
    )
    with time_machine.travel(NOW, tick=False):
        yield World(backend=backend, sales=sales, apps=apps)
