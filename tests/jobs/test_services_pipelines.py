import pytest

from ghostless.core.errors import DomainError, PermissionDenied
from ghostless.jobs.models import PipelineTemplate
from ghostless.jobs.services import (
    job_create,
    pipeline_template_create,
    pipeline_template_make_default,
    rejection_reason_save,
    stage_add,
    stage_delete,
    stage_rename,
    stage_shift,
)


def names(owner):
    return [s.name for s in owner.stages.order_by("order", "id")]


def test_admin_edits_a_jobs_own_stages(job, admin):
    stage_add(owner=job, name="Take-home", actor=admin)
    assert names(job)[-1] == "Take-home"
    stage_shift(stage=job.stages.get(name="Take-home"), delta=-1, actor=admin)
    assert names(job)[-2:] == ["Take-home", "Onboarding"]
    stage_rename(stage=job.stages.get(name="Screen"), name="Phone screen", actor=admin)
    assert "Phone screen" in names(job)
    stage_delete(stage=job.stages.get(name="Take-home"), actor=admin)
    assert "Take-home" not in names(job)


def test_a_stage_with_applications_cannot_be_deleted(application, admin):
    with pytest.raises(DomainError, match="1 application"):
        stage_delete(stage=application.stage, actor=admin)


def test_duplicate_stage_names_are_refused(job, admin):
    with pytest.raises(DomainError):
        stage_add(owner=job, name="screen", actor=admin)


def test_only_admins_edit_pipelines(job, recruiter):
    with pytest.raises(PermissionDenied):
        stage_add(owner=job, name="Extra", actor=recruiter)
    with pytest.raises(PermissionDenied):
        rejection_reason_save(actor=recruiter, name="Too far")


def test_a_new_default_template_shapes_new_jobs(admin, recruiter):
    template = pipeline_template_create(name="Short", actor=admin)
    for stage in list(template.stages.all())[3:]:
        stage_delete(stage=stage, actor=admin)
    pipeline_template_make_default(template=template, actor=admin)
    assert PipelineTemplate.objects.get(is_default=True) == template
    job = job_create(actor=recruiter, title="Designer")
    assert names(job) == ["Sourced", "Applied", "Contacted"]


def test_rejection_reasons_are_kept_unique(admin):
    reason = rejection_reason_save(actor=admin, name="Too far away")
    with pytest.raises(DomainError):
        rejection_reason_save(actor=admin, name="too far away")
    rejection_reason_save(actor=admin, name="Too far away", reason=reason, active=False)
    reason.refresh_from_db()
    assert reason.active is False
