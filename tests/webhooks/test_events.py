"""Each change sends its event with what a receiver needs, from the service that made it."""

from datetime import date, timedelta
from decimal import Decimal

import time_machine
from django.utils import timezone

from ghostless.candidates.services import candidate_update
from ghostless.core import hooks
from ghostless.followups.models import FollowUp, Reason
from ghostless.jobs import services as jobs
from ghostless.merges.services import candidate_merge
from ghostless.offers.models import Offer, OfferState
from ghostless.webhooks.models import Event
from ghostless.webhooks.overdue import emit_overdue
from tests.factories import CandidateFactory, RejectionReasonFactory


def _types(receiver) -> list[str]:
    return [e["type"] for e in receiver.events()]


def test_an_application_sends_created_and_stage_changed(
    endpoint, receiver, candidate, job, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = jobs.application_create(candidate=candidate, job=job, actor=None)
        first = application.stage_id
        later = job.stages.exclude(pk=application.stage_id).order_by("order").last()
        jobs.application_move(application=application, stage=later, actor=None)
    created, moved = receiver.events()
    assert created["type"] == "application.created"
    assert created["data"]["job"]["title"] == "Backend Engineer"
    assert moved["type"] == "application.stage_changed"
    assert moved["data"]["stage"]["name"] == later.name
    assert moved["data"]["from_stage"]["id"] == first


def test_rejected_then_told_by_the_email_that_went_out(
    endpoint, receiver, application, django_capture_on_commit_callbacks
):
    reason = RejectionReasonFactory(name="Not a fit")
    with django_capture_on_commit_callbacks(execute=True):
        jobs.application_reject(application=application, actor=None, reason=reason)
        jobs.application_mark_told(application_id=application.pk, at=timezone.now(), how="email")
        # Told once: a second touch is not a second event.
        jobs.application_mark_told(application_id=application.pk, at=timezone.now(), how="call")
    rejected, told = receiver.events()
    assert rejected["type"] == "application.rejected"
    assert rejected["data"]["reason"] == "Not a fit"
    assert told["type"] == "candidate.told" and told["data"]["told_how"] == "email"


def test_withdrawn(endpoint, receiver, application, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        jobs.application_withdraw(application=application, actor=None, note="Took another job")
    [withdrawn] = receiver.events()
    assert withdrawn["type"] == "application.withdrawn"
    assert withdrawn["data"]["reason"] == "Took another job"


def test_a_hire_carries_what_onboarding_needs(
    endpoint, receiver, application, candidate, django_capture_on_commit_callbacks
):
    Offer.objects.create(
        application=application,
        title="Senior Backend Engineer",
        salary=Decimal("85000"),
        currency="EUR",
        pay_period="year",
        start_date=date(2027, 3, 1),
        expires_on=date(2027, 2, 1),
        state=OfferState.ACCEPTED,
        answered_at=timezone.now(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        jobs.application_hire(application=application, actor=None)
    hired = next(e for e in receiver.events() if e["type"] == "application.hired")["data"]
    assert hired["candidate"]["first_name"] == "Cara"
    assert hired["candidate"]["emails"] == ["cara@example.org"]
    assert hired["job"]["title"] == "Backend Engineer"
    assert hired["start_date"] == "2027-03-01"
    assert hired["offer"] | {"accepted_at": None} == {
        "id": hired["offer"]["id"],
        "title": "Senior Backend Engineer",
        "salary": "85000.00",
        "currency": "EUR",
        "pay_period": "year",
        "start_date": "2027-03-01",
        "accepted_at": None,
    }


def test_a_profile_change_names_the_changed_fields(
    endpoint, receiver, candidate, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        candidate_update(candidate=candidate, actor=None, current_title="CTO")
        candidate_update(candidate=candidate, actor=None, current_title="CTO")  # no change
    [updated] = receiver.events()
    assert updated["type"] == "candidate.updated"
    assert updated["data"]["changed"] == ["current_title"]
    assert updated["data"]["current_title"] == "CTO"


def test_a_merge_names_both_records(
    endpoint, receiver, candidate, django_capture_on_commit_callbacks
):
    other = CandidateFactory(first_name="Cara", last_name="Dupe")
    with django_capture_on_commit_callbacks(execute=True):
        candidate_merge(survivor=candidate, other=other, actor=None)
    [merged] = receiver.events()
    assert merged == merged | {"type": "candidate.merged"}
    assert merged["data"] == {"survivor_id": candidate.pk, "merged_id": other.pk}


def test_anonymising_redacts_past_events_and_sends_the_id_only(
    endpoint, receiver, candidate, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        candidate_update(candidate=candidate, actor=None, current_title="CTO")
    with django_capture_on_commit_callbacks(execute=True):
        hooks.candidate_anonymised.send(candidate_id=candidate.pk)  # as privacy does, on commit
    assert _types(receiver) == ["candidate.updated", "candidate.anonymised"]
    assert receiver.events()[1]["data"] == {"id": candidate.pk}
    stored = Event.objects.get(type="candidate.updated")
    assert "cara@example.org" not in stored.body and '"redacted":true' in stored.body


def test_an_overdue_follow_up_is_announced_once(
    endpoint, receiver, candidate, recruiter, django_capture_on_commit_callbacks
):
    now = timezone.now()
    followup = FollowUp.objects.create(
        candidate=candidate,
        assignee=recruiter,
        reason=Reason.MANUAL,
        due_at=now + timedelta(hours=1),
        waiting_since=now,
        note="Call back about the offer",
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert emit_overdue() == 0
    with (
        time_machine.travel(now + timedelta(hours=2)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert emit_overdue() == 1
        assert emit_overdue() == 0
    [overdue] = receiver.events()
    assert overdue["type"] == "followup.overdue"
    assert overdue["data"]["id"] == followup.pk and overdue["data"]["assignee"] == "rita"
