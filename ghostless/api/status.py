"""The link to a candidate's status page, for recruiters to give by phone or text."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from ghostless.api.schemas import Id
from ghostless.candidates.selectors import access_candidate
from ghostless.status.services import status_link_share

router = Router(tags=["status"])


class StatusLinkOut(Schema):
    url: str
    expires_at: datetime


@router.get("/{candidate_id}/status-link", response=StatusLinkOut)
def status_link(request: HttpRequest, candidate_id: Id):
    """A fresh signed link (recruiters and admins; 403 for others), and when it stops working."""
    candidate = access_candidate(request.auth, candidate_id)
    url, expires_at = status_link_share(candidate=candidate, actor=request.auth)
    return {"url": url, "expires_at": expires_at}
