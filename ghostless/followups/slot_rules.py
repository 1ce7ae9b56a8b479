"""awaiting_candidate: interview times offered (interviews/slots.py) that the candidate has not
picked from after the rule's business days. It goes to whoever offered them, else the
application's owner, so they can nudge (re-send) or offer other times. One follow-up per
sending: the rule key holds the offer and when it was last sent, so a re-send starts anew.
"""

from datetime import datetime

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import formats

from ghostless.followups.business_time import (
    add_business_days,
    company_zone,
    subtract_business_days,
)
from ghostless.followups.models import FollowUp, Reason, State
from ghostless.followups.rule_rows import after, close, insert, open_of
from ghostless.interviews.models import SlotOffer, SlotOfferState
from ghostless.jobs.models import ApplicationStatus

DEFAULT_BUSINESS_DAYS = 2


def _key(offer_id: int, sent_at: datetime) -> str:
    return f"awaiting_candidate:{offer_id}:{sent_at.timestamp():.6f}"


def find_awaiting_candidate(now: datetime, days: int, since: datetime | None = None) -> int:
    cutoff = subtract_business_days(now, days)
    offers = (
        SlotOffer.objects.filter(
            state=SlotOfferState.OPEN,
            application__status=ApplicationStatus.ACTIVE,
            sent_at__lte=cutoff,
            **after("sent_at", since),
        )
        .annotate(
            assignee=Coalesce(
                "offered_by_id", "application__owner_id", "application__candidate__owner_id"
            )
        )
        .values_list(
            "pk",
            "sent_at",
            "title",
            "assignee",
            "application_id",
            "application__candidate_id",
            "application__candidate__first_name",
        )
    )
    rows = []
    for pk, sent_at, title, assignee, application_id, candidate_id, first_name in offers:
        day = formats.date_format(sent_at.astimezone(company_zone()), "l j F")
        rows.append(
            FollowUp(
                candidate_id=candidate_id,
                application_id=application_id,
                assignee_id=assignee,
                reason=Reason.AWAITING_CANDIDATE,
                due_at=add_business_days(sent_at, days),
                waiting_since=sent_at,
                note=f"{first_name or 'The candidate'} has not picked a time for “{title}” "
                f"(offered {day}). Re-send the times or offer others.",
                rule_key=_key(pk, sent_at),
                created_at=now,
            )
        )
    return insert(rows)


def clear_awaiting_candidate(now: datetime, scope: Q) -> int:
    """Done when the candidate picks or the times are re-sent (that is the nudge); cancelled
    when the offer is withdrawn or the application closes."""
    followups = open_of(Reason.AWAITING_CANDIDATE).filter(scope)
    keys = dict(followups.values_list("pk", "rule_key"))
    if not keys:
        return 0
    offer_ids = {int(key.split(":")[1]) for key in keys.values() if key}
    offers = {
        offer.pk: offer
        for offer in SlotOffer.objects.filter(pk__in=offer_ids)
        .only("state", "sent_at", "application__status")
        .select_related("application")
    }
    done, cancelled = [], []
    for pk, key in keys.items():
        offer = offers.get(int(key.split(":")[1])) if key else None
        if (
            offer is None
            or offer.state == SlotOfferState.CANCELLED
            or offer.application.status != ApplicationStatus.ACTIVE
        ):
            cancelled.append(pk)
        elif offer.state == SlotOfferState.BOOKED or key != _key(offer.pk, offer.sent_at):
            done.append(pk)
    return close(FollowUp.objects.filter(pk__in=done), State.DONE, now) + close(
        FollowUp.objects.filter(pk__in=cancelled), State.CANCELLED, now
    )
