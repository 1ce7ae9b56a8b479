"""Times from the edges of the calendar: refused on the way in naming the field, and what is
already stored is served without a 500."""

from datetime import UTC, datetime

import pytest

from ghostless.candidates.models import Candidate
from ghostless.followups.models import FollowUp
from ghostless.followups.services import followup_create
from ghostless.messaging.models import EmailTemplate, Message
from ghostless.timeline.models import Activity
from tests.api_clients import api_for

FIRST = datetime(1, 1, 1, tzinfo=UTC)
LAST = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
EXTREMES = [
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+14:00",
]


def assert_refused(response, field):
    assert response.status_code == 422, response.content
    assert response.json()["field"] == field


@pytest.mark.parametrize("value", [*EXTREMES, "1969-12-31T23:59:59Z"])
def test_an_activity_dated_off_the_calendar_is_refused_with_the_field(
    manager_api, application, value
):
    before = Activity.objects.count()
    response = manager_api.post(
        f"/candidates/{application.candidate_id}/activities",
        {"kind": "note", "occurred_at": value, "application_id": application.pk},
    )
    assert_refused(response, "occurred_at")
    assert Activity.objects.count() == before


@pytest.mark.parametrize("value", [*EXTREMES, "2040-01-01T00:00:00Z"])
def test_a_follow_up_due_off_the_calendar_is_refused_with_the_field(
    recruiter_api, candidate, value
):
    response = recruiter_api.post(
        "/followups", {"candidate_id": candidate.pk, "due_at": value, "note": "Call"}
    )
    assert_refused(response, "due_at")
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize("value", EXTREMES)
def test_a_snooze_off_the_calendar_is_refused_with_the_field(
    recruiter, recruiter_api, candidate, value
):
    followup = followup_create(
        actor=recruiter, candidate=candidate, due_at=datetime(2026, 1, 1, tzinfo=UTC)
    )
    response = recruiter_api.post(f"/followups/{followup.pk}/snooze", {"until": value})
    assert_refused(response, "until")
    followup.refresh_from_db()
    assert (followup.state, followup.due_at) == ("open", datetime(2026, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize("value", EXTREMES)
def test_an_email_sent_at_a_time_off_the_calendar_is_refused_with_the_field(
    recruiter_api, candidate, value
):
    response = recruiter_api.post(
        f"/candidates/{candidate.pk}/messages",
        {"subject": "Hello", "body": "Hi Cara", "send_at": value},
    )
    assert_refused(response, "send_at")
    assert not Message.objects.exists()


@pytest.mark.parametrize("value", EXTREMES)
def test_a_rejection_scheduled_off_the_calendar_is_refused_and_nothing_changes(
    recruiter_api, application, value
):
    template = EmailTemplate.objects.filter(purpose="rejection").first()
    response = recruiter_api.post(
        f"/applications/{application.pk}/reject",
        {"reason": "Skills do not match", "template_id": template.pk, "send_at": value},
    )
    assert_refused(response, "send_at")
    application.refresh_from_db()
    assert application.status == "active"
    assert not Message.objects.exists()


@pytest.mark.parametrize("field", ["contacted_before", "contacted_after"])
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_search_filter_off_the_calendar_is_refused_with_the_field(
    recruiter, recruiter_api, candidate, field, day
):
    recruiter.time_zone = "Asia/Tokyo"
    recruiter.save()
    response = recruiter_api.get("/search", {field: day})
    assert_refused(response, field)


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Europe/Berlin", "America/Los_Angeles"])
def test_stored_times_at_the_calendars_ends_are_served(recruiter, application, zone):
    candidate = application.candidate
    Activity.objects.filter(candidate=candidate).update(occurred_at=FIRST)
    Candidate.objects.filter(pk=candidate.pk).update(last_contact_at=FIRST)
    followup = followup_create(
        actor=recruiter, candidate=candidate, due_at=datetime(2026, 1, 1, tzinfo=UTC)
    )
    FollowUp.objects.filter(pk=followup.pk).update(due_at=LAST, waiting_since=FIRST)
    recruiter.time_zone = zone
    recruiter.save()
    api = api_for(recruiter)
    for path in (
        f"/candidates/{candidate.pk}",
        f"/candidates/{candidate.pk}/timeline",
        "/candidates",
        "/followups",
        f"/followups/{followup.pk}",
        f"/applications/{application.pk}",
    ):
        assert api.get(path).status_code == 200, path
    served = api.get(f"/followups/{followup.pk}").json()
    assert datetime.fromisoformat(served["due_at"]) == LAST
