"""`followup.overdue`: a follow-up whose due time passed while still open. Found by a
periodic check, once per follow-up (the event's once_key), so receivers can act before the
candidate is ghosted."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ghostless.followups.models import FollowUp, State
from ghostless.webhooks.models import Event
from ghostless.webhooks.services import event_emit

# Follow-ups overdue for longer than this when the check first sees them (a new install, a
# long outage) are not announced: the event is about what is becoming late now.
LOOK_BACK = timedelta(days=1)


def _key(followup_id: int) -> str:
    return f"followup.overdue:{followup_id}"


def followup_data(followup: FollowUp) -> dict:
    return {
        "id": followup.pk,
        "candidate_id": followup.candidate_id,
        "application_id": followup.application_id,
        "reason": followup.reason,
        "note": followup.note,
        "assignee": followup.assignee.username if followup.assignee_id else None,
        "due_at": followup.due_at.isoformat(),
    }


def emit_overdue(now=None) -> int:
    now = now or timezone.now()
    due = list(
        FollowUp.objects.filter(state=State.OPEN, due_at__lte=now, due_at__gt=now - LOOK_BACK)
        .select_related("assignee")
        .order_by("due_at")
    )
    told = set(
        Event.objects.filter(once_key__in=[_key(f.pk) for f in due]).values_list(
            "once_key", flat=True
        )
    )
    emitted = 0
    for followup in due:
        if _key(followup.pk) in told:
            continue
        with transaction.atomic():
            event = event_emit(
                type="followup.overdue",
                candidate_id=followup.candidate_id,
                once_key=_key(followup.pk),
                data=lambda f=followup: followup_data(f),
            )
        emitted += event is not None
    return emitted
