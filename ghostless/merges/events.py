"""The timeline entry a merge writes on the surviving record."""

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.timeline.events import record
from ghostless.timeline.models import Activity, EventKind, Kind


def candidate_merged(
    *,
    survivor: Candidate,
    actor: User | None,
    merge_id: int,
    merged_candidate_id: int,
    merged_name: str,
    moved: dict,
    body: str,
) -> Activity:
    # Private: the counts speak of every job, including those a hiring manager may not see.
    return record(
        candidate=survivor,
        actor=actor,
        kind=Kind.SYSTEM,
        private=True,
        subject=f"Merged {merged_name} (#{merged_candidate_id}) into this record",
        body=body,
        event=EventKind.CANDIDATE_MERGED,
        payload={"merge_id": merge_id, "merged_candidate_id": merged_candidate_id, "moved": moved},
    )
