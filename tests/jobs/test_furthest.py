"""Application.furthest_rank, what the funnel and sources reports count by: kept by every
service that moves, hires or re-roles, and backfilled by the migration, equal to the rank
computed from the stage history."""

import importlib

import pytest
from django.apps import apps

from ghostless.jobs.furthest import RANK, furthest_expression
from ghostless.jobs.models import Application
from ghostless.jobs.services import (
    application_hire,
    application_move,
    application_move_undo,
    application_reject,
    application_reopen,
    stage_delete,
    stage_set_role,
)
from tests.factories import ApplicationFactory, CandidateFactory


def ranks(*applications) -> list[tuple[int, int]]:
    """(stored, computed) for each application."""
    rows = dict(
        Application.objects.annotate(computed=furthest_expression()).values_list("pk", "computed")
    )
    stored = dict(Application.objects.values_list("pk", "furthest_rank"))
    return [(stored[a.pk], rows[a.pk]) for a in applications]


def move(application, name, actor):
    application_move(
        application=application, stage=application.job.stages.get(name=name), actor=actor
    )
    return application.stage_changes.order_by("-id").first()


@pytest.fixture
def placed(job):
    return ApplicationFactory(candidate=CandidateFactory(), job=job)


def test_moves_raise_the_rank_and_going_back_keeps_it(placed, recruiter):
    assert ranks(placed) == [(0, 0)]  # sourced: before the funnel's first role
    move(placed, "Interview", recruiter)
    move(placed, "Screen", recruiter)
    assert ranks(placed) == [(RANK["interview"],) * 2]


def test_an_undone_move_still_counts_as_reached(placed, recruiter):
    change = move(placed, "Offer", recruiter)
    application_move_undo(application=placed, change_id=change.pk, actor=recruiter)
    assert ranks(placed) == [(RANK["offer"],) * 2]


def test_hired_is_the_top_rank_and_rejection_keeps_how_far_it_got(placed, recruiter, job, reason):
    other = ApplicationFactory(candidate=CandidateFactory(), job=job)
    move(other, "Screen", recruiter)
    application_reject(application=other, actor=recruiter, reason=reason)
    application_reopen(application=other, actor=recruiter)
    application_hire(application=placed, actor=recruiter)
    assert ranks(placed, other) == [(RANK["hired"],) * 2, (RANK["screen"],) * 2]


def test_a_stage_role_change_and_a_deleted_stage_recount_the_job(placed, recruiter, admin, job):
    other = ApplicationFactory(candidate=CandidateFactory(), job=job)
    move(placed, "Screen", recruiter)
    move(other, "Screen", recruiter)
    move(other, "Sourced", recruiter)
    stage_set_role(stage=job.stages.get(name="Screen"), role="", actor=admin)
    assert ranks(placed, other) == [(0, 0), (0, 0)]
    stage_set_role(stage=job.stages.get(name="Screen"), role="screen", actor=admin)
    move(placed, "Interview", recruiter)
    stage_delete(stage=job.stages.get(name="Screen"), actor=admin)
    assert ranks(placed, other) == [(RANK["interview"],) * 2, (0, 0)]


def test_the_migration_backfill_matches_the_history(placed, recruiter, job):
    other = ApplicationFactory(candidate=CandidateFactory(), job=job)
    move(placed, "Offer", recruiter)
    move(placed, "Screen", recruiter)
    application_hire(application=other, actor=recruiter)
    Application.objects.update(furthest_rank=0)
    migration = importlib.import_module("ghostless.jobs.migrations.0018_application_furthest_rank")
    migration.backfill(apps, None)
    assert ranks(placed, other) == [(RANK["offer"],) * 2, (RANK["hired"],) * 2]
