"""Leaks the permission matrix found in the API, one test each: a hiring manager reads only
what belongs to her own jobs, and nothing of the recruiters' email set-up."""

from django.utils import timezone

from ghostless.followups.models import FollowUp, Reason
from tests.factories import ApplicationFactory, JobFactory


def followup(candidate, application, note: str) -> FollowUp:
    now = timezone.now()
    return FollowUp.objects.create(
        candidate=candidate,
        application=application,
        reason=Reason.MANUAL,
        due_at=now,
        waiting_since=now,
        note=note,
    )


def test_hiring_manager_reads_no_follow_up_about_another_managers_job(
    manager_api, recruiter_api, application, outsider
):
    cara = application.candidate
    other = ApplicationFactory(candidate=cara, job=JobFactory(hiring_manager=outsider))
    theirs = followup(cara, other, "Ask about the Sales offer")
    mine = followup(cara, application, "Chase the backend feedback")
    assert manager_api.get(f"/followups/{theirs.pk}").status_code == 404
    notes = [f["note"] for f in manager_api.get("/followups").json()["items"]]
    assert notes == ["Chase the backend feedback"]
    assert manager_api.get(f"/followups/{mine.pk}").status_code == 200
    assert recruiter_api.get(f"/followups/{theirs.pk}").status_code == 200


def test_email_templates_are_for_recruiters_only(manager_api, recruiter_api, db):
    listed = recruiter_api.get("/templates").json()
    assert listed
    assert manager_api.get("/templates").status_code == 403
    assert manager_api.get(f"/templates/{listed[0]['id']}").status_code == 403
