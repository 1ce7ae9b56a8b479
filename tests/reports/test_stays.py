"""StageChange.stay_seconds, the time in stage report's figure: kept by every move, status
change and history rewrite, and backfilled by the migration, equal to the business seconds
from the stay's start to its end (the next change, or the application's outcome there)."""

import importlib
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps
from django.db import connection

from ghostless.jobs.models import StageChange
from ghostless.jobs.services import (
    application_hire,
    application_move,
    application_reject,
    application_reopen,
)
from ghostless.reports.clock import DAY
from tests.factories import ApplicationFactory, CandidateFactory

pytestmark = pytest.mark.django_db
MONDAY = datetime(2026, 3, 2, 9, tzinfo=UTC)


def lengths(application) -> list[float | None]:
    changes = StageChange.objects.filter(application=application).order_by("changed_at", "id")
    return [None if c.stay_seconds is None else round(c.stay_seconds / DAY, 3) for c in changes]


def at(days: float):
    return time_machine.travel(MONDAY + timedelta(days=days), tick=False)


def move(application, name, actor):
    stage = application.job.stages.get(name=name)
    application_move(application=application, stage=stage, actor=actor)


@pytest.fixture
def placed(job):
    with at(0):
        return ApplicationFactory(candidate=CandidateFactory(), job=job)


def test_a_move_ends_the_stay_in_business_days(placed, recruiter):
    with at(4):  # Friday
        move(placed, "Screen", recruiter)
    with at(7):  # the next Monday: the weekend does not count
        move(placed, "Interview", recruiter)
    assert lengths(placed) == [4.0, 1.0, None]


def test_a_rejection_ends_the_stay_and_reopening_opens_it_again(placed, recruiter, reason):
    with at(1):
        application_reject(application=placed, actor=recruiter, reason=reason)
    assert lengths(placed) == [1.0]
    with at(2):
        application_reopen(application=placed, actor=recruiter)
    assert lengths(placed) == [None]


def test_a_hire_ends_the_stay_and_the_hired_stage_has_none_to_count(placed, recruiter):
    with at(2):
        application_hire(application=placed, actor=recruiter)
    assert lengths(placed) == [2.0, 0.0]


def test_the_migration_backfill_matches_what_the_writers_keep(placed, recruiter, reason, job):
    other = ApplicationFactory(candidate=CandidateFactory(), job=job)
    with at(3):
        move(placed, "Screen", recruiter)
        application_reject(application=other, actor=recruiter, reason=reason)
    kept = lengths(placed), lengths(other)
    StageChange.objects.update(stay_seconds=None)
    migration = importlib.import_module("ghostless.jobs.migrations.0019_stage_change_stay_seconds")
    # What RunPython hands it: the schema editor's connection and quoting.
    editor = SimpleNamespace(connection=connection, quote_name=connection.ops.quote_name)
    migration.backfill(apps, editor)
    assert (lengths(placed), lengths(other)) == kept
