"""Where the interview deadlines are set: per pipeline template (admins), per job (its edit
form, recruiters) and per stage ("Promise an answer within"), each audited."""

from datetime import timedelta

import pytest
from django.urls import reverse

from ghostless.core.errors import DomainError
from ghostless.followups.models import FollowUp
from ghostless.followups.rules import rule_settings
from ghostless.jobs import services
from ghostless.jobs.services import default_template, job_create
from ghostless.timeline.models import AuditEntry
from tests.interviews.deadlines_cast import interview, interviewer, run_at
from tests.parsed_html import find, text


@pytest.fixture
def template(db):
    return default_template()


def test_the_template_page_says_what_happens_by_itself(admin_client_, template):
    page = admin_client_.get(reverse("jobs:template", args=[template.pk]))
    said = text(find(page, "section", class_="interview-deadlines"))
    assert (
        "Interviewers who have not sent a scorecard 24 business hours after the interview get "
        "a follow-up." in said
    )
    assert "Feedback due after (business hours)" in said
    assert "Decision due after (business days)" in said
    assert "Promise an answer within" in text(find(page, "ol", class_="stage-editor"))


def test_admins_set_a_templates_deadlines_and_new_jobs_copy_them(admin_client_, admin, template):
    response = admin_client_.post(
        reverse("jobs:template", args=[template.pk]),
        {
            "action": "deadlines",
            "deadlines-feedback_due_hours": "48",
            "deadlines-decision_due_days": "3",
        },
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert (template.feedback_due_hours, template.decision_due_days) == (48, 3)
    entry = AuditEntry.objects.get(event="pipeline_template_deadlines_changed")
    assert entry.actor == admin
    assert entry.changes == {"feedback_due_hours": [24, 48], "decision_due_days": [2, 3]}
    job = job_create(actor=None, title="Designer", template=template)
    assert (job.feedback_due_hours, job.decision_due_days) == (48, 3)


def test_a_deadline_out_of_range_is_shown_next_to_its_field(admin_client_, template):
    response = admin_client_.post(
        reverse("jobs:template", args=[template.pk]),
        {
            "action": "deadlines",
            "deadlines-feedback_due_hours": "0",
            "deadlines-decision_due_days": "2",
        },
    )
    assert response.status_code == 200
    field = find(response, "input", id="id_deadlines-feedback_due_hours")
    assert field.get("aria-invalid") == "true"
    template.refresh_from_db()
    assert template.feedback_due_hours == 24


def test_recruiters_may_not_change_a_template(recruiter_client, template):
    url = reverse("jobs:template", args=[template.pk])
    assert recruiter_client.get(url).status_code == 404
    data = {"action": "deadlines", "deadlines-feedback_due_hours": "1"}
    assert recruiter_client.post(url, data).status_code in (403, 404)
    template.refresh_from_db()
    assert template.feedback_due_hours == 24


def test_recruiters_change_a_jobs_deadlines_on_its_edit_form(recruiter_client, job, recruiter):
    url = reverse("jobs:edit", args=[job.pk])
    field = find(recruiter_client.get(url), "input", id="id_feedback_due_hours")
    assert field.get("value") == "24"
    data = {
        "title": job.title,
        "employment_type": job.employment_type,
        "status": job.status,
        "openings": 1,
        "recruiters": [recruiter.pk],
        "feedback_due_hours": "8",
        "decision_due_days": "1",
    }
    assert recruiter_client.post(url, data).status_code == 302
    job.refresh_from_db()
    assert (job.feedback_due_hours, job.decision_due_days) == (8, 1)
    entry = AuditEntry.objects.filter(subject="job", event="job_updated").latest("at")
    assert entry.changes["feedback_due_hours"] == [24, 8]
    response = recruiter_client.post(url, data | {"decision_due_days": "99"})
    assert response.status_code in (200, 422)
    assert "less than or equal to 60" in response.content.decode()


def test_a_new_job_form_takes_the_templates_numbers(recruiter_client):
    html = recruiter_client.get(reverse("jobs:create")).content.decode()
    assert "Feedback due after" not in html


def test_admins_set_a_stages_promise(admin_client_, admin, job):
    stage = job.stages.get(order=1)
    url = reverse("jobs:stages", args=[job.pk])
    data = {"action": "hear_back", "stage": stage.pk, "hear_back_days": "3"}
    assert admin_client_.post(url, data).status_code == 302
    stage.refresh_from_db()
    assert stage.hear_back_days == 3
    entry = AuditEntry.objects.get(event="stage_promise_changed")
    assert entry.changes == {"hear_back_days": [None, 3]}
    response = admin_client_.post(url, data | {"hear_back_days": "soon"})
    field = find(response, "input", id=f"stage-{stage.pk}-promise")
    assert field.get("aria-invalid") == "true"
    assert admin_client_.post(url, data | {"hear_back_days": ""}).status_code == 302
    stage.refresh_from_db()
    assert stage.hear_back_days is None


def test_a_promise_is_one_to_sixty_business_days(admin, job):
    stage = job.stages.first()
    with pytest.raises(DomainError) as refused:
        services.stage_set_hear_back_days(stage=stage, days=0, actor=admin)
    assert refused.value.field == "hear_back_days"


def test_an_admin_switches_an_interview_rule_off_on_the_rules_page(admin_client_, application):
    page = admin_client_.get(reverse("followups:rules"))
    said = text(find(page, "form", class_="card"))
    assert "Each job has its own limit (24 business hours unless changed)" in said
    data = {
        "awaiting_reply_enabled": "on",
        "awaiting_reply_days": "1",
        "not_acknowledged_days": "1",
        "close_the_loop_days": "2",
        "awaiting_candidate_days": "2",
        "decision_due_enabled": "on",
        "promise_due_enabled": "on",
    }
    assert admin_client_.post(reverse("followups:rules"), data).status_code == 302
    chosen = rule_settings()
    assert chosen["feedback_due"][0] is False
    assert chosen["decision_due"][0] is True
    meeting = interview(application, interviewer("ivy"))
    run_at(meeting.ends_at + timedelta(days=5))
    assert not FollowUp.objects.filter(reason="feedback_due").exists()
