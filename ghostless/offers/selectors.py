"""Reads for offers, with the permission rules built in.

Who sees an offer: recruiters and admins; the approvers in its chain; the job's hiring
manager. Interviewers never. The salary is for recruiters, admins and approvers: a hiring
manager who is not in the chain sees the offer without its terms of pay or its letter.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.followups.business_time import add_business_days, company_zone
from ghostless.offers.letters import letter_html, long_day, terms_text
from ghostless.offers.models import Decision, Offer, OfferApproval, OfferState

# Business days an approver has before their turn is a follow-up (the approval_due rule's
# default; the status page promises news the business day after).
APPROVAL_DAYS = 1


def offers_visible_to(user: User) -> QuerySet[Offer]:
    if user.sees_everything:
        return Offer.objects.all()
    if user.is_interviewer:
        return Offer.objects.none()
    in_chain = OfferApproval.objects.filter(approver=user).values("offer_id")
    return Offer.objects.filter(Q(application__job__hiring_manager=user) | Q(pk__in=in_chain))


def access_offer(user: User, pk) -> Offer:
    """The only way views and endpoints load an offer: 404 for what the user may not see."""
    return get_object_or_404(
        offers_visible_to(user).select_related(
            "application__candidate", "application__job", "application__stage", "template"
        ),
        pk=pk,
    )


def sees_salary(user: User, offer: Offer) -> bool:
    if user.sees_everything:
        return True
    return offer.approvals.filter(approver=user).exists()


def chain(offer: Offer) -> list[OfferApproval]:
    """The latest round of approvals, in order (older rounds are on the timeline)."""
    approvals = list(offer.approvals.select_related("approver").order_by("-round", "order"))
    latest = approvals[0].round if approvals else 0
    return [a for a in approvals if a.round == latest]


# The candidate's status page.


@dataclass
class StatusOffer:
    pk: int
    state: str  # sent, accepted, declined, expired, or finalising (pending or approved)
    title: str = ""
    terms: str = ""
    start_date: str = ""
    expires_on: str = ""
    letter: str = ""
    finalising_by: str = ""  # "Tuesday 12 January 2027": when to expect news


def _finalising_by(waiting_since: datetime | None, now: datetime) -> str:
    """The business day after the current approver's due time (or after today, once that has
    passed or when the offer waits only on being sent)."""
    due = add_business_days(waiting_since, APPROVAL_DAYS) if waiting_since else now
    news = add_business_days(max(due, now), 1)
    return long_day(news.astimezone(company_zone()).date())


SHOWN = (
    OfferState.PENDING_APPROVAL,
    OfferState.APPROVED,
    OfferState.SENT,
    OfferState.ACCEPTED,
    OfferState.DECLINED,
    OfferState.EXPIRED,
)


def status_offers(application_ids: list[int]) -> dict[int, StatusOffer]:
    """The latest offer of each application the candidate may know of, in one query: what
    was sent and how it was answered, or, while it waits on us, that it is being finalised."""
    if not application_ids:
        return {}
    now = timezone.now()
    turn = OfferApproval.objects.filter(
        offer_id=OuterRef("pk"), decision=Decision.PENDING, waiting_since__isnull=False
    ).order_by("-round", "order")
    offers = (
        Offer.objects.filter(application_id__in=application_ids)
        .exclude(state__in=[OfferState.DRAFT, OfferState.WITHDRAWN])
        .annotate(turn_since=Subquery(turn.values("waiting_since")[:1]))
        .order_by("application_id", "-created_at", "-id")
        .only(
            "application_id",
            "state",
            "title",
            "salary",
            "currency",
            "pay_period",
            "start_date",
            "expires_on",
            "letter",
        )
    )
    shown = {}
    for offer in offers:
        if offer.application_id in shown:
            continue
        if offer.state in (OfferState.PENDING_APPROVAL, OfferState.APPROVED):
            shown[offer.application_id] = StatusOffer(
                offer.pk, "finalising", finalising_by=_finalising_by(offer.turn_since, now)
            )
            continue
        shown[offer.application_id] = StatusOffer(
            offer.pk,
            offer.state,
            title=offer.title,
            terms=terms_text(
                salary=offer.salary, currency=offer.currency, pay_period=offer.pay_period
            ),
            start_date=long_day(offer.start_date),
            expires_on=long_day(offer.expires_on),
            letter=letter_html(offer.letter),
        )
    return shown
