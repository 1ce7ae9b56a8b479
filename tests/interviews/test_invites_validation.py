"""Bad input to scheduling: a DomainError naming the field from the service, a 4xx JSON error
naming it from the API, and nothing written either way."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ghostless.core.errors import DomainError
from ghostless.interviews import services
from ghostless.interviews.models import Attendee, Interview
from ghostless.jobs import services as job_services
from ghostless.messaging.models import Message
from ghostless.timeline.models import Activity
from tests.factories import UserFactory
from tests.interviews import invites_fixtures as fixtures
from tests.interviews.invites_fixtures import schedule, tomorrow_at

ivan = fixtures.ivan


def nothing_written():
    assert not Interview.objects.exists()
    assert not Attendee.objects.exists()
    assert not Message.objects.exists()
    assert not Activity.objects.filter(payload__event__startswith="interview").exists()


def fields(**overrides):
    base = {"title": "Technical interview", "starts_at": tomorrow_at(10), "duration_minutes": 60}
    return base | overrides


BAD_FIELDS = [
    ({"starts_at": timezone.now() - timedelta(minutes=5)}, "starts_at"),
    ({"duration_minutes": 0}, "duration_minutes"),
    ({"duration_minutes": -30}, "duration_minutes"),
    ({"duration_minutes": 13 * 60}, "duration_minutes"),
    ({"video_url": "javascript:alert(1)"}, "video_url"),
    ({"video_url": "not a link"}, "video_url"),
    ({"title": "x" * 121}, "title"),
]


@pytest.mark.parametrize("overrides, field", BAD_FIELDS)
def test_the_service_refuses_bad_fields_and_writes_nothing(
    application, recruiter, ivan, overrides, field
):
    with pytest.raises(DomainError) as refused:
        services.interview_schedule(
            application=application, actor=recruiter, interviewers=[ivan], **fields(**overrides)
        )
    assert refused.value.field == field
    nothing_written()


def test_a_naive_start_is_refused(application, recruiter, ivan):
    with pytest.raises(DomainError) as refused:
        services.interview_schedule(
            application=application,
            actor=recruiter,
            interviewers=[ivan],
            **fields(starts_at=tomorrow_at(10).replace(tzinfo=None)),
        )
    assert refused.value.field == "starts_at"


def test_interviewers_must_be_active_users(application, recruiter, ivan):
    gone = UserFactory(username="gone", is_active=False)
    for panel in ([], [gone], [ivan, gone]):
        with pytest.raises(DomainError) as refused:
            services.interview_schedule(
                application=application, actor=recruiter, interviewers=panel, **fields()
            )
        assert refused.value.field == "interviewer_ids"
    nothing_written()


@pytest.mark.parametrize("end", ["reject", "hire", "withdraw"])
def test_a_settled_application_cannot_be_interviewed(application, recruiter, ivan, reason, end):
    if end == "reject":
        job_services.application_reject(application=application, actor=recruiter, reason=reason)
    elif end == "hire":
        job_services.application_hire(application=application, actor=recruiter)
    else:
        job_services.application_withdraw(application=application, actor=recruiter)
    with pytest.raises(DomainError) as refused:
        services.interview_schedule(
            application=application, actor=recruiter, interviewers=[ivan], **fields()
        )
    assert refused.value.field == "application"
    nothing_written()


def test_a_candidate_without_an_email_cannot_be_invited(application, recruiter, ivan):
    application.candidate.emails.all().delete()
    with pytest.raises(DomainError) as refused:
        services.interview_schedule(
            application=application, actor=recruiter, interviewers=[ivan], **fields()
        )
    assert refused.value.field == "application"
    nothing_written()


def test_only_the_hiring_team_may_schedule(application, hiring_manager, outsider, ivan):
    for actor in (outsider, ivan):
        with pytest.raises(DomainError) as refused:
            services.interview_schedule(
                application=application, actor=actor, interviewers=[ivan], **fields()
            )
        assert refused.value.status == 403
    nothing_written()
    # The job's own hiring manager may.
    interview = services.interview_schedule(
        application=application, actor=hiring_manager, interviewers=[ivan], **fields()
    )
    assert interview.organizer == hiring_manager


def test_a_blank_title_comes_from_the_stage_plan(application, recruiter, ivan):
    application.stage.planned_interviews.create(title="System design", duration_minutes=90)
    interview = services.interview_schedule(
        application=application, actor=recruiter, interviewers=[ivan], **fields(title="")
    )
    assert interview.title == "System design" and interview.planned.title == "System design"


def test_a_blank_title_without_a_plan_is_refused(application, recruiter, ivan):
    with pytest.raises(DomainError) as refused:
        services.interview_schedule(
            application=application, actor=recruiter, interviewers=[ivan], **fields(title=" ")
        )
    assert refused.value.field == "title"


def test_cancelled_interviews_cannot_be_changed_or_cancelled_again(
    application, recruiter, ivan, eml_outbox, django_capture_on_commit_callbacks
):
    interview = schedule(application, recruiter, [ivan], django_capture_on_commit_callbacks)
    services.interview_cancel(interview=interview, actor=recruiter)
    with pytest.raises(DomainError) as refused:
        services.interview_update(interview=interview, actor=recruiter, starts_at=tomorrow_at(12))
    assert refused.value.field == "status"
    with pytest.raises(DomainError) as again:
        services.interview_cancel(interview=interview, actor=recruiter)
    assert again.value.field == "status" and again.value.status == 409
    interview.refresh_from_db()
    assert interview.sequence == 1


def test_a_finished_interview_is_completed_and_cannot_be_changed(
    application, recruiter, ivan, eml_outbox, django_capture_on_commit_callbacks, time_machine
):
    interview = schedule(application, recruiter, [ivan], django_capture_on_commit_callbacks)
    time_machine.move_to(interview.ends_at + timedelta(minutes=1))
    interview.refresh_from_db()
    assert interview.current_status == "completed"
    with pytest.raises(DomainError) as refused:
        services.interview_update(interview=interview, actor=recruiter, location="Room 3")
    assert refused.value.field == "status"


def test_a_bad_change_writes_nothing(
    application, recruiter, ivan, eml_outbox, django_capture_on_commit_callbacks
):
    interview = schedule(application, recruiter, [ivan], django_capture_on_commit_callbacks)
    sent = Message.objects.count()
    with pytest.raises(DomainError) as refused:
        services.interview_update(
            interview=interview, actor=recruiter, location="Room 3", duration_minutes=0
        )
    assert refused.value.field == "duration_minutes"
    interview.refresh_from_db()
    assert interview.location == "" and interview.sequence == 0
    assert Message.objects.count() == sent


# The API: the same refusals as JSON naming the field.


def api_body(ivan, **overrides):
    body = {
        "title": "Technical interview",
        "starts_at": tomorrow_at(10).isoformat(),
        "duration_minutes": 60,
        "interviewer_ids": [ivan.pk],
    }
    return body | overrides


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"starts_at": (timezone.now() - timedelta(hours=1)).isoformat()}, "starts_at"),
        ({"starts_at": "2030-01-01T10:00:00"}, "starts_at"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": -5}, "duration_minutes"),
        ({"video_url": "ftp://example.com/x"}, "video_url"),
        ({"interviewer_ids": []}, "interviewer_ids"),
        ({"interviewer_ids": [987654]}, "interviewer_ids"),
    ],
)
def test_the_api_answers_bad_input_with_a_json_error_naming_the_field(
    recruiter_api, application, ivan, overrides, field
):
    response = recruiter_api.post(
        f"/applications/{application.pk}/interviews", api_body(ivan, **overrides)
    )
    assert response.status_code == 422, response.content
    assert response.json()["field"] == field
    nothing_written()


def test_the_api_refuses_scheduling_on_a_rejected_application(
    recruiter_api, application, recruiter, ivan, reason
):
    job_services.application_reject(application=application, actor=recruiter, reason=reason)
    response = recruiter_api.post(f"/applications/{application.pk}/interviews", api_body(ivan))
    assert response.status_code == 422 and response.json()["field"] == "application"
    nothing_written()


def test_the_api_refuses_rescheduling_a_cancelled_interview(
    recruiter_api, application, ivan, eml_outbox
):
    created = recruiter_api.post(f"/applications/{application.pk}/interviews", api_body(ivan))
    pk = created.json()["id"]
    assert recruiter_api.post(f"/interviews/{pk}/cancel").status_code == 200
    again = recruiter_api.post(f"/interviews/{pk}/cancel")
    assert again.status_code == 409 and again.json()["field"] == "status"
    moved = recruiter_api.patch(f"/interviews/{pk}", {"starts_at": tomorrow_at(14).isoformat()})
    assert moved.status_code == 422 and moved.json()["field"] == "status"
