"""Who is still owed an outcome: the rule the job's closing refusal and the loop share."""

from django.utils import timezone

from ghostless.jobs.models import Application, ApplicationStatus
from tests.factories import ApplicationFactory


def test_untold_leaves_out_the_hired_withdrawn_told_and_skipped(job):
    waiting, rejected, hired, withdrawn, told, skipped = (
        ApplicationFactory(job=job) for _ in range(6)
    )
    Application.objects.filter(pk=rejected.pk).update(status=ApplicationStatus.REJECTED)
    Application.objects.filter(pk=hired.pk).update(status=ApplicationStatus.HIRED)
    Application.objects.filter(pk=withdrawn.pk).update(status=ApplicationStatus.WITHDRAWN)
    Application.objects.filter(pk=told.pk).update(
        status=ApplicationStatus.REJECTED, told_at=timezone.now()
    )
    Application.objects.filter(pk=skipped.pk).update(loop_skip_reason="Told by phone")

    assert set(Application.objects.untold()) == {waiting, rejected}
    assert set(job.applications.untold()) == {waiting, rejected}
