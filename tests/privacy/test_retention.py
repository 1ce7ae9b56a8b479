"""Retention: the dry run is what the real run does, and nobody untold is anonymised."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from ghostless.candidates.models import Candidate
from ghostless.followups.models import FollowUp, Reason
from ghostless.jobs.models import Application, ApplicationStatus
from ghostless.privacy.models import RetentionRun, RunState
from ghostless.privacy.retention import retention_plan, retention_run, retention_run_start
from ghostless.privacy.services import retention_rule_create
from ghostless.timeline.models import Activity, AuditEntry, EventKind
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory

pytestmark = pytest.mark.django_db


def person(*, status, location="", told=True, job_location="", months_ago=0, owner=None):
    when = timezone.now() - timedelta(days=31 * months_ago)
    with time_machine.travel(when, tick=False):
        candidate = CandidateFactory(location=location, owner=owner, emails=[])
        if status is not None:
            application = ApplicationFactory(
                candidate=candidate, job=JobFactory(location=job_location)
            )
            Application.objects.filter(pk=application.pk).update(
                status=status, told_at=when if told else None
            )
    return candidate


@pytest.fixture
def rules(admin):
    retention_rule_create(actor=admin, outcome="rejected", months=6)
    retention_rule_create(actor=admin, outcome="rejected", months=12, location="Germany")
    retention_rule_create(
        actor=admin, outcome="hired", months=24, location="United States", legal_floor=True
    )
    retention_rule_create(actor=admin, outcome="hired", months=12)
    retention_rule_create(actor=admin, outcome="never_applied", months=3)


def test_dry_run_lists_exactly_whom_the_real_run_anonymises(rules, recruiter):
    due_rejected = person(status=ApplicationStatus.REJECTED, months_ago=7)
    kept_in_germany = person(
        status=ApplicationStatus.REJECTED, location="Berlin, Germany", months_ago=7
    )
    due_hired = person(status=ApplicationStatus.HIRED, months_ago=13)
    us_floor = person(
        status=ApplicationStatus.HIRED, job_location="Austin, United States", months_ago=13
    )
    sourced = person(status=None, months_ago=4)
    recent = person(status=ApplicationStatus.REJECTED, months_ago=2)
    in_progress = person(status=ApplicationStatus.ACTIVE, months_ago=20)

    planned = {d.candidate_id for d in retention_plan()}
    assert planned == {due_rejected.pk, due_hired.pk, sourced.pk}

    run = retention_run(run=retention_run_start(actor=None))

    anonymised = set(
        Candidate.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True)
    )
    assert anonymised == planned
    assert (run.state, run.total, run.done, run.anonymised, run.held) == (RunState.DONE, 3, 3, 3, 0)
    for kept in (kept_in_germany, us_floor, recent, in_progress):
        kept.refresh_from_db()
        assert kept.anonymised_at is None
    entry = Activity.objects.get(
        candidate=due_rejected, payload__event=EventKind.CANDIDATE_ANONYMISED
    )
    assert "retention rules" in entry.body and entry.actor_id is None
    assert AuditEntry.objects.filter(subject_id=due_rejected.pk, event="anonymised").exists()


def test_the_latest_date_wins_and_shows_when(rules):
    german = person(status=ApplicationStatus.REJECTED, location="Germany", months_ago=7)
    [due] = retention_plan(until=timezone.now() + timedelta(days=200))
    assert due.candidate_id == german.pk
    assert due.due_at > timezone.now() + timedelta(days=120)  # 12 months, not 6


def test_untold_applicant_is_held_with_a_close_the_loop_follow_up(rules, recruiter):
    untold = person(status=ApplicationStatus.REJECTED, told=False, months_ago=8, owner=recruiter)
    [due] = retention_plan()
    assert due.untold and due.action.startswith("follow-up")

    run = retention_run(run=retention_run_start(actor=None))
    retention_run(run=retention_run_start(actor=None))  # the next day: still one follow-up

    untold.refresh_from_db()
    assert untold.anonymised_at is None and run.held == 1
    followup = FollowUp.objects.get(candidate=untold)
    assert followup.reason == Reason.CLOSE_THE_LOOP and followup.assignee == recruiter


def test_a_second_run_while_one_runs_is_refused(admin):
    RetentionRun.objects.create()
    from ghostless.core.errors import Conflict

    with pytest.raises(Conflict):
        retention_run_start(actor=admin)


def test_run_now_asks_first_then_runs_and_shows_progress(rules, admin_client_):
    due = person(status=ApplicationStatus.REJECTED, months_ago=7)
    asked = admin_client_.post("/settings/retention/run/")
    assert asked.status_code == 200 and b"Anonymise 1 now" in asked.content
    due.refresh_from_db()
    assert due.anonymised_at is None
    ran = admin_client_.post("/settings/retention/run/", {"confirm": "yes"})
    assert ran.status_code == 302
    due.refresh_from_db()
    assert due.anonymised_at is not None
    progress = admin_client_.get("/settings/retention/progress/")
    assert b"1 of 1 checked" in progress.content and b"1 anonymised" in progress.content


def test_dry_run_page_lists_who_and_when(rules, admin_client_):
    due = person(status=ApplicationStatus.REJECTED, months_ago=7)
    page = admin_client_.get("/settings/retention/?dry_run=1")
    assert page.status_code == 200
    assert [d.candidate_id for d in page.context["dry_run"]] == [due.pk]
    assert page.context["due_now"] == 1


def test_recruiters_may_not_open_retention(recruiter_client):
    assert recruiter_client.get("/settings/retention/").status_code == 404


def test_plan_reads_a_fixed_number_of_queries(rules, django_assert_num_queries):
    for months in (7, 8, 9):
        person(status=ApplicationStatus.REJECTED, months_ago=months)
    with django_assert_num_queries(4):
        assert len(retention_plan()) == 3
    for months in (7, 8, 9):
        person(status=ApplicationStatus.REJECTED, months_ago=months, told=False)
    with django_assert_num_queries(4):
        assert len(retention_plan()) == 6


def test_rule_form_refuses_bad_months(admin_client_):
    response = admin_client_.post(
        "/settings/retention/rules/", {"outcome": "rejected", "months": "0"}
    )
    assert response.status_code == 422
    assert "months" in response.context["form"].errors


def test_erasure_goes_ahead_when_untold_and_says_so(recruiter):
    from ghostless.privacy.anonymise import candidate_anonymise

    untold = person(status=ApplicationStatus.REJECTED, told=False, owner=recruiter)
    candidate_anonymise(untold, actor=recruiter, reason="The person asked by phone")
    entry = Activity.objects.get(candidate=untold, payload__event=EventKind.CANDIDATE_ANONYMISED)
    assert entry.payload["untold"] == 1
    assert "had not been told their outcome" in entry.body and entry.actor == recruiter


def test_anonymising_sends_the_hook_once_after_commit(
    recruiter, candidate, django_capture_on_commit_callbacks
):
    from ghostless.core import hooks
    from ghostless.privacy.anonymise import candidate_anonymise

    heard = []
    listener = heard.append
    hooks.candidate_anonymised.connect(lambda **kw: listener(kw["candidate_id"]))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            candidate_anonymise(candidate, actor=recruiter, reason="Asked")
            assert heard == []
            candidate_anonymise(candidate, actor=recruiter, reason="Asked again")
    finally:
        hooks.candidate_anonymised.listeners.pop()
    assert heard == [candidate.pk]
