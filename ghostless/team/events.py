"""The timeline entry written where an admin handed someone's follow-ups to a colleague."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ghostless.timeline.events import record
from ghostless.timeline.models import EventKind, Kind

if TYPE_CHECKING:
    from ghostless.accounts.models import User
    from ghostless.candidates.models import Candidate
    from ghostless.timeline.models import Activity


def followups_reassigned(
    *, candidate: Candidate, actor: User | None, from_user: User, to_user: User, count: int
) -> Activity:
    # Private: follow-ups are recruiters' work, which hiring managers do not see.
    plural = "follow-up" if count == 1 else "follow-ups"
    return record(
        candidate=candidate,
        actor=actor,
        kind=Kind.SYSTEM,
        subject=f"{count} open {plural} moved from {from_user.name} to {to_user.name}",
        private=True,
        event=EventKind.FOLLOWUPS_REASSIGNED,
        payload={"from": from_user.username, "to": to_user.username, "count": count},
    )
