from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from ghostless.core.errors import DomainError
from ghostless.timeline.selectors import timeline
from ghostless.timeline.services import activity_log
from tests.factories import ApplicationFactory, JobFactory

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


@time_machine.travel(NOW, tick=False)
def test_logging_a_call_sets_last_contact(candidate, recruiter):
    earlier = NOW - timedelta(hours=2)
    activity_log(
        candidate=candidate, actor=recruiter, kind="call", outcome="no_answer", occurred_at=earlier
    )
    candidate.refresh_from_db()
    assert candidate.last_contact_at == earlier
    # An older touch logged later does not move last contact back.
    activity_log(
        candidate=candidate,
        actor=recruiter,
        kind="sms",
        body="Running late",
        occurred_at=earlier - timedelta(days=1),
    )
    candidate.refresh_from_db()
    assert candidate.last_contact_at == earlier


def test_a_note_is_not_a_contact(candidate, recruiter):
    activity_log(
        candidate=candidate,
        actor=recruiter,
        kind="note",
        direction="internal",
        body="Strong on SQL",
    )
    candidate.refresh_from_db()
    assert candidate.last_contact_at is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "stage_change"}, "kind"),
        ({"kind": "fax"}, "kind"),
        ({"kind": "call", "direction": "sideways"}, "direction"),
        ({"kind": "call", "outcome": "maybe"}, "outcome"),
        ({"kind": "call", "occurred_at": datetime(2999, 1, 1, tzinfo=UTC)}, "occurred_at"),
        ({"kind": "call", "occurred_at": datetime(2024, 1, 1)}, "occurred_at"),  # noqa: DTZ001
    ],
)
def test_invalid_activities_are_refused_naming_the_field(candidate, recruiter, fields, field):
    with pytest.raises(DomainError) as exc:
        activity_log(candidate=candidate, actor=recruiter, **fields)
    assert exc.value.field == field


def test_an_activity_cannot_point_at_another_candidates_application(candidate, recruiter):
    other = ApplicationFactory()
    with pytest.raises(DomainError) as exc:
        activity_log(candidate=candidate, actor=recruiter, kind="call", application=other)
    assert exc.value.field == "application_id"


def test_hiring_manager_sees_neither_private_entries_nor_other_jobs(
    application, recruiter, hiring_manager
):
    candidate = application.candidate
    elsewhere = ApplicationFactory(candidate=candidate, job=JobFactory(title="Sales Lead"))
    activity_log(candidate=candidate, actor=recruiter, kind="note", body="salary 90k", private=True)
    activity_log(
        candidate=candidate,
        actor=recruiter,
        kind="call",
        application=elsewhere,
        subject="about sales",
    )
    activity_log(
        candidate=candidate,
        actor=recruiter,
        kind="call",
        application=application,
        subject="about backend",
    )
    seen = {a.subject or a.body for a in timeline(user=hiring_manager, candidate=candidate)}
    assert "about backend" in seen
    assert "about sales" not in seen and "salary 90k" not in seen
    everything = {a.subject or a.body for a in timeline(user=recruiter, candidate=candidate)}
    assert {"about sales", "salary 90k", "about backend"} <= everything


def test_timeline_is_newest_first_and_filters_by_kind_and_job(application, recruiter):
    candidate = application.candidate
    activity_log(
        candidate=candidate,
        actor=recruiter,
        kind="call",
        subject="old",
        occurred_at=datetime(2025, 1, 1, tzinfo=UTC),
    )
    activity_log(
        candidate=candidate, actor=recruiter, kind="sms", subject="new", application=application
    )
    entries = list(timeline(user=recruiter, candidate=candidate))
    assert entries[0].subject == "new" and entries[-1].subject == "old"
    assert [a.subject for a in timeline(user=recruiter, candidate=candidate, kind="call")] == [
        "old"
    ]
    by_job = timeline(user=recruiter, candidate=candidate, job=application.job_id)
    assert "old" not in {a.subject for a in by_job}


def test_a_hiring_managers_note_is_tied_to_her_job_so_other_managers_never_see_it(
    application, hiring_manager, outsider
):
    candidate = application.candidate
    ApplicationFactory(candidate=candidate, job=JobFactory(title="Sales", hiring_manager=outsider))
    note = activity_log(
        candidate=candidate,
        actor=hiring_manager,
        kind="note",
        direction="internal",
        body="Strong interview",
    )
    assert note.application == application
    assert "Strong interview" not in {a.body for a in timeline(user=outsider, candidate=candidate)}


def test_a_hiring_manager_cannot_log_private_entries(application, hiring_manager):
    with pytest.raises(DomainError) as exc:
        activity_log(
            candidate=application.candidate, actor=hiring_manager, kind="note", private=True
        )
    assert exc.value.field == "private"
