"""Nurture pages: compose one email to a pool or a selection, then watch the batch go out."""

import uuid

from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from ghostless.candidates.selectors import candidates_visible_to
from ghostless.core.confirm import Confirmation, confirmation_page, confirmed
from ghostless.core.errors import DomainError
from ghostless.core.params import posted_ids, posted_uuid
from ghostless.core.web import render, require_recruiter
from ghostless.messaging.models import EmailTemplate, Purpose
from ghostless.pools import nurture
from ghostless.pools.selectors import access_pool

# Names listed on the compose form; the rest are counted.
NAMES_SHOWN = 50


def _templates():
    """Nurture templates first: they are what this page is for."""
    first = Case(
        When(purpose=Purpose.NURTURE, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return EmailTemplate.objects.only("pk", "name", "purpose").order_by(first, "name")


def _recipients(request: HttpRequest, data: QueryDict):
    """(pool, candidates queryset or None, error) from `pool` or repeated `candidates`."""
    pool_id = data.get("pool", "")
    if pool_id:
        if not pool_id.isdigit():
            return None, None, "That pool does not exist."
        return access_pool(request.user, pool_id), None, ""
    ids = posted_ids(data.getlist("candidates"))
    if ids is None:
        return None, None, "Some selected candidates do not exist."
    if not ids:
        return None, None, ""
    candidates = candidates_visible_to(request.user).filter(pk__in=ids)
    if candidates.count() != len(ids):
        return None, None, "Some selected candidates no longer exist. Nothing was sent."
    return None, candidates, ""


def _audience(request: HttpRequest, pool, candidates):
    if pool is not None:
        return candidates_visible_to(request.user).filter(pool_memberships__pool=pool)
    return candidates


def _counts(request: HttpRequest, pool, candidates) -> dict | None:
    audience = _audience(request, pool, candidates)
    return None if audience is None else nurture.nurture_preview(candidates=audience, pool=pool)


def _ask(request: HttpRequest, pool, candidates, template) -> Confirmation:
    """The count, who is skipped and why, and the first message, before the batch exists."""
    counts = _counts(request, pool, candidates)
    reachable = counts["total"] - _skipped(counts)
    skipped = [
        (label.lower(), counts[code])
        for code, label in nurture.SKIP_LABELS.items()
        if counts.get(code)
    ]
    people = "person" if reachable == 1 else "people"
    first = nurture.nurture_first_message(
        candidates=_audience(request, pool, candidates),
        pool=pool,
        template=template,
        actor=request.user,
    )
    whom = f"the pool {pool.name}" if pool else "the selection"
    return Confirmation(
        title=f"Send “{template.name}” to {reachable} {people}?",
        button=f"Send to {reachable} {people}",
        cancel_url=reverse("pools:detail", args=[pool.pk]) if pool else reverse("pools:list"),
        count=reachable,
        count_label=f"of the {counts['total']} in {whom} will get this email, each personalized.",
        what=[
            "Nothing is sent until you confirm. Consent and addresses are checked again as "
            "each message is written; a suppressed address is skipped then."
        ],
        skipped=skipped,
        preview=first,
        nav="pools",
    )


def nurture_page(request: HttpRequest) -> HttpResponse:
    """GET (or a POST from the search page's "Email" action) shows the compose form for a
    pool or the selected candidates; a POST with a template starts the batch."""
    require_recruiter(request, hide_page=True)
    data = request.POST if request.method == "POST" else request.GET
    pool, candidates, error = _recipients(request, data)
    template_id = data.get("template", "")
    composing = request.method == "POST" and ("template" in data or "key" in data)
    if composing and not error:
        template = (
            EmailTemplate.objects.filter(pk=template_id).first() if template_id.isdigit() else None
        )
        if template is not None and not confirmed(request):
            return confirmation_page(request, _ask(request, pool, candidates, template))
        try:
            batch = nurture.nurture_start(
                actor=request.user,
                template=template,
                pool=pool,
                candidates=candidates,
                key=posted_uuid(data.get("key", "")),
            )
        except DomainError as exc:
            error = exc.message
        else:
            return redirect("pools:nurture_progress", key=batch.key)
    preview = _counts(request, pool, candidates)
    shown = (
        list(candidates.order_by("first_name", "last_name", "pk")[:NAMES_SHOWN])
        if candidates is not None
        else []
    )
    context = {
        "nav": "pools",
        "pool": pool,
        "candidates": shown,
        "more": preview["total"] - len(shown) if candidates is not None else 0,
        "candidate_ids": list(candidates.values_list("pk", flat=True))
        if candidates is not None
        else [],
        "preview": preview,
        "reachable": preview["total"] - _skipped(preview) if preview else 0,
        "templates": _templates(),
        "template_id": template_id,
        "key": uuid.uuid4(),
        "error": error,
    }
    status = 422 if error and request.method == "POST" else 200
    return TemplateResponse(request, "pools/nurture.html", context, status=status)


def _skipped(preview: dict) -> int:
    return sum(
        preview[code] for code in ("do_not_contact", "unsubscribed", "no_consent", "no_email")
    )


def nurture_progress_page(request: HttpRequest, key: uuid.UUID) -> HttpResponse:
    batch = nurture.access_nurture(request.user, key)
    progress = nurture.nurture_progress(batch)
    context = {
        "nav": "pools",
        "batch": batch,
        "progress": progress,
        "skip_counts": nurture.skip_counts(batch.skipped),
    }
    # The progress card polls itself; only it is rendered for those requests.
    return render(request, "pools/nurture_progress.html", context, partials=("progress",))
