"""Offers: draft on an application, read, submit, approve or reject in order, send, withdraw.

Who sees an offer is `offers.selectors.offers_visible_to` (404 otherwise): recruiters,
admins, its approvers and the job's hiring manager; `salary` and `letter` are null for a
hiring manager outside the chain. Who may act is the service's check (403); a step the
offer's state does not allow, or an approver out of turn, is a 409.
"""

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from ghostless.api.schemas import Id, In, Text, Text200
from ghostless.jobs.selectors import access_application
from ghostless.messaging.models import EmailTemplate
from ghostless.offers import services
from ghostless.offers.selectors import access_offer, chain, sees_salary

applications_router = Router(tags=["offers"])
router = Router(tags=["offers"])


class ApprovalOut(Schema):
    approver: int = Field(description="The approver's user id.")
    approver_name: str
    order: int
    decision: str = Field(description="pending, approved or rejected.")
    at: datetime | None
    comment: str


class OfferOut(Schema):
    id: int
    application_id: int
    state: str = Field(
        description="draft, pending_approval, approved, sent, accepted, declined, expired "
        "or withdrawn."
    )
    title: str
    salary: Decimal | None = Field(description="Null for those who may not see it.")
    currency: str
    pay_period: str
    start_date: date
    expires_on: date
    template_id: int | None
    letter_subject: str | None
    letter: str | None
    rejection_comment: str
    decline_reason: str
    sent_at: datetime | None
    answered_at: datetime | None
    approvals: list[ApprovalOut]


class OfferIn(In):
    title: Text200
    salary: Decimal = Field(..., gt=0, max_digits=12, decimal_places=2)
    currency: Text = Field(..., max_length=3)
    pay_period: Text = Field(..., max_length=10, description="year, month, week, day or hour.")
    start_date: date
    expires_on: date = Field(description="The last day the candidate can accept.")
    template_id: Id | None = Field(None, description="An offer letter template; the default one.")


class CommentIn(In):
    comment: Text = Field("", max_length=2000)


class WithdrawIn(In):
    note: Text = Field("", max_length=2000)


def _out(user, offer) -> dict:
    shown = sees_salary(user, offer)
    return {
        "id": offer.pk,
        "application_id": offer.application_id,
        "state": offer.state,
        "title": offer.title,
        "salary": offer.salary if shown else None,
        "currency": offer.currency,
        "pay_period": offer.pay_period,
        "start_date": offer.start_date,
        "expires_on": offer.expires_on,
        "template_id": offer.template_id,
        "letter_subject": offer.letter_subject if shown else None,
        "letter": offer.letter if shown else None,
        "rejection_comment": offer.rejection_comment,
        "decline_reason": offer.decline_reason,
        "sent_at": offer.sent_at,
        "answered_at": offer.answered_at,
        "approvals": [
            {
                "approver": a.approver_id,
                "approver_name": a.approver.name,
                "order": a.order,
                "decision": a.decision,
                "at": a.at,
                "comment": a.comment,
            }
            for a in chain(offer)
        ],
    }


@applications_router.post("/{application_id}/offers", response={201: OfferOut})
def create_offer(request: HttpRequest, application_id: Id, payload: OfferIn):
    application = access_application(request.auth, application_id)
    terms = payload.dict(exclude={"template_id"})
    template = None
    if payload.template_id is not None:
        template = get_object_or_404(EmailTemplate, pk=payload.template_id)
    offer = services.offer_create(
        application=application, actor=request.auth, template=template, **terms
    )
    return Status(201, _out(request.auth, access_offer(request.auth, offer.pk)))


@router.get("/{offer_id}", response=OfferOut)
def get_offer(request: HttpRequest, offer_id: Id):
    return _out(request.auth, access_offer(request.auth, offer_id))


def _step(request: HttpRequest, offer_id: int, action, **kwargs) -> dict:
    offer = access_offer(request.auth, offer_id)
    action(offer=offer, actor=request.auth, **kwargs)
    return _out(request.auth, access_offer(request.auth, offer_id))


@router.post("/{offer_id}/submit", response=OfferOut)
def submit_offer(request: HttpRequest, offer_id: Id):
    return _step(request, offer_id, services.offer_submit)


@router.post("/{offer_id}/approve", response=OfferOut)
def approve_offer(request: HttpRequest, offer_id: Id, payload: CommentIn | None = None):
    return _step(
        request, offer_id, services.offer_approve, comment=payload.comment if payload else ""
    )


@router.post("/{offer_id}/reject", response=OfferOut)
def reject_offer(request: HttpRequest, offer_id: Id, payload: CommentIn | None = None):
    return _step(
        request, offer_id, services.offer_reject, comment=payload.comment if payload else ""
    )


@router.post("/{offer_id}/send", response=OfferOut)
def send_offer(request: HttpRequest, offer_id: Id):
    return _step(request, offer_id, services.offer_send)


@router.post("/{offer_id}/withdraw", response=OfferOut)
def withdraw_offer(request: HttpRequest, offer_id: Id, payload: WithdrawIn | None = None):
    return _step(request, offer_id, services.offer_withdraw, note=payload.note if payload else "")
