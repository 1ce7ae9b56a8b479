"""The link to a candidate's status page, and the candidate a token names.

The signing itself lives in `candidates/status_links.py`, where messaging (the footer of every
email) can reach it too; this module adds what only the page needs: resolving the candidate,
following a merge to the survivor.
"""

from ghostless.candidates import status_links
from ghostless.candidates.models import Candidate
from ghostless.candidates.selectors import candidate_or_survivor

LinkExpired = status_links.LinkExpired
LinkInvalid = status_links.LinkInvalid


def status_url(candidate: Candidate) -> str:
    return status_links.status_url(candidate.pk)


def candidate_for_token(token: str) -> Candidate:
    """The candidate (or the survivor of their merge) a valid token names; LinkInvalid for a
    forged, altered or orphaned token (or an anonymised person's), LinkExpired for a genuine
    one past STATUS_LINK_DAYS."""
    candidate = candidate_or_survivor(status_links.read_status_token(token))
    if candidate is None or candidate.anonymised_at is not None:
        # An anonymised person's page would show what is left of them to whoever holds a link.
        raise LinkInvalid
    return candidate


def candidate_for_expired(error: LinkExpired) -> Candidate | None:
    return candidate_or_survivor(error.candidate_id)
