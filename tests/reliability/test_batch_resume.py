"""A batch whose worker died is resumed from the row that says how far it got, once, and
nobody it already reached is written to again. The worker's death is a run that stops
part-way; the sweep runs with time moved past the heartbeat limit."""

from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.utils import timezone

from ghostless.jobs.models import ApplicationStatus, RejectionReason
from ghostless.loop.models import CloseOut
from ghostless.loop.services import close_out_run
from ghostless.messaging import batches
from ghostless.messaging.bulk import bulk_send_run
from ghostless.messaging.models import BatchState, BulkSend, EmailTemplate, Message
from tests.api_clients import api_for
from tests.factories import ApplicationFactory, CandidateFactory
from tests.loop.conftest import ensure_defaults, fill_job


class WorkerDied(BaseException):
    """Stands for kill -9: nothing after it runs, not even an except clause for Exception."""


def die_after(monkeypatch, module, name, calls):
    """Make `module.name` kill the run on its `calls`-th call."""
    real = getattr(module, name)
    seen = {"n": 0}

    def dying(*args, **kwargs):
        seen["n"] += 1
        if seen["n"] == calls:
            raise WorkerDied
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, dying)


@pytest.fixture
def template(db):
    return EmailTemplate.objects.create(
        name="Update", subject="News about {{ job.title }}", body="Hi {{ candidate.first_name }}"
    )


def applicants(job, n):
    return [
        ApplicationFactory(
            job=job, candidate=CandidateFactory(first_name=f"Bo{i}", emails=[f"bo{i}@example.org"])
        )
        for i in range(n)
    ]


def new_bulk(recruiter, job, template, applications):
    ids = [a.pk for a in applications]
    return BulkSend.objects.create(
        actor=recruiter, template=template, job=job, application_ids=ids, total=len(ids)
    )


def messages_per_application(ids):
    counts = dict.fromkeys(ids, 0)
    for pk in Message.objects.filter(application_id__in=ids).values_list(
        "application_id", flat=True
    ):
        counts[pk] += 1
    return counts


def test_every_batch_model_is_resumed_by_the_sweep():
    concrete = {m for m in apps.get_models() if issubclass(m, BatchState)}
    assert concrete == set(batches.KINDS), "register new batch models with batch_kind()"


def test_a_bulk_send_killed_part_way_is_resumed_and_everyone_gets_one_message(
    monkeypatch, recruiter, job, template
):
    applications = applicants(job, 50)
    bulk = new_bulk(recruiter, job, template, applications)
    from ghostless.messaging import bulk as bulk_module

    die_after(monkeypatch, bulk_module, "message_queue", 31)
    with pytest.raises(WorkerDied):
        bulk_send_run(bulk.pk)
    monkeypatch.undo()
    bulk.refresh_from_db()
    # The row says how far it really got: the first full step, never more than was written.
    assert bulk.position == batches.STEP
    assert bulk.finished_at is None
    assert Message.objects.filter(application__job=job).count() == 30

    with time_machine.travel(timezone.now() + batches.STALE_AFTER + timedelta(seconds=1)):
        assert batches.batches_resume() == 1  # tests run tasks eagerly: it runs now

    bulk.refresh_from_db()
    assert bulk.finished_at is not None and bulk.resumes == 1 and bulk.resumed_at
    assert set(messages_per_application([a.pk for a in applications]).values()) == {1}


def test_a_live_batch_is_left_alone(recruiter, job, template):
    bulk = new_bulk(recruiter, job, template, applicants(job, 3))
    BulkSend.objects.filter(pk=bulk.pk).update(heartbeat_at=timezone.now(), position=1)
    with time_machine.travel(timezone.now() + batches.STALE_AFTER - timedelta(seconds=5)):
        assert batches.batches_resume() == 0
    bulk.refresh_from_db()
    assert bulk.resumes == 0 and bulk.finished_at is None


def test_a_batch_whose_task_was_never_run_is_started_by_the_sweep(recruiter, job, template):
    applications = applicants(job, 3)
    bulk = new_bulk(recruiter, job, template, applications)
    with time_machine.travel(timezone.now() + batches.STALE_AFTER + timedelta(seconds=1)):
        assert batches.batches_resume() == 1
        assert batches.batches_resume() == 0  # a second sweep finds nothing left to do
    bulk.refresh_from_db()
    assert bulk.finished_at is not None and bulk.resumes == 1
    assert sum(messages_per_application([a.pk for a in applications]).values()) == 3


def test_a_run_taken_over_by_a_sweep_stops_at_its_next_step(recruiter, job, template):
    """A worker so slow that the sweep gave its batch away must not go on beside the new run."""
    applications = applicants(job, 45)
    bulk = new_bulk(recruiter, job, template, applications)
    steps = []

    def process(step):
        steps.append(step)
        # The sweep hands the batch to another run while this one works on its first step.
        BulkSend.objects.filter(pk=bulk.pk).update(heartbeat_at=timezone.now())
        return []

    assert batches.batch_run(bulk, bulk.application_ids, process) is False
    assert len(steps) == 1
    bulk.refresh_from_db()
    assert bulk.position == 0 and bulk.finished_at is None


def test_skips_are_kept_across_a_resume_and_not_counted_twice(
    monkeypatch, recruiter, job, template
):
    applications = applicants(job, 30)
    unreachable = applications[2]
    unreachable.candidate.emails.all().delete()
    bulk = new_bulk(recruiter, job, template, applications)
    from ghostless.messaging import bulk as bulk_module

    die_after(monkeypatch, bulk_module, "message_queue", 25)
    with pytest.raises(WorkerDied):
        bulk_send_run(bulk.pk)
    monkeypatch.undo()
    with time_machine.travel(timezone.now() + batches.STALE_AFTER + timedelta(seconds=1)):
        batches.batches_resume()
    bulk.refresh_from_db()
    assert [row["application_id"] for row in bulk.skipped] == [unreachable.pk]


def test_a_close_out_killed_part_way_rejects_and_tells_everyone_once(monkeypatch, recruiter, job):
    ensure_defaults()
    filled_reason = RejectionReason.objects.get(name="Position filled or closed")
    applications = fill_job(job, 41)
    untold = applications[1:]
    template = EmailTemplate.objects.filter(purpose="position_filled").first()
    close_out = CloseOut.objects.create(
        job=job,
        actor=recruiter,
        reason=filled_reason,
        plan=[{"application_id": a.pk, "template_id": template.pk} for a in untold],
        total=len(untold),
    )
    from ghostless.loop import services as loop_services

    die_after(monkeypatch, loop_services, "queue_outcome", 27)
    with pytest.raises(WorkerDied):
        close_out_run(close_out.pk)
    monkeypatch.undo()
    close_out.refresh_from_db()
    assert close_out.position == batches.STEP and close_out.finished_at is None

    with time_machine.travel(timezone.now() + batches.STALE_AFTER + timedelta(seconds=1)):
        assert batches.batches_resume() == 1
    close_out.refresh_from_db()
    assert close_out.finished_at is not None and close_out.skipped == []
    ids = [a.pk for a in untold]
    assert set(messages_per_application(ids).values()) == {1}
    assert set(job.applications.filter(pk__in=ids).values_list("status", flat=True)) == {
        ApplicationStatus.REJECTED
    }
    progress = api_for(recruiter).get(f"/jobs/{job.pk}/close-out").json()
    assert progress["resumed"] is True and progress["queued"] == len(ids)


def test_the_progress_page_says_the_batch_was_resumed(recruiter_client, recruiter, job, template):
    bulk = new_bulk(recruiter, job, template, applicants(job, 2))
    page = recruiter_client.get(f"/inbox/bulk/{bulk.key}/")
    assert "Resumed after an interruption" not in page.content.decode()
    with time_machine.travel(timezone.now() + batches.STALE_AFTER + timedelta(seconds=1)):
        batches.batches_resume()
    page = recruiter_client.get(f"/inbox/bulk/{bulk.key}/")
    assert "Resumed after an interruption" in page.content.decode()
