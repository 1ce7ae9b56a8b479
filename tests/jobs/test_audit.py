"""Job edits, status changes and admin edits of pipelines and rejection reasons leave audit
rows: who, when, and each changed field from what to what."""

import datetime as dt

import pytest

from ghostless.core.errors import DomainError
from ghostless.jobs import services
from ghostless.jobs.models import PipelineTemplate
from ghostless.timeline.models import AuditEntry


def _rows(**filters):
    return list(AuditEntry.objects.filter(**filters).order_by("id").values("event", "changes"))


def test_status_change_is_a_row_of_its_own_beside_the_other_edits(job, recruiter):
    services.job_update(
        job=job, actor=recruiter, status="on_hold", title="Backend Engineer II", openings=1
    )
    assert _rows(subject="job", subject_id=job.pk) == [
        {"event": "job_status_changed", "changes": {"status": ["open", "on_hold"]}},
        {"event": "job_updated", "changes": {"title": ["Backend Engineer", "Backend Engineer II"]}},
    ]
    assert AuditEntry.objects.filter(actor=recruiter).count() == 2


def test_job_edit_records_people_and_dates_readably(job, recruiter, other_recruiter, admin):
    services.job_update(
        job=job,
        actor=recruiter,
        hiring_manager=admin,
        valid_through=dt.date(2030, 1, 31),
        recruiters=[recruiter, other_recruiter],
    )
    [row] = _rows(subject="job")
    assert row["changes"] == {
        "hiring_manager": ["hana", "alice"],
        "valid_through": [None, "2030-01-31"],
        "recruiters": [["rita"], ["ray", "rita"]],
    }


def test_refused_job_edit_writes_no_audit_row(job, recruiter):
    with pytest.raises(DomainError):
        services.job_update(job=job, actor=recruiter, title=" ")
    services.job_update(job=job, actor=recruiter, title="Backend Engineer")
    assert not AuditEntry.objects.exists()


def test_pipeline_edits_of_a_job_are_audited_stage_by_stage(job, admin):
    stage = services.stage_add(owner=job, name="Take-home", actor=admin)
    services.stage_rename(stage=stage, name="Take-home task", actor=admin)
    services.stage_set_stale_after(stage=stage, days=4, actor=admin)
    services.stage_shift(stage=stage, delta=-1, actor=admin)
    count, pk = job.stages.count(), stage.pk
    services.stage_delete(stage=stage, actor=admin)
    rows = _rows(subject="job_stage", subject_id=pk)
    assert rows == [
        {"event": "stage_added", "changes": {"name": [None, "Take-home"]}},
        {"event": "stage_renamed", "changes": {"name": ["Take-home", "Take-home task"]}},
        {"event": "stage_limit_changed", "changes": {"stale_after_days": [None, 4]}},
        {"event": "stage_moved", "changes": {"position": [count, count - 1]}},
        {"event": "stage_deleted", "changes": {"name": ["Take-home task", None]}},
    ]
    assert AuditEntry.objects.filter(subject="job_stage").first().label == (
        "Backend Engineer › Take-home task"
    )


def test_template_creation_and_new_default_are_audited(admin):
    default = services.default_template()
    template = services.pipeline_template_create(name="Sales", actor=admin)
    services.pipeline_template_make_default(template=template, actor=admin)
    services.pipeline_template_make_default(template=template, actor=admin)
    assert _rows(subject="pipeline_template", subject_id=template.pk) == [
        {"event": "pipeline_template_created", "changes": {"name": [None, "Sales"]}},
        {
            "event": "pipeline_template_made_default",
            "changes": {"default": [default.name, "Sales"]},
        },
    ]
    stage = PipelineTemplate.objects.get(pk=template.pk).stages.first()
    services.stage_rename(stage=stage, name="Prospect", actor=admin)
    entry = AuditEntry.objects.get(subject="template_stage")
    assert entry.label == "Sales template › Prospect"


def test_rejection_reason_creation_and_edits_are_audited(admin):
    reason = services.rejection_reason_save(actor=admin, name="Too junior")
    services.rejection_reason_save(actor=admin, reason=reason, name="Too junior", active=False)
    services.rejection_reason_save(actor=admin, reason=reason, name="Too junior", active=False)
    assert _rows(subject="rejection_reason", subject_id=reason.pk) == [
        {
            "event": "rejection_reason_created",
            "changes": {"name": [None, "Too junior"], "active": [None, True]},
        },
        {"event": "rejection_reason_updated", "changes": {"active": [True, False]}},
    ]
