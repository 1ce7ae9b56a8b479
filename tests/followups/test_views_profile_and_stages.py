from datetime import UTC, datetime, timedelta

import time_machine
from django.utils import timezone

from ghostless.followups.business_time import add_business_days
from ghostless.followups.models import FollowUp
from tests.followups.conftest import remind

THURSDAY = datetime(2026, 11, 19, 10, 0, tzinfo=UTC)


def log_call(client, candidate, **fields):
    data = {
        "log-kind": "call",
        "log-direction": "outbound",
        "log-occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "log-subject": "Screening call",
        **fields,
    }
    return client.post(f"/candidates/{candidate.pk}/log/", data)


def test_a_promised_call_back_in_the_quick_log_becomes_a_follow_up(
    application, recruiter, recruiter_client, django_capture_on_commit_callbacks
):
    candidate = application.candidate
    with django_capture_on_commit_callbacks(execute=True):
        response = log_call(
            recruiter_client,
            candidate,
            **{"log-callback_at": "2031-01-05T14:30", "log-application": application.pk},
        )
    assert response.status_code == 302
    followup = FollowUp.objects.get()
    assert (followup.reason, followup.state, followup.assignee) == ("callback", "open", recruiter)
    assert followup.due_at == datetime(2031, 1, 5, 14, 30, tzinfo=UTC)
    assert followup.application == application and followup.note == "Screening call"


def test_a_call_back_in_the_past_is_refused_and_nothing_is_logged(candidate, recruiter_client):
    response = log_call(recruiter_client, candidate, **{"log-callback_at": "2020-01-05T14:30"})
    assert response.status_code == 422
    assert "A call-back is promised for a time still to come." in response.content.decode()
    assert not FollowUp.objects.exists()
    assert not candidate.activities.filter(kind="call").exists()


def test_hiring_managers_get_no_call_back_field_or_follow_ups_card(application, manager_client):
    html = manager_client.get(f"/candidates/{application.candidate_id}/").content.decode()
    assert "Promised to call back on" not in html
    assert 'id="followups-heading"' not in html


def test_the_profile_lists_open_follow_ups_and_remind_me(
    candidate, recruiter, other_recruiter, recruiter_client
):
    remind(other_recruiter, candidate, note="Ray promised a call")
    done = remind(recruiter, candidate, note="Old business")
    FollowUp.objects.filter(pk=done.pk).update(state="done")
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert "Ray promised a call" in html and "Old business" not in html
    assert "Ray Romano" in html
    assert 'action="/followups/remind/' in html and "In 3 business days" in html


def test_remind_me_in_three_business_days(candidate, recruiter, recruiter_client):
    with time_machine.travel(THURSDAY, tick=False):
        response = recruiter_client.post(
            f"/followups/remind/{candidate.pk}/", {"remind-when": "3", "remind-note": "Offer?"}
        )
        expected = add_business_days(timezone.now(), 3)
    assert response.url == f"/candidates/{candidate.pk}/#followups"
    followup = FollowUp.objects.get()
    assert followup.due_at == expected and expected.weekday() == 1  # the Tuesday after
    assert (followup.reason, followup.assignee, followup.note) == ("manual", recruiter, "Offer?")


def test_remind_me_on_a_date_needs_the_date(candidate, recruiter_client):
    response = recruiter_client.post(f"/followups/remind/{candidate.pk}/", {"remind-when": "date"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Pick the date." in html and 'aria-invalid="true"' in html
    assert not FollowUp.objects.exists()


def test_remind_me_is_for_recruiters_about_candidates_they_see(
    application, manager_client, outsider_client
):
    url = f"/followups/remind/{application.candidate_id}/"
    assert manager_client.post(url, {"remind-when": "1"}).status_code == 403
    assert outsider_client.post(url, {"remind-when": "1"}).status_code == 404


def test_the_profile_done_button_returns_to_the_profile(candidate, recruiter, recruiter_client):
    followup = remind(recruiter, candidate, due_in=timedelta(days=2))
    response = recruiter_client.post(
        f"/followups/{followup.pk}/done/", {"next": f"/candidates/{candidate.pk}/#followups"}
    )
    assert response.url == f"/candidates/{candidate.pk}/#followups"


def test_admins_set_and_clear_a_stage_limit(job, admin_client_):
    stage = job.stages.get(name="Screen")
    url = f"/jobs/{job.pk}/stages/"
    assert 'name="stale_after_days"' in admin_client_.get(url).content.decode()
    admin_client_.post(url, {"action": "stale", "stage": stage.pk, "stale_after_days": "5"})
    stage.refresh_from_db()
    assert stage.stale_after_days == 5
    admin_client_.post(url, {"action": "stale", "stage": stage.pk, "stale_after_days": ""})
    stage.refresh_from_db()
    assert stage.stale_after_days is None


def test_a_wrong_stage_limit_is_shown_on_its_input(job, admin_client_):
    stage = job.stages.get(name="Screen")
    response = admin_client_.post(
        f"/jobs/{job.pk}/stages/", {"action": "stale", "stage": stage.pk, "stale_after_days": "999"}
    )
    html = response.content.decode()
    assert "Use a number of business days from 1 to 365, or none." in html
    assert f'id="stage-{stage.pk}-stale" name="stale_after_days" value="999"' in html
    assert (
        f'aria-describedby="stage-{stage.pk}-stale-help stage-{stage.pk}-error" aria-invalid="true"'
        in html
    )


def test_the_settings_page_sets_the_digest_hour(recruiter, recruiter_client, manager_client):
    response = recruiter_client.post(
        "/settings/", {"time_zone": "Europe/Berlin", "digest_hour": "7", "email": "r@example.com"}
    )
    assert response.status_code == 302
    recruiter.refresh_from_db()
    assert recruiter.digest_hour == 7
    recruiter_client.post("/settings/", {"time_zone": "Europe/Berlin", "digest_hour": ""})
    recruiter.refresh_from_db()
    assert recruiter.digest_hour is None
    assert "Daily follow-up digest" not in manager_client.get("/settings/").content.decode()
