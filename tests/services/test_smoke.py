from ghostless.jobs.models import ApplicationStatus, StageChange
from ghostless.jobs.services import application_move
from ghostless.timeline.models import Activity


def test_moving_an_application_records_a_stage_change_and_a_timeline_entry(application, recruiter):
    second = application.job.stages.all()[1]
    application_move(application=application, stage=second, actor=recruiter)
    application.refresh_from_db()
    assert application.stage == second
    assert application.status == ApplicationStatus.ACTIVE
    assert StageChange.objects.filter(application=application).count() == 2
    assert Activity.objects.filter(application=application, kind="stage_change").count() == 2
