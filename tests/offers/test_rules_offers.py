"""approval_due reaches the approver whose turn it is after one business day; offer_expiring
reaches the owner the business day before a sent offer's last day; both clear once settled."""

from datetime import timedelta

from django.utils import timezone

from ghostless.followups.models import FollowUp, Reason, State
from ghostless.followups.rules import run_rules
from ghostless.offers import services
from tests.factories import CandidateFactory


def open_for(reason):
    return list(
        FollowUp.objects.filter(reason=reason, state=State.OPEN).values_list(
            "assignee__username", flat=True
        )
    )


def test_approval_due_goes_to_the_waiting_approver_after_one_business_day(
    draft, recruiter, hiring_manager, admin, _monday, django_capture_on_commit_callbacks
):
    services.offer_submit(offer=draft, actor=recruiter)
    run_rules()
    assert open_for(Reason.APPROVAL_DUE) == []

    _monday.move_to(timezone.now() + timedelta(days=1, minutes=1))  # Tuesday 09:01
    run_rules()
    assert open_for(Reason.APPROVAL_DUE) == ["hana"]
    followup = FollowUp.objects.get(reason=Reason.APPROVAL_DUE)
    assert followup.note == "The offer “Senior Backend Engineer” waits on your approval."

    services.offer_approve(offer=draft, actor=hiring_manager)
    run_rules()
    followup.refresh_from_db()
    assert followup.state == State.DONE
    assert open_for(Reason.APPROVAL_DUE) == []  # Alice's turn began just now

    _monday.move_to(timezone.now() + timedelta(days=1, minutes=1))
    run_rules()
    assert open_for(Reason.APPROVAL_DUE) == ["alice"]
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_reject(offer=draft, actor=admin, comment="No")
    assert open_for(Reason.APPROVAL_DUE) == []  # cleared at once, by the touch hook


def test_a_weekend_and_a_holiday_do_not_count_towards_approval_due(draft, recruiter, _monday):
    _monday.move_to(timezone.now() + timedelta(days=4))  # Friday 15 January, 09:00
    services.offer_submit(offer=draft, actor=recruiter)
    _monday.move_to(timezone.now() + timedelta(days=3, minutes=1))  # Monday 18: MLK Day
    run_rules()
    assert open_for(Reason.APPROVAL_DUE) == []
    _monday.move_to(timezone.now() + timedelta(days=1))  # Tuesday 19, 09:01
    run_rules()
    assert open_for(Reason.APPROVAL_DUE) == ["hana"]


def test_offer_expiring_goes_to_the_owner_the_business_day_before(sent, _monday):
    # Open until Friday 22 January: the follow-up comes at the start of Thursday 21.
    _monday.move_to(timezone.now() + timedelta(days=9, hours=14))  # Wednesday 20, 23:00
    run_rules()
    assert open_for(Reason.OFFER_EXPIRING) == []
    _monday.move_to(timezone.now() + timedelta(hours=1, minutes=1))  # Thursday 00:01
    run_rules()
    assert open_for(Reason.OFFER_EXPIRING) == ["rita"]


def test_offer_expiring_clears_when_the_candidate_answers(
    sent, _monday, django_capture_on_commit_callbacks
):
    _monday.move_to(timezone.now() + timedelta(days=10))
    run_rules()
    candidate = sent.application.candidate
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_decline_by_candidate(candidate=candidate, offer=sent, token="t", ip="")
    followup = FollowUp.objects.get(reason=Reason.OFFER_EXPIRING)
    assert followup.state == State.DONE


def test_offer_expiring_is_cancelled_when_it_expires(sent, _monday):
    _monday.move_to(timezone.now() + timedelta(days=10))
    run_rules()
    _monday.move_to(timezone.now() + timedelta(days=2))
    services.offers_expire()
    run_rules()
    assert FollowUp.objects.get(reason=Reason.OFFER_EXPIRING).state == State.CANCELLED


def test_offer_rules_leave_other_candidates_alone(sent, _monday):
    CandidateFactory(emails=["other@example.org"])
    _monday.move_to(timezone.now() + timedelta(days=10))
    run_rules()
    assert FollowUp.objects.filter(reason=Reason.OFFER_EXPIRING).count() == 1


def test_approval_due_is_cancelled_when_the_offer_is_withdrawn(draft, recruiter, _monday):
    services.offer_submit(offer=draft, actor=recruiter)
    _monday.move_to(timezone.now() + timedelta(days=1, minutes=1))
    run_rules()
    services.offer_withdraw(offer=draft, actor=recruiter)
    run_rules()
    assert FollowUp.objects.get(reason=Reason.APPROVAL_DUE).state == State.CANCELLED
