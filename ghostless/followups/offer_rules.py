"""The rules that keep an offer from hanging: approval_due (an approver has had their turn
for the rule's business days) and offer_expiring (a sent offer's last business day before it
expires, to the application's owner). Same shape as rules.py: a `find` and a `clear` step,
one follow-up per episode by `rule_key`. Both use the rule settings' business days (default
1); approval_due's incremental window is the default one (rules._window_start).
"""

from datetime import datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce

from ghostless.followups.business_time import (
    add_business_days,
    company_zone,
    subtract_business_days,
)
from ghostless.followups.models import FollowUp, Reason, State
from ghostless.followups.rule_rows import after, close, insert, open_of
from ghostless.offers.models import Decision, Offer, OfferApproval, OfferState


def _new(rows: list[FollowUp]) -> int:
    made = set(
        FollowUp.objects.filter(rule_key__in=[r.rule_key for r in rows]).values_list(
            "rule_key", flat=True
        )
    )
    return insert([r for r in rows if r.rule_key not in made])


# Approval due: the approver whose turn it is has not decided.


def _waiting_turns():
    return OfferApproval.objects.filter(
        decision=Decision.PENDING,
        waiting_since__isnull=False,
        offer__state=OfferState.PENDING_APPROVAL,
    )


def find_approval_due(now: datetime, days: int, since: datetime | None = None) -> int:
    cutoff = subtract_business_days(now, days)
    turns = (
        _waiting_turns()
        .filter(waiting_since__lte=cutoff, **after("waiting_since", since))
        .values_list(
            "pk",
            "approver_id",
            "waiting_since",
            "offer__title",
            "offer__application_id",
            "offer__application__candidate_id",
        )
    )
    return _new(
        [
            FollowUp(
                candidate_id=candidate_id,
                application_id=application_id,
                assignee_id=approver_id,
                reason=Reason.APPROVAL_DUE,
                due_at=add_business_days(waiting, days),
                waiting_since=waiting,
                note=f"The offer “{title}” waits on your approval.",
                rule_key=f"approval_due:{pk}",
                created_at=now,
            )
            for pk, approver_id, waiting, title, application_id, candidate_id in turns
        ]
    )


def clear_approval_due(now: datetime, scope: Q) -> int:
    """Done once the assignee has no turn waiting on this application's offer any more;
    cancelled when the offer was withdrawn meanwhile."""
    still_waiting = _waiting_turns().filter(
        offer__application_id=OuterRef("application_id"), approver_id=OuterRef("assignee_id")
    )
    gone = open_of(Reason.APPROVAL_DUE).filter(scope).exclude(Exists(still_waiting))
    withdrawn = Offer.objects.filter(
        application_id=OuterRef("application_id"),
        state=OfferState.WITHDRAWN,
        closed_at__gte=OuterRef("waiting_since"),
    )
    cancelled = close(gone.filter(Exists(withdrawn)), State.CANCELLED, now)
    return cancelled + close(gone, State.DONE, now)


# Offer expiring: a sent offer on the business day before its last day.


def expiring_due(expires_on, days: int) -> datetime:
    """The start of the `days`-th business day before `expires_on`."""
    midnight = datetime.combine(expires_on, time(0), tzinfo=company_zone())
    return subtract_business_days(midnight, days)


def find_offer_expiring(now: datetime, days: int, since: datetime | None = None) -> int:
    del since  # few offers are out at once: each run looks at all of them
    horizon = (now + timedelta(days=days * 3 + 7)).astimezone(company_zone()).date()
    sent = (
        Offer.objects.filter(state=OfferState.SENT, expires_on__lte=horizon)
        .annotate(assignee=Coalesce("application__owner_id", "application__candidate__owner_id"))
        .values_list(
            "pk",
            "title",
            "expires_on",
            "sent_at",
            "application_id",
            "application__candidate_id",
            "assignee",
        )
    )
    rows = []
    for pk, title, expires_on, sent_at, application_id, candidate_id, assignee in sent:
        due = expiring_due(expires_on, days)
        if due > now:
            continue
        rows.append(
            FollowUp(
                candidate_id=candidate_id,
                application_id=application_id,
                assignee_id=assignee,
                reason=Reason.OFFER_EXPIRING,
                due_at=due,
                waiting_since=sent_at or due,
                note=f"The offer “{title}” expires after {expires_on:%A %-d %B}, unanswered.",
                rule_key=f"offer_expiring:{pk}",
                created_at=now,
            )
        )
    return _new(rows)


def clear_offer_expiring(now: datetime, scope: Q) -> int:
    """Done when the candidate answered; cancelled when the offer expired or was withdrawn."""
    followups = open_of(Reason.OFFER_EXPIRING).filter(scope)
    out = Offer.objects.filter(application_id=OuterRef("application_id"), state=OfferState.SENT)
    settled = followups.exclude(Exists(out))
    answered = Offer.objects.filter(
        application_id=OuterRef("application_id"),
        state__in=[OfferState.ACCEPTED, OfferState.DECLINED],
    )
    done = close(settled.filter(Exists(answered)), State.DONE, now)
    return done + close(settled, State.CANCELLED, now)


OFFER_RULES = {
    Reason.APPROVAL_DUE: (find_approval_due, clear_approval_due),
    Reason.OFFER_EXPIRING: (find_offer_expiring, clear_offer_expiring),
}
