"""The admins' triage of candidates nobody owns: tick them, choose an owner, confirm."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from ghostless.candidates import services
from ghostless.candidates.forms import AssignOwnerForm
from ghostless.candidates.paging import CappedPaginator
from ghostless.candidates.selectors import unowned_candidates
from ghostless.core.errors import DomainError
from ghostless.core.web import form_error, require_admin


def unowned_page(request: HttpRequest) -> HttpResponse:
    """One candidate is assigned at once; several are shown again with the owner to confirm."""
    require_admin(request)
    rows = unowned_candidates(user=request.user)
    form = AssignOwnerForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        chosen, owner = form.cleaned_data["candidates"], form.cleaned_data["owner"]
        if len(chosen) > 1 and not form.cleaned_data["confirm"]:
            confirm = AssignOwnerForm(initial={**form.cleaned_data, "confirm": True})
            context = {"nav": "candidates", "form": confirm, "chosen": chosen, "owner": owner}
            return TemplateResponse(request, "candidates/unowned_confirm.html", context)
        try:
            ids = services.candidates_assign_owner(
                candidate_ids=[c.pk for c in chosen], owner=owner, actor=request.user
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            them = chosen[0].name if len(ids) == 1 else f"{len(ids)} candidates"
            messages.success(request, f"{owner.name} now owns {them}.")
            return redirect("candidates:unowned")
    page = CappedPaginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"nav": "candidates", "form": form, "page": page}
    status = 422 if form.is_bound else 200
    return TemplateResponse(request, "candidates/unowned.html", context, status=status)
