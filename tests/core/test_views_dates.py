"""Times from the edges of the calendar on the pages: what is stored is shown in any zone,
and what is typed in out of range is a form error on its field."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from ghostless.candidates.models import Candidate
from ghostless.core.when import ShownZone
from ghostless.followups.models import FollowUp
from ghostless.followups.services import followup_create
from ghostless.jobs.models import Job
from ghostless.messaging.models import EmailTemplate, Message
from ghostless.timeline.models import Activity, Kind
from tests.conftest import HTMX, client_for

FIRST = datetime(1, 1, 1, tzinfo=UTC)
LAST = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
ZONES = ["Pacific/Kiritimati", "Europe/Berlin", "America/Los_Angeles"]


def in_zone(user, zone: str):
    user.time_zone = zone
    user.save()
    return client_for(user)


@pytest.fixture
def stored_extremes(recruiter, application):
    """What an older version let in: a touch in year 1 and a follow-up due in 9999."""
    candidate = application.candidate
    Activity.objects.filter(candidate=candidate).update(occurred_at=FIRST)
    Candidate.objects.filter(pk=candidate.pk).update(
        last_contact_at=FIRST, last_inbound_at=FIRST, last_outbound_at=FIRST
    )
    followup = followup_create(
        actor=recruiter, candidate=candidate, application=application, due_at=timezone.now()
    )
    FollowUp.objects.filter(pk=followup.pk).update(due_at=LAST, waiting_since=FIRST)
    return application


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("who", ["recruiter", "hiring_manager"])
def test_pages_show_stored_times_at_the_calendars_ends_in_every_zone(
    request, stored_extremes, zone, who
):
    application = stored_extremes
    client = in_zone(request.getfixturevalue(who), zone)
    pages = [
        "/candidates/",
        f"/candidates/{application.candidate_id}/",
        f"/jobs/{application.job_id}/",
        f"/jobs/{application.job_id}/board/",
        f"/jobs/applications/{application.pk}/",
        f"/search/?q={application.candidate.first_name}",
        "/search/?contacted_before=2020-01-01",
    ]
    if who == "recruiter":
        pages += ["/followups/", "/followups/?tab=snoozed", "/followups/?tab=upcoming"]
    for page in pages:
        assert client.get(page).status_code == 200, page


def test_a_stored_time_the_zone_cannot_hold_is_shown_in_utc(recruiter, stored_extremes):
    client = in_zone(recruiter, "America/Los_Angeles")
    html = client.get(f"/candidates/{stored_extremes.candidate_id}/").content.decode()
    assert "0001-01-01T00:00:00+00:00" in html


LOG = {"log-kind": Kind.CALL, "log-direction": "outbound", "log-subject": "Screen"}


@pytest.mark.parametrize(
    ("zone", "change", "field", "message"),
    [
        ("Asia/Tokyo", {"log-occurred_at": "0001-01-01T00:00"}, "occurred_at", "from 1970"),
        ("UTC", {"log-occurred_at": "1969-12-31T23:59"}, "occurred_at", "from 1970"),
        (
            "America/Los_Angeles",
            {"log-callback_at": "9999-12-31T23:59"},
            "callback_at",
            "within ten years",
        ),
        ("UTC", {"log-callback_at": "2099-01-01T09:00"}, "callback_at", "within ten years"),
    ],
)
def test_a_touch_logged_off_the_calendar_is_a_form_error_and_nothing_is_saved(
    recruiter, candidate, zone, change, field, message
):
    client = in_zone(recruiter, zone)
    activities = Activity.objects.count()
    now = timezone.localtime(timezone.now(), ShownZone(zone))
    data = LOG | {"log-occurred_at": now.strftime("%Y-%m-%dT%H:%M")} | change
    response = client.post(f"/candidates/{candidate.pk}/log/", data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'id="id_log-{field}_error"' in html
    assert Activity.objects.count() == activities
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Pacific/Kiritimati"])
def test_an_email_scheduled_off_the_calendar_is_a_form_error(recruiter, candidate, zone):
    client = in_zone(recruiter, zone)
    data = {
        "template": "",
        "to_email": "cara@example.org",
        "application": "",
        "subject": "Hello",
        "body": "Hi",
        "when": "later",
        "send_at": "9999-12-31T23:59",
        "idempotency_key": "token-1",
        "action": "send",
    }
    response = client.post(f"/email/compose/{candidate.pk}/", data)
    assert response.status_code == 422
    assert "within ten years" in response.content.decode()
    assert not Message.objects.exists()


def test_a_rejection_scheduled_off_the_calendar_changes_nothing(recruiter, application):
    client = in_zone(recruiter, "America/Los_Angeles")
    template = EmailTemplate.objects.filter(purpose="rejection").first()
    reason = application.job.applications.model._meta.get_field("rejection_reason")
    response = client.post(
        f"/jobs/applications/{application.pk}/reject/",
        {
            "reason": reason.related_model.objects.first().pk,
            "tell": "schedule",
            "template": template.pk,
            "send_at": "9999-12-31T23:59",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "within ten years" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "active"
    assert not Message.objects.exists()


def test_a_reminder_for_a_date_off_the_calendar_is_a_form_error(recruiter, candidate):
    client = in_zone(recruiter, "Pacific/Kiritimati")
    response = client.post(
        f"/followups/remind/{candidate.pk}/", {"remind-when": "date", "remind-on": "9999-12-31"}
    )
    assert response.status_code == 422
    assert response.context["remind_form"].errors["on"]
    assert not FollowUp.objects.exists()


def test_a_snooze_to_a_date_off_the_calendar_is_refused(recruiter, candidate):
    followup = followup_create(
        actor=recruiter, candidate=candidate, due_at=timezone.now() - timedelta(hours=1)
    )
    client = in_zone(recruiter, "America/Los_Angeles")
    response = client.post(
        f"/followups/{followup.pk}/snooze/",
        {"when": "date", "on": "9999-12-31", "next": "/followups/"},
        follow=True,
    )
    assert response.status_code == 200
    assert "within ten years" in response.content.decode()
    followup.refresh_from_db()
    assert followup.state == "open"


@pytest.mark.parametrize("field", ["contacted_before", "contacted_after"])
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_search_filter_off_the_calendar_is_an_error_on_its_field(
    recruiter, candidate, field, day
):
    client = in_zone(recruiter, "Asia/Tokyo")
    response = client.get("/search/", {field: day})
    assert response.status_code == 200
    assert response.context["form"].errors[field]


def test_a_job_closing_date_off_the_calendar_is_a_form_error(recruiter, job):
    client = in_zone(recruiter, "UTC")
    response = client.post(
        f"/jobs/{job.pk}/edit/",
        {
            "title": job.title,
            "employment_type": job.employment_type,
            "status": job.status,
            "openings": 1,
            "recruiters": [recruiter.pk],
            "valid_through": "9999-12-31",
        },
    )
    assert response.context["form"].errors["valid_through"]
    job.refresh_from_db()
    assert job.valid_through is None
    assert Job.objects.filter(valid_through__isnull=False).count() == 0
