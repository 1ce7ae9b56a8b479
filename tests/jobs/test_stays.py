"""StageChange.left_at, the end of each stay: kept by every service that writes stage history,
and backfilled by the migration, equal to the application's first strictly later change."""

import importlib
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.apps import apps

from ghostless.jobs.models import StageChange
from ghostless.jobs.services import (
    application_hire,
    application_move,
    application_move_undo,
    application_reject,
    application_reopen,
    application_withdraw,
    stage_delete,
)
from ghostless.jobs.stays import following, stays_refresh
from tests.factories import ApplicationFactory, CandidateFactory

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)


def history(application) -> list[tuple[str, datetime, datetime | None]]:
    changes = StageChange.objects.filter(application=application).order_by("changed_at", "id")
    return [(c.to_stage.name, c.changed_at, c.left_at) for c in changes]


def expected(application) -> list[datetime | None]:
    """What the report used to compute with its correlated subquery."""
    changes = StageChange.objects.filter(application=application).order_by("changed_at", "id")
    return [
        min((o.changed_at for o in changes if o.changed_at > c.changed_at), default=None)
        for c in changes
    ]


def move(application, name, actor, at):
    with time_machine.travel(at, tick=False):
        application_move(
            application=application, stage=application.job.stages.get(name=name), actor=actor
        )
    return application.stage_changes.order_by("-id").first()


@pytest.fixture
def placed(job):
    with time_machine.travel(T0, tick=False):
        return ApplicationFactory(candidate=CandidateFactory(), job=job)


def test_a_move_ends_the_stay_before_it(placed, recruiter):
    move(placed, "Screen", recruiter, T0 + timedelta(hours=1))
    move(placed, "Interview", recruiter, T0 + timedelta(hours=5))
    assert history(placed) == [
        ("Sourced", T0, T0 + timedelta(hours=1)),
        ("Screen", T0 + timedelta(hours=1), T0 + timedelta(hours=5)),
        ("Interview", T0 + timedelta(hours=5), None),
    ]


def test_an_undo_ends_the_moved_stay_and_opens_one_back_where_it_was(placed, recruiter):
    at = T0 + timedelta(hours=1)
    change = move(placed, "Interview", recruiter, at)
    with time_machine.travel(at + timedelta(seconds=30), tick=False):
        application_move_undo(application=placed, change_id=change.pk, actor=recruiter)
    assert history(placed) == [
        ("Sourced", T0, at),
        ("Interview", at, at + timedelta(seconds=30)),
        ("Sourced", at + timedelta(seconds=30), None),
    ]


def test_hire_moves_to_hired_and_ends_the_stay_there(placed, recruiter):
    at = T0 + timedelta(days=2)
    with time_machine.travel(at, tick=False):
        application_hire(application=placed, actor=recruiter)
    lefts = [left for _, _, left in history(placed)]
    assert lefts == expected(placed) == [at, None]
    assert placed.stage_changes.latest("id").to_stage.name == "Hired"


def test_reject_withdraw_and_reopen_leave_the_stage_history_alone(placed, recruiter, reason):
    # The report ends a closed application's last stay at its status change, not left_at.
    move(placed, "Screen", recruiter, T0 + timedelta(hours=1))
    before = history(placed)
    application_reject(application=placed, actor=recruiter, reason=reason)
    application_reopen(application=placed, actor=recruiter)
    application_withdraw(application=placed, actor=recruiter)
    assert history(placed) == before
    assert before[-1][2] is None


def test_deleting_a_stage_ends_the_earlier_stay_at_the_next_change_left(placed, recruiter, admin):
    move(placed, "Screen", recruiter, T0 + timedelta(hours=1))
    move(placed, "Interview", recruiter, T0 + timedelta(hours=2))
    stage_delete(stage=placed.job.stages.get(name="Screen"), actor=admin)
    assert history(placed) == [
        ("Sourced", T0, T0 + timedelta(hours=2)),
        ("Interview", T0 + timedelta(hours=2), None),
    ]


def test_changes_at_the_same_moment_do_not_end_each_other():
    a, b = T0, T0 + timedelta(minutes=1)
    pairs = [(1, a), (1, a), (1, b), (2, a), (2, b), (2, b)]
    assert following(pairs) == [b, b, None, b, None, None]


def test_refresh_and_the_migration_backfill_match_the_old_subquery(placed, recruiter):
    other = ApplicationFactory(candidate=CandidateFactory(), job=placed.job)
    for n, name in enumerate(["Screen", "Interview", "Screen"], start=1):
        move(placed, name, recruiter, T0 + timedelta(hours=n))
        move(other, name, recruiter, T0 + timedelta(hours=n, minutes=30))
    # Two changes at one moment, written behind the services' back.
    StageChange.objects.filter(pk=placed.stage_changes.order_by("id")[2].pk).update(
        changed_at=T0 + timedelta(hours=1)
    )
    StageChange.objects.update(left_at=None)
    migration = importlib.import_module("ghostless.jobs.migrations.0017_stage_change_left_at")
    migration.backfill(apps, None)
    for app in (placed, other):
        assert [left for _, _, left in history(app)] == expected(app)
    StageChange.objects.update(left_at=T0)
    stays_refresh(application_ids=[placed.pk, other.pk])
    for app in (placed, other):
        assert [left for _, _, left in history(app)] == expected(app)
