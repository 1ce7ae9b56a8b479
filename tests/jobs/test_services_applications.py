import pytest

from ghostless.core.errors import Conflict, DomainError, PermissionDenied
from ghostless.jobs.models import Application, StageChange
from ghostless.jobs.services import (
    application_create,
    application_hire,
    application_move,
    application_reject,
    application_reopen,
    application_withdraw,
    job_create,
)
from ghostless.timeline.models import Activity
from tests.factories import JobFactory, RejectionReasonFactory


def test_a_new_job_copies_the_default_pipeline(recruiter):
    job = job_create(actor=recruiter, title="Data Engineer")
    assert [s.name for s in job.stages.all()] == [
        "Sourced",
        "Applied",
        "Contacted",
        "Screen",
        "Interview",
        "Offer",
        "Hired",
        "Onboarding",
    ]
    assert list(job.recruiters.all()) == [recruiter]


def test_an_application_starts_at_the_first_stage_with_history(candidate, job, recruiter):
    application = application_create(candidate=candidate, job=job, actor=recruiter, source="x")
    assert application.stage.name == "Sourced"
    assert application.owner == recruiter
    change = StageChange.objects.get(application=application)
    assert change.from_stage is None and change.to_stage.name == "Sourced"
    assert Activity.objects.filter(application=application, kind="stage_change").count() == 1


def test_the_same_candidate_cannot_be_on_a_job_twice(application, recruiter):
    with pytest.raises(Conflict) as exc:
        application_create(candidate=application.candidate, job=application.job, actor=recruiter)
    assert exc.value.extra["application_id"] == application.pk
    assert Application.objects.count() == 1


def test_moving_records_a_stage_change_and_a_timeline_entry(application, recruiter):
    screen = application.job.stages.get(name="Screen")
    application_move(application=application, stage=screen, actor=recruiter)
    application.refresh_from_db()
    assert application.stage == screen
    change = StageChange.objects.filter(application=application).last()
    assert (change.from_stage.name, change.to_stage.name, change.actor) == (
        "Sourced",
        "Screen",
        recruiter,
    )
    entry = Activity.objects.filter(application=application).order_by("-id").first()
    assert entry.subject == "Backend Engineer: Sourced → Screen"


def test_moving_to_the_same_stage_records_nothing(application, recruiter):
    application_move(application=application, stage=application.stage, actor=recruiter)
    assert StageChange.objects.filter(application=application).count() == 1


def test_moving_to_another_jobs_stage_is_refused(application, recruiter):
    other_stage = JobFactory().stages.first()
    with pytest.raises(DomainError) as exc:
        application_move(application=application, stage=other_stage, actor=recruiter)
    assert exc.value.field == "stage_id"


def test_reject_records_the_reason_on_the_application_and_timeline(application, recruiter):
    reason = RejectionReasonFactory(name="Skills gap")
    application_reject(application=application, actor=recruiter, reason=reason)
    application.refresh_from_db()
    assert (application.status, application.rejection_reason) == ("rejected", reason)
    assert Activity.objects.filter(
        application=application, subject="Backend Engineer: rejected (Skills gap)"
    ).exists()


def test_a_rejected_application_cannot_be_moved_until_reopened(application, recruiter):
    application_reject(application=application, actor=recruiter, reason=RejectionReasonFactory())
    with pytest.raises(DomainError):
        application_move(
            application=application, stage=application.job.stages.last(), actor=recruiter
        )
    application_reopen(application=application, actor=recruiter)
    application.refresh_from_db()
    assert application.status == "active"


def test_withdraw_then_withdraw_again_is_refused(application, recruiter):
    application_withdraw(application=application, actor=recruiter)
    with pytest.raises(DomainError):
        application_withdraw(application=application, actor=recruiter)


def test_hire_moves_the_card_to_the_hired_stage(application, recruiter):
    application_hire(application=application, actor=recruiter)
    application.refresh_from_db()
    assert (application.status, application.stage.name) == ("hired", "Hired")


def test_an_inactive_rejection_reason_is_refused(application, recruiter):
    reason = RejectionReasonFactory(active=False)
    with pytest.raises(DomainError) as exc:
        application_reject(application=application, actor=recruiter, reason=reason)
    assert exc.value.field == "reason"


def test_hiring_managers_cannot_change_the_pipeline(application, hiring_manager):
    with pytest.raises(PermissionDenied):
        application_move(
            application=application, stage=application.job.stages.last(), actor=hiring_manager
        )
    with pytest.raises(PermissionDenied):
        application_withdraw(application=application, actor=hiring_manager)
