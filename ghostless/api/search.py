"""GET /search: the search page's text and filters, ranked items with a snippet each.

The snippet is HTML: the text is escaped and the matched words are wrapped in <mark>.
"""

from datetime import date
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from pydantic import StringConstraints

from ghostless.accounts.models import User
from ghostless.api import lookups
from ghostless.api.schemas import Id, Text, Text60, Text150, Text200
from ghostless.core.errors import DomainError, PermissionDenied
from ghostless.core.permissions import check_hiring_team
from ghostless.core.when import check_date
from ghostless.jobs.models import ApplicationStatus, Stage
from ghostless.jobs.selectors import jobs_visible_to
from ghostless.pools.models import TalentPool
from ghostless.search.query import MAX_QUERY_CHARS
from ghostless.search.selectors import SearchFilters, candidate_search, search_hits

router = Router(tags=["search"])


class SearchParams(Schema):
    q: Annotated[Text, StringConstraints(max_length=MAX_QUERY_CHARS)] = ""
    job: Id | None = None
    stage: Id | None = None
    status: ApplicationStatus | None = None
    tag: Text60 = ""
    pool: Id | None = None
    owner: Text150 = Field("", description="A recruiter's username.")
    location: Text200 = Field("", description="Part of the location.")
    consent: Literal["consented", "no_consent", "unsubscribed"] | None = None
    contacted_before: date | None = Field(None, description="Includes people never contacted.")
    contacted_after: date | None = None
    limit: int = Field(25, ge=1, le=100)
    offset: int = Field(0, ge=0)


class SearchCandidateOut(Schema):
    id: int
    name: str
    current_title: str
    current_company: str
    location: str
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class SearchItemOut(Schema):
    candidate: SearchCandidateOut
    score: float
    snippet: str


class SearchOut(Schema):
    items: list[SearchItemOut]
    count: int = Field(description="Matches ranked, at most 1000.")
    capped: bool = Field(description="True when more matched than were ranked.")


def _filters(user: User, params: SearchParams) -> SearchFilters:
    if (params.pool or params.consent) and not user.sees_everything:
        raise PermissionDenied("Only recruiters and admins filter by pool or consent.")
    stage = None
    if params.stage:
        stage = Stage.objects.filter(pk=params.stage, job__in=jobs_visible_to(user)).first()
        if stage is None:
            raise DomainError(f"There is no stage {params.stage}.", field="stage")
    pool = None
    if params.pool:
        pool = TalentPool.objects.filter(pk=params.pool).first()
        if pool is None:
            raise DomainError(f"There is no pool {params.pool}.", field="pool")
    return SearchFilters(
        job=lookups.visible_job(user, params.job, field="job") if params.job else None,
        stage=stage,
        status=params.status or "",
        tag=params.tag.strip().lower(),
        pool=pool,
        owner=lookups.user_named(params.owner, field="owner") if params.owner else None,
        location=params.location.strip(),
        consent=params.consent or "",
        contacted_before=_day(params.contacted_before, field="contacted_before"),
        contacted_after=_day(params.contacted_after, field="contacted_after"),
    )


def _day(day: date | None, *, field: str) -> date | None:
    return check_date(day, field=field) if day else None


@router.get("/search", response=SearchOut)
def search(request: HttpRequest, params: Query[SearchParams]):
    """Free text (words, "phrases", OR, -exclude, prefix*) and filters; without text, the
    filtered candidates newest first. A query that cannot be read is a 422 naming `q`."""
    user = request.auth
    check_hiring_team(user)
    filters = _filters(user, params)
    if not params.q.strip() and not filters:
        raise DomainError("Give some text to search for, or a filter.", field="q")
    result = candidate_search(user=user, q=params.q, filters=filters)
    page = result.hits[params.offset : params.offset + params.limit]
    hits = search_hits(user=user, result=result, hits=page)
    return {
        "items": [
            {"candidate": hit.candidate, "score": hit.score, "snippet": str(hit.snippet)}
            for hit in hits
        ],
        "count": result.count,
        "capped": result.capped,
    }
