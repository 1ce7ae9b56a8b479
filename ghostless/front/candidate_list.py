"""The candidate list with its filters and the bulk add to a pool."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from ghostless.candidates.forms import CandidateFilterForm
from ghostless.candidates.paging import CappedPaginator
from ghostless.pools.forms import PoolBulkAddForm
from ghostless.search.quick_find import candidate_find


def candidate_list_page(request: HttpRequest) -> HttpResponse:
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
    context = {"nav": "candidates", "form": form, "page": page, "filtered": bool(filters)}
    if request.user.sees_everything:
        context["pool_form"] = PoolBulkAddForm(user=request.user)
    return TemplateResponse(request, "candidates/list.html", context)
