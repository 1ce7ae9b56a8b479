"""The REST API at /api/v1/: bearer tokens, one error shape for the domain, the routers."""

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.parser import Parser
from ninja.security import HttpBearer

from ghostless.accounts.models import User
from ghostless.accounts.services import api_token_authenticate
from ghostless.api import (
    applications,
    audit,
    candidates,
    followups,
    imports,
    interview_plans,
    interviews,
    jobs,
    loop,
    messaging,
    offers,
    pools,
    privacy,
    reports,
    resumes,
    scorecards,
    search,
    slot_offers,
    status,
    suggestions,
    texts,
    users,
    webhooks,
)
from ghostless.api.schemas import UserOut
from ghostless.core.errors import DomainError
from ghostless.core.text import lone_surrogate_path


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`; revoked tokens and inactive users are refused."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return api_token_authenticate(token)


class StorableJson(Parser):
    """JSON bodies, refusing a lone surrogate ("\\ud800") anywhere: no database can store one."""

    def parse_body(self, request: HttpRequest):
        data = json.loads(request.body)
        if where := lone_surrogate_path(data):
            raise DomainError(
                "Text cannot contain a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff escape).",
                field=where,
            )
        return data


api = NinjaAPI(
    title="Ghostless API",
    version="1",
    description="Candidates, jobs, applications, the timeline and email. See docs/api.md.",
    urls_namespace="api",
    auth=BearerToken(),
    parser=StorableJson(),
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """422 for a broken rule, 409 for a duplicate, 403 for a refused action; always JSON."""
    return api.create_response(request, exc.as_json(), status=exc.status)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Ninja wraps whatever the parser raises in a 400; a DomainError keeps its own answer."""
    if isinstance(exc.__cause__, DomainError):
        return domain_error(request, exc.__cause__)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    detail = f"The request body is larger than the {limit:,} bytes allowed."
    return api.create_response(request, {"detail": detail}, status=413)


@api.get("/me", response=UserOut, tags=["me"])
def me(request: HttpRequest):
    return request.auth


api.add_router("/candidates", imports.resume_router)
api.add_router("/candidates", candidates.router)
api.add_router("/candidates", resumes.router)
api.add_router("/candidates", status.router)
api.add_router("/jobs", jobs.router)
api.add_router("/jobs", loop.router)
api.add_router("/jobs", suggestions.router)
api.add_router("/jobs", interview_plans.router)
api.add_router("/applications", applications.router)
api.add_router("/applications", interviews.applications_router)
api.add_router("/interviews", interviews.router)
api.add_router("/followups", followups.router)
api.add_router("/pools", pools.router)
api.add_router("", messaging.router)
api.add_router("", search.router)
api.add_router("", users.router)
api.add_router("", scorecards.router)
api.add_router("/applications", offers.applications_router)
api.add_router("/offers", offers.router)
api.add_router("/applications", slot_offers.applications_router)
api.add_router("/slot-offers", slot_offers.router)
api.add_router("/reports", reports.router)
api.add_router("", privacy.router)
api.add_router("", audit.router)
api.add_router("", webhooks.router)
api.add_router("/imports", imports.router)
api.add_router("", texts.router)
api.add_router("", texts.webhooks)
