"""The background reading: one task per upload, and a sweep for uploads whose task was lost."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from ghostless.resumes import services, tasks
from ghostless.resumes.models import ParseStatus
from tests.resumes.conftest import pdf_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def lost(candidate, recruiter):
    """An upload whose task never ran: committed, but the queue was down."""
    return services.resume_add(candidate=candidate, upload=pdf_file("Elixir"), actor=recruiter)


def test_the_sweep_reads_an_upload_whose_task_was_lost(lost):
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        tasks.sweep_resumes.call_local()

    lost.refresh_from_db()
    assert lost.parse_status == ParseStatus.PARSED and "Elixir" in lost.text
    assert lost.parse_attempts == 1


def test_the_sweep_leaves_fresh_uploads_to_their_own_task(lost):
    tasks.sweep_resumes.call_local()

    lost.refresh_from_db()
    assert lost.parse_status == ParseStatus.PENDING and lost.parse_attempts == 0


def test_a_file_that_keeps_killing_the_worker_is_given_up_on(lost, monkeypatch):
    def killed(*, resume):
        raise SystemExit("the worker died reading it")

    monkeypatch.setattr(services, "resume_extract", killed)
    for _ in range(services.MAX_ATTEMPTS):
        with pytest.raises(SystemExit):
            tasks.extract_resume.call_local(lost.pk)
    tasks.extract_resume.call_local(lost.pk)  # out of tries: not read again

    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        tasks.sweep_resumes.call_local()

    lost.refresh_from_db()
    assert lost.parse_status == ParseStatus.FAILED and lost.parse_error == services.GAVE_UP
    assert lost.file.size > 0
