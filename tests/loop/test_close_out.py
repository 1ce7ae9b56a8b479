import uuid

import pytest

from ghostless.core.errors import Conflict
from ghostless.jobs import services as job_services
from ghostless.jobs.models import Application
from ghostless.loop import services
from ghostless.loop.selectors import close_out_progress, loop_counts, loop_state
from ghostless.messaging.models import EmailTemplate, Message, Suppression
from ghostless.messaging.services import message_retry, suppression_clear
from tests.loop.conftest import fill_job


def test_closing_out_a_filled_job_of_200_tells_199_once_even_when_submitted_twice(
    smtp, job, recruiter, other_recruiter, django_capture_on_commit_callbacks
):
    fill_job(job, 200, screened=20)
    key = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.close_out_start(job=job, actor=recruiter, key=key)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.close_out_start(job=job, actor=recruiter, key=key)
    # A second recruiter's separate close-out, and the task run once more, send nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        services.close_out_run(first.pk)
    assert again.pk == first.pk

    assert len(smtp.messages) == 199
    assert len({m["To"] for m in smtp.messages}) == 199
    assert Message.objects.count() == 199
    assert loop_counts(job) == (199, 199)
    first.refresh_from_db()
    progress = close_out_progress(first)
    assert progress.as_json() == {
        "total": 199,
        "sent": 199,
        "queued": 0,
        "failed": 0,
        "skipped": 0,
        "done": True,
        "resumed": False,
    }
    assert Application.objects.filter(job=job, status="rejected").count() == 199
    job_services.job_update(job=job, actor=recruiter, status="closed")


def test_a_second_recruiters_close_out_sends_nothing_new(
    smtp, job, recruiter, other_recruiter, django_capture_on_commit_callbacks
):
    applications = fill_job(job, 5)
    with django_capture_on_commit_callbacks(execute=True):
        services.close_out_start(job=job, actor=recruiter)
    # Ray's close-out was planned from the same screen, before Rita's went out.
    Application.objects.filter(pk__in=[a.pk for a in applications]).update(told_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.close_out_start(job=job, actor=other_recruiter)
    assert len(smtp.messages) == 4


def test_early_applicants_get_position_filled_and_screened_ones_a_rejection(
    smtp, job, recruiter, django_capture_on_commit_callbacks
):
    fill_job(job, 4, screened=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.close_out_start(job=job, actor=recruiter)
    purposes = sorted(Message.objects.values_list("template__purpose", flat=True))
    assert purposes == ["position_filled", "rejection", "rejection"]


def test_a_permanent_failure_keeps_the_job_open_until_retried(
    smtp, job, recruiter, django_capture_on_commit_callbacks
):
    applications = fill_job(job, 4)
    smtp.recorder.refuse["ann1@example.org"] = "550 No such user"
    with django_capture_on_commit_callbacks(execute=True):
        close_out = services.close_out_start(job=job, actor=recruiter)
    close_out.refresh_from_db()
    progress = close_out_progress(close_out)
    assert (progress.sent, progress.failed_count, progress.done) == (2, 1, True)
    assert [m.to_email for m in progress.failed] == ["ann1@example.org"]
    with pytest.raises(Conflict) as refused:
        job_services.job_update(job=job, actor=recruiter, status="closed")
    assert refused.value.extra["application_ids"] == [applications[1].pk]
    assert "Ann001 Applicant" in refused.value.message

    del smtp.recorder.refuse["ann1@example.org"]
    suppression_clear(suppression=Suppression.objects.get(), actor=recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        message_retry(message=progress.failed[0], actor=recruiter)
    assert len(smtp.messages) == 3
    job_services.job_update(job=job, actor=recruiter, status="closed")


def test_a_failed_applicant_skipped_with_a_reason_lets_the_job_close(
    smtp, job, recruiter, django_capture_on_commit_callbacks
):
    applications = fill_job(job, 3)
    smtp.recorder.refuse["ann2@example.org"] = "550 No such user"
    with django_capture_on_commit_callbacks(execute=True):
        close_out = services.close_out_start(job=job, actor=recruiter)
    services.application_skip(
        application=applications[2], actor=recruiter, reason="phone", note="Called her"
    )
    assert close_out_progress(close_out).failed == []
    applications[2].refresh_from_db()
    assert applications[2].told_how == "call"
    job_services.job_update(job=job, actor=recruiter, status="closed")


def test_filled_is_allowed_while_applicants_are_untold(job, recruiter):
    fill_job(job, 3)
    job.refresh_from_db()
    assert job.status == "filled" and job.status_changed_at is not None
    state = loop_state(job)
    assert (state.told, state.total, state.untold_count) == (0, 2, 2)


def test_withdrawn_and_skipped_applicants_count_as_told(job, recruiter):
    applications = fill_job(job, 4)
    job_services.application_withdraw(application=applications[1], actor=recruiter)
    services.application_skip(application=applications[2], actor=recruiter, reason="spam")
    assert loop_counts(job) == (2, 3)
    assert [a.pk for a in loop_state(job).untold] == [applications[3].pk]


def test_a_close_out_key_reused_by_someone_else_is_refused(job, recruiter, other_recruiter):
    fill_job(job, 2)
    key = uuid.uuid4()
    services.close_out_start(job=job, actor=recruiter, key=key)
    with pytest.raises(Conflict):
        services.close_out_start(job=job, actor=other_recruiter, key=key)


def test_the_plan_groups_applicants_by_furthest_stage_even_after_moving_back(job, recruiter):
    applications = fill_job(job, 5, screened=2)
    first_stage = job.stages.order_by("order").first()
    # Screened, then moved back: still counts as having reached Screen.
    job_services.application_move(application=applications[1], stage=first_stage, actor=None)
    close_out = services.close_out_start(job=job, actor=recruiter)
    purposes = {
        row["application_id"]: EmailTemplate.objects.get(pk=row["template_id"]).purpose
        for row in close_out.plan
    }
    assert purposes == {
        applications[1].pk: "rejection",
        applications[2].pk: "rejection",
        applications[3].pk: "position_filled",
        applications[4].pk: "position_filled",
    }
    assert close_out.total == 4
