"""The candidate list with its filters and the bulk add to a pool."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from ghostless.candidates.forms import CandidateFilterForm
from ghostless.candidates.paging import CappedPaginator
from ghostless.core.web import require_hiring_team
from ghostless.pools.forms import PoolBulkAddForm
from ghostless.search.quick_find import candidate_find

# Columns whose header sorts the list (first click: the order a recruiter wants first).
SORTABLE = {"name": "name", "last_contact": "last_contact"}
SORTED_BY = {
    "-added": "newest first",
    "added": "oldest first",
    "name": "name, A to Z",
    "-name": "name, Z to A",
    "last_contact": "longest without contact first",
    "-last_contact": "most recently contacted first",
}


def _sort_header(key: str, sort: str) -> dict:
    """A header's aria-sort and the order its link asks for (the reverse when it is on)."""
    direction = {key: "ascending", f"-{key}": "descending"}.get(sort, "")
    return {"aria_sort": direction, "next": f"-{key}" if direction == "ascending" else key}


def candidate_list_page(request: HttpRequest) -> HttpResponse:
    require_hiring_team(request)
    if request.htmx and request.htmx.target == "field-stage":
        # The job changed: offer its stages (the stage chosen before belonged to another job).
        params = request.GET.copy()
        params.pop("stage", None)
        form = CandidateFilterForm(params, user=request.user)
        return TemplateResponse(request, "candidates/list.html#stage-field", {"form": form})
    form = CandidateFilterForm(request.GET or None, user=request.user)
    filters = form.selector_kwargs() if form.is_bound else {}
    candidates = candidate_find(user=request.user, **filters)
    page = CappedPaginator(candidates, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    sort = filters.get("sort", "-added")
    context = {
        "nav": "candidates",
        "form": form,
        "page": page,
        "filtered": bool(filters.keys() - {"sort"}),
        "sort_headers": {key: _sort_header(key, sort) for key in SORTABLE},
        "sorted_by": SORTED_BY.get(sort, ""),
    }
    if request.user.sees_everything:
        context["pool_form"] = PoolBulkAddForm(user=request.user)
    return TemplateResponse(request, "candidates/list.html", context)
