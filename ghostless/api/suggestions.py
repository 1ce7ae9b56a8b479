"""`GET /jobs/{id}/suggestions`: people from the network who fit a job, with the reasons."""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from ghostless.api.schemas import Id
from ghostless.jobs.selectors import access_job
from ghostless.search.suggestions import job_suggestions

router = Router(tags=["jobs"])


class SuggestedCandidateOut(Schema):
    id: int
    first_name: str
    last_name: str
    current_title: str
    current_company: str
    location: str
    skills: str


class SuggestionOut(Schema):
    candidate: SuggestedCandidateOut
    score: float = Field(description="Higher is a better fit; only comparable within one list.")
    reasons: list[str]


class SuggestionsOut(Schema):
    items: list[SuggestionOut]


class SuggestionFilters(Schema):
    limit: int = Field(10, ge=1, le=50)


@router.get("/{job_id}/suggestions", response=SuggestionsOut)
def list_suggestions(request: HttpRequest, job_id: Id, filters: Query[SuggestionFilters]):
    """Recruiters and admins only: a hiring manager gets 403 on her own jobs, 404 on others."""
    job = access_job(request.auth, job_id)
    return {"items": job_suggestions(job=job, user=request.auth, limit=filters.limit)}
