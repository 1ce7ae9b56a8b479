"""Reads for texts, with the permission rules built in: texts are for recruiters and admins,
like email."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.texts.models import InboundState, InboundText, NumberBlock, Text

RECENT_TEXTS = 5


def texts_visible_to(user: User) -> QuerySet[Text]:
    return Text.objects.all() if user.sees_everything else Text.objects.none()


def access_text(user: User, pk) -> Text:
    return get_object_or_404(texts_visible_to(user).select_related("candidate"), pk=pk)


def triage_texts(user: User) -> QuerySet[InboundText]:
    rows = InboundText.objects.filter(state=InboundState.TRIAGE)
    return rows if user.sees_everything else rows.none()


def access_triage_text(user: User, pk) -> InboundText:
    return get_object_or_404(triage_texts(user), pk=pk)


def candidate_text_section(*, candidate: Candidate) -> dict:
    """The profile's Texts card: each number and whether it may be texted, the latest texts."""
    phones = list(candidate.phones.all())
    # Every block also sets sms_opted_out_at: only those numbers can have a reason to read.
    stopped = [p.phone for p in phones if p.sms_opted_out_at]
    blocks = {b.phone: b for b in NumberBlock.objects.filter(phone__in=stopped)} if stopped else {}
    numbers = [
        {
            "phone": p.phone,
            "textable": p.sms_opted_out_at is None and p.phone not in blocks,
            "since": (blocks[p.phone].at if p.phone in blocks else p.sms_opted_out_at),
            "why": blocks[p.phone].reason if p.phone in blocks else "opted out of texts",
        }
        for p in phones
    ]
    recent = list(candidate.texts.order_by("-created_at", "-id")[:RECENT_TEXTS])
    return {"numbers": numbers, "recent": recent, "can_text": any(n["textable"] for n in numbers)}
