"""Settings → Webhooks (admins): the endpoints, one endpoint's page with its delivery log,
and the actions on it. Secrets are rendered in the response that made them, never again."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from ghostless.core.confirm import Confirmation, confirmation_page, confirmed
from ghostless.core.errors import DomainError
from ghostless.core.web import form_error, render, require_admin
from ghostless.webhooks import services
from ghostless.webhooks.catalog import EVENT_TYPES
from ghostless.webhooks.forms import EndpointForm
from ghostless.webhooks.models import Delivery, Endpoint
from ghostless.webhooks.selectors import (
    access_delivery,
    access_endpoint,
    deliveries_of,
    endpoint_list,
)

LOG_PAGE = 25


def _no_store(response: HttpResponse) -> HttpResponse:
    response.headers["Cache-Control"] = "no-store"
    return response


def webhook_list(request: HttpRequest, *, form=None, status=200) -> HttpResponse:
    require_admin(request)
    context = {
        "nav": "settings",
        "endpoints": endpoint_list(user=request.user),
        "form": form or EndpointForm(initial={"active": True}),
        "event_count": len(EVENT_TYPES),
    }
    return render(request, "webhooks/list.html", context, status=status)


@require_POST
def webhook_create(request: HttpRequest) -> HttpResponse:
    require_admin(request)
    form = EndpointForm(request.POST)
    if form.is_valid():
        try:
            endpoint, secret = services.endpoint_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            # Rendered, not redirected: the secret exists only in this response.
            return _no_store(webhook_detail(request, endpoint.pk, new_secret=secret))
    return webhook_list(request, form=form, status=422)


def _endpoint(request: HttpRequest, pk: int) -> Endpoint:
    require_admin(request)
    try:
        return access_endpoint(request.user, pk)
    except Endpoint.DoesNotExist:
        raise Http404 from None


def webhook_detail(
    request: HttpRequest, pk: int, *, form=None, new_secret: str = "", status=200
) -> HttpResponse:
    endpoint = _endpoint(request, pk)
    initial = {k: getattr(endpoint, k) for k in ("url", "description", "events", "active")}
    page = Paginator(deliveries_of(endpoint), LOG_PAGE).get_page(request.GET.get("page"))
    context = {
        "nav": "settings",
        "endpoint": endpoint,
        "form": form or EndpointForm(initial=initial),
        "new_secret": new_secret,
        "page": page,
        "grace_until": endpoint.previous_secret_until
        if len(services.signing_secrets(endpoint)) > 1
        else None,
    }
    return render(request, "webhooks/detail.html", context, partials=("log",), status=status)


@require_POST
def webhook_update(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _endpoint(request, pk)
    form = EndpointForm(request.POST)
    if form.is_valid():
        try:
            services.endpoint_update(endpoint=endpoint, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("webhooks:detail", pk=endpoint.pk)
    return webhook_detail(request, pk, form=form, status=422)


@require_POST
def webhook_rotate(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _endpoint(request, pk)
    if not confirmed(request):
        hours = settings.WEBHOOKS_SECRET_GRACE_HOURS
        return confirmation_page(
            request,
            Confirmation(
                title=f"Make a new secret for {endpoint.url}?",
                button="Make a new secret",
                cancel_url=reverse("webhooks:detail", args=[endpoint.pk]),
                what=[
                    "The new secret is shown once, on the next page: copy it to the receiver.",
                    f"For {hours} hours every event is signed with both the old and the new "
                    "secret, so the receiver can switch without missing one.",
                    f"After {hours} hours only the new secret signs.",
                ],
                nav="settings",
            ),
        )
    endpoint, secret = services.endpoint_rotate_secret(endpoint=endpoint, actor=request.user)
    return _no_store(webhook_detail(request, endpoint.pk, new_secret=secret))


@require_POST
def webhook_delete(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _endpoint(request, pk)
    if not confirmed(request):
        return confirmation_page(
            request,
            Confirmation(
                title=f"Delete the endpoint {endpoint.url}?",
                button="Delete the endpoint",
                cancel_url=reverse("webhooks:detail", args=[endpoint.pk]),
                what=[
                    "No more events are sent to it, including those waiting to be retried.",
                    "Its delivery log is deleted with it. To pause instead, untick Active.",
                ],
                count=endpoint.deliveries.count(),
                count_label="logged deliveries",
                danger=True,
                nav="settings",
            ),
        )
    services.endpoint_delete(endpoint=endpoint, actor=request.user)
    messages.success(request, f"Deleted the endpoint {endpoint.url}.")
    return redirect("webhooks:list")


@require_POST
def webhook_ping(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _endpoint(request, pk)
    try:
        services.endpoint_ping(endpoint=endpoint, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, "Test ping queued: its result appears in the delivery log in a moment."
        )
    return redirect("webhooks:detail", pk=endpoint.pk)


@require_POST
def delivery_resend(request: HttpRequest, pk: int) -> HttpResponse:
    require_admin(request)
    try:
        delivery = access_delivery(request.user, pk)
    except Delivery.DoesNotExist:
        raise Http404 from None
    try:
        services.delivery_resend(delivery=delivery, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{delivery.event.type} queued to be sent again.")
    return redirect("webhooks:detail", pk=delivery.endpoint_id)
