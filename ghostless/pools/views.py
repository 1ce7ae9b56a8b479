"""Staff pages for talent pools: the list, a pool's members, adding and removing people."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from ghostless.candidates.selectors import access_candidate
from ghostless.core.errors import DomainError
from ghostless.core.params import next_url
from ghostless.core.web import form_error, require_recruiter
from ghostless.pools import services
from ghostless.pools.forms import PoolAddForm, PoolBulkAddForm, PoolForm
from ghostless.pools.selectors import (
    access_member,
    access_pool,
    candidate_pools,
    pool_list,
    pool_members,
)


def pools_page(request: HttpRequest) -> HttpResponse:
    """The pools with their counts; POST creates one."""
    require_recruiter(request, hide_page=True)
    form = PoolForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            pool = services.pool_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                f"The pool {pool.name} is created. Add people from a profile or the list.",
            )
            return redirect("pools:detail", pool.pk)
    page = Paginator(pool_list(user=request.user), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"nav": "pools", "page": page, "form": form}
    status = 422 if form.is_bound else 200
    return TemplateResponse(request, "pools/list.html", context, status=status)


def pool_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_recruiter(request, hide_page=True)
    pool = access_pool(request.user, pk)
    page = Paginator(pool_members(pool=pool), settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "nav": "pools",
        "pool": pool,
        "page": page,
        "consent_months": settings.CONSENT_MONTHS,
        "renewal_days": settings.CONSENT_RENEWAL_DAYS,
    }
    return TemplateResponse(request, "pools/detail.html", context)


@require_POST
def member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    require_recruiter(request, hide_page=True)
    pool = access_pool(request.user, pk)
    member = access_member(request.user, pool, member_pk)
    services.pool_remove(member=member, actor=request.user)
    messages.success(request, f"{member.candidate.name} is no longer in {pool.name}.")
    return redirect(next_url(request, reverse("pools:detail", args=[pool.pk])))


@require_POST
def candidate_add(request: HttpRequest, candidate_pk: int) -> HttpResponse:
    """From the profile. htmx: the Talent pools card comes back, with errors beside the fields
    or the new membership; without JS: a message and back to the profile."""
    require_recruiter(request, hide_page=True)
    candidate = access_candidate(request.user, candidate_pk)
    form = PoolAddForm(request.POST)
    done = ""
    if form.is_valid():
        pool = form.cleaned_data["pool"]
        before = {m.pool_id for m in candidate_pools(user=request.user, candidate=candidate)}
        services.pool_add(
            pool=pool,
            candidate=candidate,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            basis=form.cleaned_data["basis"],
        )
        was = "was already" if pool.pk in before else "is now"
        done = f"{candidate.name} {was} in {pool.name}."
        form = PoolAddForm()
    if not request.htmx:
        if done:
            messages.success(request, done)
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(reverse("candidates:detail", args=[candidate.pk]) + "#pools")
    context = {
        "candidate": candidate,
        "pool_memberships": candidate_pools(user=request.user, candidate=candidate),
        "pool_add_form": form,
        "pool_added": done,
    }
    return TemplateResponse(request, "pools/_profile_pools.html", context)


@require_POST
def selection_add(request: HttpRequest) -> HttpResponse:
    """The candidates ticked on the candidate list, into one pool."""
    require_recruiter(request, hide_page=True)
    form = PoolBulkAddForm(request.POST, user=request.user)
    back = next_url(request, reverse("candidates:list"))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(back)
    pool = form.cleaned_data["pool"]
    chosen = list(form.cleaned_data["candidates"])
    added = services.pool_add_many(
        pool=pool, candidates=chosen, actor=request.user, reason=form.cleaned_data["reason"]
    )
    already = len(chosen) - added
    note = f" ({already} already there)" if already else ""
    messages.success(request, f"Added {added} to {pool.name}{note}.")
    return redirect(back)
