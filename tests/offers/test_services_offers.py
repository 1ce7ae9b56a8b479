"""Offers through the services: drafts, approvals in order, the no-approval path, sending,
withdrawing, expiring, and the policy a job copies from its pipeline template."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from ghostless.core.errors import Conflict, DomainError, PermissionDenied
from ghostless.jobs.models import PipelineTemplate
from ghostless.jobs.services import default_template
from ghostless.messaging.models import Message
from ghostless.offers import services
from ghostless.offers.models import Decision, Offer, OfferPolicy, OfferState
from ghostless.timeline.models import Activity, EventKind
from tests.factories import JobFactory
from tests.offers.conftest import TERMS


def kinds(offer) -> list[str]:
    return list(
        Activity.objects.filter(payload__offer_id=offer.pk)
        .order_by("id")
        .values_list("payload__event", flat=True)
    )


def test_a_draft_renders_the_letter_from_the_default_offer_template(draft):
    assert draft.state == OfferState.DRAFT
    assert draft.letter_subject == "Your offer for Backend Engineer at Ghostless Demo Co"
    assert "Hi Cara," in draft.letter
    assert "- Salary: EUR 85,000 per year" in draft.letter
    assert "- Start date: Monday 1 March 2027" in draft.letter
    assert "open until Friday 22 January 2027" in draft.letter
    assert kinds(draft) == [EventKind.OFFER_CREATED]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("salary", Decimal("0")),
        ("salary", "lots"),
        ("currency", "EURO"),
        ("currency", "XYZ"),
        ("pay_period", "fortnight"),
        ("expires_on", date(2027, 1, 10)),
        ("start_date", date(2026, 12, 1)),
        ("title", "  "),
    ],
)
def test_bad_terms_are_refused_naming_the_field(application, recruiter, field, value):
    with pytest.raises(DomainError) as refused:
        services.offer_create(application=application, actor=recruiter, **TERMS | {field: value})
    assert refused.value.field == field


def test_one_live_offer_per_application(draft, application, recruiter):
    with pytest.raises(Conflict):
        services.offer_create(application=application, actor=recruiter, **TERMS)
    services.offer_withdraw(offer=draft, actor=recruiter)
    again = services.offer_create(application=application, actor=recruiter, **TERMS)
    assert again.state == OfferState.DRAFT


def test_only_recruiters_make_offers(application, hiring_manager, chain):
    with pytest.raises(PermissionDenied):
        services.offer_create(application=application, actor=hiring_manager, **TERMS)


def test_approvers_decide_in_order_and_the_last_approval_approves(
    draft, recruiter, hiring_manager, admin
):
    services.offer_submit(offer=draft, actor=recruiter)
    draft.refresh_from_db()
    assert draft.state == OfferState.PENDING_APPROVAL

    with pytest.raises(Conflict, match="Hana Hughes’s turn first"):
        services.offer_approve(offer=draft, actor=admin)

    services.offer_approve(offer=draft, actor=hiring_manager, comment="Fair")
    draft.refresh_from_db()
    assert draft.state == OfferState.PENDING_APPROVAL
    services.offer_approve(offer=draft, actor=admin)
    draft.refresh_from_db()
    assert draft.state == OfferState.APPROVED and draft.approved_at
    decisions = list(draft.approvals.values_list("approver__username", "decision", "comment"))
    assert decisions == [("hana", "approved", "Fair"), ("alice", "approved", "")]
    assert kinds(draft)[-3:] == [
        EventKind.OFFER_SUBMITTED,
        EventKind.OFFER_APPROVED,
        EventKind.OFFER_APPROVED,
    ]


def test_someone_outside_the_chain_cannot_decide(draft, recruiter, other_recruiter):
    services.offer_submit(offer=draft, actor=recruiter)
    with pytest.raises(PermissionDenied):
        services.offer_approve(offer=draft, actor=other_recruiter)


def test_a_rejection_sends_it_back_to_draft_with_the_comment(
    draft, recruiter, hiring_manager, admin
):
    services.offer_submit(offer=draft, actor=recruiter)
    services.offer_reject(offer=draft, actor=hiring_manager, comment="Above the band")
    draft.refresh_from_db()
    assert draft.state == OfferState.DRAFT
    assert draft.rejection_comment == "Above the band"
    with pytest.raises(Conflict):
        services.offer_approve(offer=draft, actor=admin)

    services.offer_update(offer=draft, actor=recruiter, salary=Decimal("80000"))
    services.offer_submit(offer=draft, actor=recruiter)
    draft.refresh_from_db()
    assert draft.rejection_comment == ""
    latest = list(draft.approvals.filter(round=2).values_list("decision", flat=True))
    assert latest == [Decision.PENDING, Decision.PENDING]
    assert "EUR 80,000 per year" in draft.letter


def test_no_approvers_means_submit_approves_at_once(application, recruiter):
    offer = services.offer_create(application=application, actor=recruiter, **TERMS)
    assert services.approvers_needed(offer) == []
    services.offer_submit(offer=offer, actor=recruiter)
    offer.refresh_from_db()
    assert offer.state == OfferState.APPROVED
    assert not offer.approvals.exists()


def test_inside_the_range_needs_no_approval_when_the_job_says_so(
    job, application, recruiter, hiring_manager
):
    services.policy_save(
        owner=job,
        actor=recruiter,
        approver_ids=[hiring_manager.pk],
        salary_min=Decimal("70000"),
        salary_max=Decimal("90000"),
        currency="EUR",
        approval_only_outside_range=True,
    )
    inside = services.offer_create(application=application, actor=recruiter, **TERMS)
    assert services.approvers_needed(inside) == []
    inside = services.offer_update(offer=inside, actor=recruiter, salary=Decimal("95000"))
    assert services.approvers_needed(inside) == [hiring_manager]
    inside = services.offer_update(
        offer=inside, actor=recruiter, salary=Decimal("80000"), currency="USD"
    )
    assert services.approvers_needed(inside) == [hiring_manager]


def test_a_new_job_copies_its_templates_approvers(admin, hiring_manager):
    template = default_template()
    services.policy_save(owner=template, actor=admin, approver_ids=[hiring_manager.pk, admin.pk])
    job = JobFactory(title="Data Engineer", template=template)
    policy = OfferPolicy.objects.get(job=job)
    assert list(policy.approvers.values_list("user__username", flat=True)) == ["hana", "alice"]
    assert PipelineTemplate.objects.count() == 1


def test_interviewers_cannot_approve_offers(job, recruiter, interviewer):
    with pytest.raises(DomainError) as refused:
        services.policy_save(owner=job, actor=recruiter, approver_ids=[interviewer.pk])
    assert refused.value.field == "approvers"


def test_sending_twice_sends_once(approved, recruiter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        services.offer_send(offer=approved, actor=recruiter)
        services.offer_send(offer=approved, actor=recruiter)
    approved.refresh_from_db()
    assert approved.state == OfferState.SENT
    assert Message.objects.filter(candidate=approved.application.candidate).count() == 1


def test_an_offer_waiting_on_approval_cannot_be_sent(draft, recruiter):
    services.offer_submit(offer=draft, actor=recruiter)
    with pytest.raises(Conflict):
        services.offer_send(offer=draft, actor=recruiter)


def test_sent_offers_expire_after_their_last_day_by_the_system(sent, _monday):
    assert services.offers_expire() == 0
    _monday.move_to(timezone.now() + timedelta(days=12))  # Saturday 23 January
    assert services.offers_expire() == 1
    assert services.offers_expire() == 0
    sent.refresh_from_db()
    assert sent.state == OfferState.EXPIRED
    entry = Activity.objects.get(payload__event=EventKind.OFFER_EXPIRED.value)
    assert entry.actor is None


def test_withdrawing_is_once_and_closes_the_offer(sent, recruiter):
    services.offer_withdraw(offer=sent, actor=recruiter, note="Role frozen")
    services.offer_withdraw(offer=sent, actor=recruiter)
    sent.refresh_from_db()
    assert sent.state == OfferState.WITHDRAWN
    assert kinds(sent).count(EventKind.OFFER_WITHDRAWN) == 1
    assert Offer.objects.filter(state=OfferState.WITHDRAWN).count() == 1


def test_an_offer_is_not_sent_to_a_candidate_marked_do_not_contact(approved, recruiter):
    from ghostless.candidates.services import candidate_do_not_contact

    candidate_do_not_contact(
        candidate=approved.application.candidate,
        actor=recruiter,
        do_not_contact=True,
        reason="Asked",
    )
    with pytest.raises(DomainError, match="marked do not contact"):
        services.offer_send(offer=approved, actor=recruiter)
    approved.refresh_from_db()
    assert approved.state == OfferState.APPROVED
    assert not Message.objects.filter(candidate=approved.application.candidate).exists()
