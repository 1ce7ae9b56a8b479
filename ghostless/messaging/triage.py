"""Reads for the triage inbox: mail that matched nobody, with the permission check built in."""

from django.db.models import Count, QuerySet
from django.http import Http404

from ghostless.accounts.models import User
from ghostless.messaging.models import InboundEmail, InboundState

# Triage shows what is waiting and what was dismissed; matched mail lives on timelines.
TRIAGE_STATES = (InboundState.TRIAGE, InboundState.DISMISSED)


def _check_triage(user: User) -> None:
    """Hiring managers do not work the triage inbox: for them it does not exist."""
    if not user.sees_everything:
        raise Http404


def triage_list(*, user: User, state: str = InboundState.TRIAGE) -> QuerySet[InboundEmail]:
    _check_triage(user)
    return (
        InboundEmail.objects.filter(state=state)
        .defer("raw", "body_html")
        .annotate(attachment_count=Count("attachments"))
        .order_by("-received_at", "-id")
    )


def triage_waiting_count() -> int:
    return InboundEmail.objects.filter(state=InboundState.TRIAGE).count()


def access_inbound(user: User, pk) -> InboundEmail:
    _check_triage(user)
    email = (
        InboundEmail.objects.filter(pk=pk, state__in=TRIAGE_STATES)
        .defer("raw")
        .select_related("handled_by")
        .first()
    )
    if email is None:
        raise Http404
    return email
