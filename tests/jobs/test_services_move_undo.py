"""Undo of a stage move: back where it was, one more StageChange, the timeline saying so; only
the mover's latest move, and only for a short while."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from ghostless.core.errors import DomainError
from ghostless.jobs.models import StageChange
from ghostless.jobs.services import (
    UNDO_MOVE_SECONDS,
    application_move,
    application_move_undo,
    application_withdraw,
)
from ghostless.messaging.models import Message
from ghostless.timeline.models import Activity


def moved(application, recruiter, name="Interview") -> StageChange:
    stage = application.job.stages.get(name=name)
    application_move(application=application, stage=stage, actor=recruiter)
    return application.stage_changes.order_by("-id").first()


def test_undo_moves_back_and_the_timeline_says_it_was_undone(application, recruiter):
    change = moved(application, recruiter)
    application_move_undo(application=application, change_id=change.pk, actor=recruiter)
    application.refresh_from_db()
    assert application.stage.name == "Sourced"
    last = application.stage_changes.order_by("-id").first()
    assert (last.from_stage.name, last.to_stage.name, last.actor) == (
        "Interview",
        "Sourced",
        recruiter,
    )
    entry = Activity.objects.filter(application=application, kind="stage_change").latest("id")
    assert entry.subject == "Backend Engineer: Interview → Sourced (move undone)"
    assert entry.payload["undone"] is True and entry.actor == recruiter
    assert not Message.objects.exists()  # neither the move nor its undo sent anything


def test_only_the_movers_latest_move_can_be_undone(application, recruiter, other_recruiter):
    first = moved(application, recruiter, "Screen")
    second = moved(application, recruiter, "Interview")
    with pytest.raises(DomainError, match="latest move"):
        application_move_undo(application=application, change_id=first.pk, actor=recruiter)
    with pytest.raises(DomainError, match="latest move"):
        application_move_undo(application=application, change_id=second.pk, actor=other_recruiter)
    application_move_undo(application=application, change_id=second.pk, actor=recruiter)
    with pytest.raises(DomainError, match="latest move"):  # the undo is not undone twice
        application_move_undo(application=application, change_id=second.pk, actor=recruiter)
    application.refresh_from_db()
    assert application.stage.name == "Screen"


def test_undo_is_refused_once_too_late_or_off_the_board(application, recruiter):
    change = moved(application, recruiter)
    later = timezone.now() + timedelta(seconds=UNDO_MOVE_SECONDS + 1)
    with time_machine.travel(later), pytest.raises(DomainError, match="Too late"):
        application_move_undo(application=application, change_id=change.pk, actor=recruiter)
    application_withdraw(application=application, actor=recruiter)
    with pytest.raises(DomainError, match="withdrawn"):
        application_move_undo(application=application, change_id=change.pk, actor=recruiter)
    application.refresh_from_db()
    assert application.stage.name == "Interview"
