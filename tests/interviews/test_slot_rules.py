"""awaiting_candidate: times offered and not picked become a follow-up for whoever offered them
after the rule's business days; a pick or a re-send is done, a withdrawal cancels it."""

from datetime import datetime, timedelta

import pytest

from ghostless.followups.models import FollowUp, Reason, RuleSetting, State
from ghostless.followups.rules import run_rules
from ghostless.interviews import slots
from ghostless.jobs.models import ApplicationStatus
from tests.conftest import client_for
from tests.interviews import slot_fixtures as fx
from tests.interviews.slot_fixtures import BERLIN, offer_times, times

ivan, now, company_in_berlin = fx.ivan, fx.now, fx.company_in_berlin
# Offered Thursday 10 December 09:00; two business days later is Monday 14 December 09:00.
DUE = datetime(2026, 12, 14, 9, 0, tzinfo=BERLIN)


def awaiting():
    return FollowUp.objects.filter(reason=Reason.AWAITING_CANDIDATE)


@pytest.fixture
def offer(application, hiring_manager, ivan, now):
    # Hana (the job's hiring manager) offers: the follow-up is hers, not the owner's.
    return offer_times(application, hiring_manager, [ivan], times(0, 2))


def test_an_offer_unpicked_for_two_business_days_is_a_follow_up_for_who_offered_it(
    offer, hiring_manager, now
):
    now.move_to(DUE - timedelta(minutes=1))
    run_rules()
    assert not awaiting().exists()

    now.move_to(DUE + timedelta(minutes=1))
    run_rules()
    run_rules()  # once per sending

    [followup] = awaiting()
    assert followup.assignee == hiring_manager
    assert followup.application == offer.application
    assert followup.due_at == DUE and followup.waiting_since == offer.sent_at
    assert followup.note.startswith("Cara has not picked a time for “Technical interview”")


def test_without_who_offered_it_goes_to_the_applications_owner(offer, recruiter, now):
    offer.offered_by = None
    offer.save(update_fields=["offered_by"])
    now.move_to(DUE + timedelta(minutes=1))
    run_rules()
    assert awaiting().get().assignee == recruiter


def test_the_pick_closes_it_as_done(offer, now):
    now.move_to(DUE + timedelta(minutes=1))
    run_rules()

    slots.slot_pick(candidate=offer.application.candidate, slot_id=offer.slots.first().pk)

    assert awaiting().get().state == State.DONE


def test_a_re_send_is_the_nudge_and_starts_the_wait_again(offer, hiring_manager, now):
    now.move_to(DUE + timedelta(minutes=1))
    run_rules()

    slots.slot_offer_resend(offer=offer, actor=hiring_manager)
    assert awaiting().get().state == State.DONE
    now.move_to(DUE + timedelta(days=1))  # Tuesday: one business day since the re-send
    run_rules()
    assert awaiting().count() == 1
    now.move_to(DUE + timedelta(days=2, minutes=2))
    run_rules()
    assert awaiting().filter(state=State.OPEN).count() == 1


def test_withdrawing_the_times_or_closing_the_application_cancels_it(
    offer, application, hiring_manager, ivan, now
):
    now.move_to(DUE + timedelta(minutes=1))
    run_rules()
    slots.slot_offer_cancel(offer=offer, actor=hiring_manager)
    assert awaiting().get().state == State.CANCELLED

    second = offer_times(application, hiring_manager, [ivan], times(48))
    now.move_to(DUE + timedelta(days=3))
    run_rules()
    assert (
        awaiting()
        .filter(state=State.OPEN)
        .get()
        .rule_key.startswith(f"awaiting_candidate:{second.pk}:")
    )
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status"])
    run_rules()
    assert not awaiting().filter(state=State.OPEN).exists()


def test_the_rule_is_on_the_rules_page_and_can_be_changed(offer, admin, now):
    admin_page = client_for(admin)
    page = admin_page.get("/followups/rules/")
    assert "Awaiting the candidate" in page.content.decode()
    saved = admin_page.post(
        "/followups/rules/",
        {
            "awaiting_reply_days": "1",
            "not_acknowledged_days": "1",
            "close_the_loop_days": "2",
            "awaiting_candidate_enabled": "on",
            "awaiting_candidate_days": "5",
        },
    )
    assert saved.status_code == 302
    assert RuleSetting.objects.get(reason=Reason.AWAITING_CANDIDATE).business_days == 5

    now.move_to(DUE + timedelta(days=1))
    run_rules()
    assert not awaiting().exists()
