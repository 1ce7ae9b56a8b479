"""The REST API at /api/v1/: bearer tokens, one error shape for the domain, the routers."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import HttpBearer

from ghostless.accounts.models import User
from ghostless.accounts.services import api_token_authenticate
from ghostless.api import (
    applications,
    candidates,
    followups,
    jobs,
    loop,
    messaging,
    pools,
    resumes,
    search,
    suggestions,
)
from ghostless.api.schemas import UserOut
from ghostless.core.errors import DomainError


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`; revoked tokens and inactive users are refused."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return api_token_authenticate(token)


api = NinjaAPI(
    title="Ghostless API",
    version="1",
    description="Candidates, jobs, applications, the timeline and email. See docs/api.md.",
    urls_namespace="api",
    auth=BearerToken(),
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """422 for a broken rule, 409 for a duplicate, 403 for a refused action; always JSON."""
    return api.create_response(request, exc.as_json(), status=exc.status)


@api.get("/me", response=UserOut, tags=["me"])
def me(request: HttpRequest):
    return request.auth


api.add_router("/candidates", candidates.router)
api.add_router("/candidates", resumes.router)
api.add_router("/jobs", jobs.router)
api.add_router("/jobs", loop.router)
api.add_router("/jobs", suggestions.router)
api.add_router("/applications", applications.router)
api.add_router("/followups", followups.router)
api.add_router("/pools", pools.router)
api.add_router("", messaging.router)
api.add_router("", search.router)
