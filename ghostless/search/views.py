"""The search page, its saved searches, and actions on a selection of results."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from ghostless.candidates.selectors import candidates_visible_to
from ghostless.core.errors import DomainError
from ghostless.core.params import next_url
from ghostless.core.web import require_hiring_team, require_recruiter
from ghostless.core.widgets import choice_id
from ghostless.jobs.models import JobStatus
from ghostless.jobs.selectors import jobs_visible_to
from ghostless.pools.models import TalentPool
from ghostless.pools.services import pool_add_many
from ghostless.search import services
from ghostless.search.forms import SearchForm
from ghostless.search.models import SavedSearch
from ghostless.search.selectors import (
    RESULT_LIMIT,
    SearchResult,
    candidate_search,
    saved_searches,
    search_hits,
)

# Selections come from one page of results.
MAX_SELECTION = 200


def _query_string(form: SearchForm) -> str:
    """The valid text and filters as a query string: what a saved search keeps."""
    pairs = [
        (name, field.prepare_value(form.cleaned_data[name]))
        for name, field in form.fields.items()
        if form.cleaned_data.get(name) not in (None, "")
    ]
    return urlencode(pairs)


def _nurture_url() -> str:
    try:
        return reverse("pools:nurture")
    except NoReverseMatch:
        return ""


def search_results(request: HttpRequest) -> HttpResponse:
    require_hiring_team(request)
    if request.htmx and request.htmx.target == "field-stage":
        # The job changed: offer its stages (the stage chosen before belonged to another job).
        params = request.GET.copy()
        params.pop("stage", None)
        form = SearchForm(params, user=request.user)
        return TemplateResponse(request, "search/results.html#stage-field", {"form": form})
    form = SearchForm(request.GET or None, user=request.user)
    result, status = SearchResult(query=None, hits=[], capped=False), 200
    if form.is_bound:
        form.is_valid()
        try:
            result = candidate_search(user=request.user, q=form.text(), filters=form.filters())
        except DomainError as exc:
            form.add_error("q", exc.message)
            status = 422
    page = Paginator(result.hits, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    searched = form.is_bound and bool(form.text() or form.filters())
    context = {
        "nav": "search",
        "form": form,
        "page": page,
        "hits": search_hits(user=request.user, result=result, hits=list(page.object_list)),
        "result": result,
        "limit": RESULT_LIMIT,
        "searched": searched and status == 200,
        "query_string": _query_string(form) if searched else "",
        "saved_searches": saved_searches(request.user),
    }
    if request.user.sees_everything:
        # Jobs to add the selection to are typed and suggested (live ones only).
        context["can_select"] = True
        context["can_add_to_job"] = (
            jobs_visible_to(request.user)
            .exclude(status__in=[JobStatus.FILLED, JobStatus.CLOSED])
            .exists()
        )
        context["pools"] = TalentPool.objects.order_by("name")
        context["nurture_url"] = _nurture_url()
    return TemplateResponse(request, "search/results.html", context, status=status)


def _back(request: HttpRequest) -> str:
    return next_url(request, reverse("search:results"))


def _id(value: str) -> int | None:
    """A posted id, or None for anything that cannot be one (not even a huge number)."""
    return int(value) if value.isdigit() and len(value) < 10 else None


def _selection(request: HttpRequest) -> list:
    ids = [_id(value) for value in request.POST.getlist("candidates")]
    if not ids:
        raise DomainError("Tick at least one candidate first.", field="candidates")
    if len(ids) > MAX_SELECTION or None in ids:
        raise DomainError("That selection cannot be used; search again.", field="candidates")
    return list(candidates_visible_to(request.user).filter(pk__in=ids))


def _act(request: HttpRequest, action: str, candidates: list) -> str:
    """Run one action on the selection; returns what to tell the user."""
    if action == "job":
        job = (
            jobs_visible_to(request.user)
            .exclude(status__in=[JobStatus.FILLED, JobStatus.CLOSED])
            .filter(pk=choice_id(request.POST.get("to_job", "")))
            .first()
        )
        if job is None:
            raise DomainError("Choose the job to add them to.", field="to_job")
        added, already = services.job_add_candidates(
            job=job, candidates=candidates, actor=request.user
        )
        skipped = f" ({already} already on it)" if already else ""
        return f"Added {added} to {job.title}{skipped}."
    if action == "pool":
        pool = TalentPool.objects.filter(pk=_id(request.POST.get("to_pool", ""))).first()
        if pool is None:
            raise DomainError("Choose the talent pool to add them to.", field="to_pool")
        added = pool_add_many(pool=pool, candidates=candidates, actor=request.user)
        already = len(candidates) - added
        skipped = f" ({already} already there)" if already else ""
        return f"Added {added} to {pool.name}{skipped}."
    if action == "tag":
        name = request.POST.get("tag", "")
        tagged = services.candidates_tag(candidates=candidates, name=name, actor=request.user)
        return f"Tagged {tagged} with “{name.strip().lower()}”."
    raise DomainError("Choose what to do with the selection.", field="action")


@require_POST
def selection_act(request: HttpRequest) -> HttpResponse:
    """Add the ticked results to a job or a pool, or tag them; then back to the results."""
    require_recruiter(request)
    try:
        messages.success(
            request, _act(request, request.POST.get("action", ""), _selection(request))
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(_back(request))


@require_POST
def saved_search_save(request: HttpRequest) -> HttpResponse:
    """Save the search the page shows: its query string is read back through the search form,
    so only valid text and filters are kept."""
    require_hiring_team(request)
    form = SearchForm(QueryDict(request.POST.get("query", "")), user=request.user)
    form.is_valid()
    query = _query_string(form)
    try:
        if not (form.text() or form.filters()):
            raise DomainError("Search for something first, then save it.", field="query")
        saved, created = services.saved_search_save(
            owner=request.user, name=request.POST.get("name", ""), query=query
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(f"{reverse('search:results')}?{query}")
    messages.success(request, f"Saved “{saved.name}”." if created else f"Updated “{saved.name}”.")
    return redirect(f"{reverse('search:results')}?{saved.query}")


@require_POST
def saved_search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedSearch, pk=pk, owner=request.user)
    services.saved_search_delete(saved_search=saved, actor=request.user)
    messages.success(request, f"Deleted the saved search “{saved.name}”.")
    return redirect(_back(request))
