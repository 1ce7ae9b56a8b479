"""Outgoing webhook endpoints and their delivery log over the API: admins only."""

from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from ghostless.api.schemas import Id, In, Page, Text, Text200
from ghostless.core.permissions import check_admin
from ghostless.webhooks import services
from ghostless.webhooks.models import Delivery, Endpoint
from ghostless.webhooks.selectors import (
    access_delivery,
    access_endpoint,
    deliveries_of,
    endpoint_list,
)

router = Router(tags=["webhooks"])


class EndpointOut(Schema):
    id: int
    url: str
    description: str
    events: list[str]
    active: bool
    disabled_at: datetime | None
    disabled_reason: str
    previous_secret_until: datetime | None
    created_at: datetime


class EndpointWithSecret(EndpointOut):
    secret: str


class EndpointIn(In):
    url: Text
    events: list[Text]
    description: Text200 = ""
    active: bool = True


class EndpointPatch(In):
    url: Text = None
    events: list[Text] = None
    description: Text200 = None
    active: bool = None


class DeliveryOut(Schema):
    id: int
    endpoint_id: int
    event_id: str
    type: str
    status: str
    attempts: int
    created_at: datetime
    last_attempt_at: datetime | None
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    response_code: int | None
    response_body: str
    error: str

    @staticmethod
    def resolve_event_id(delivery) -> str:
        return delivery.event.msg_id

    @staticmethod
    def resolve_type(delivery) -> str:
        return delivery.event.type

    @staticmethod
    def resolve_next_attempt_at(delivery) -> datetime | None:
        return delivery.next_attempt_at if delivery.status == "pending" else None


def _endpoint(request: HttpRequest, webhook_id: int) -> Endpoint:
    try:
        return access_endpoint(request.auth, webhook_id)
    except Endpoint.DoesNotExist:
        raise Http404 from None


def _with_secret(endpoint: Endpoint, secret: str) -> dict:
    return EndpointOut.from_orm(endpoint).dict() | {"secret": secret}


@router.get("/webhooks", response=list[EndpointOut])
@paginate(Page)
def list_webhooks(request: HttpRequest):
    return endpoint_list(user=request.auth)


@router.post("/webhooks", response={201: EndpointWithSecret})
def create_webhook(request: HttpRequest, payload: EndpointIn):
    """The answer carries the endpoint's `secret`: the only time it is shown."""
    check_admin(request.auth)
    endpoint, secret = services.endpoint_create(actor=request.auth, **payload.dict())
    return Status(201, _with_secret(endpoint, secret))


@router.patch("/webhooks/{webhook_id}", response=EndpointOut)
def update_webhook(request: HttpRequest, webhook_id: Id, payload: EndpointPatch):
    """Turning `active` back on sends what waited while the endpoint was off."""
    endpoint = _endpoint(request, webhook_id)
    fields = payload.dict(exclude_unset=True)
    return services.endpoint_update(endpoint=endpoint, actor=request.auth, **fields)


@router.delete("/webhooks/{webhook_id}", response={204: None})
def delete_webhook(request: HttpRequest, webhook_id: Id):
    services.endpoint_delete(endpoint=_endpoint(request, webhook_id), actor=request.auth)
    return Status(204, None)


@router.post("/webhooks/{webhook_id}/rotate-secret", response=EndpointWithSecret)
def rotate_secret(request: HttpRequest, webhook_id: Id):
    """A new secret, shown this once; the old one also signs until `previous_secret_until`."""
    endpoint, secret = services.endpoint_rotate_secret(
        endpoint=_endpoint(request, webhook_id), actor=request.auth
    )
    return _with_secret(endpoint, secret)


@router.post("/webhooks/{webhook_id}/ping", response={202: DeliveryOut})
def ping_webhook(request: HttpRequest, webhook_id: Id):
    """Queue a `webhook.ping` event to this endpoint; follow it in its deliveries."""
    delivery = services.endpoint_ping(endpoint=_endpoint(request, webhook_id), actor=request.auth)
    return Status(202, delivery)


@router.get("/webhooks/{webhook_id}/deliveries", response=list[DeliveryOut])
@paginate(Page)
def list_deliveries(request: HttpRequest, webhook_id: Id):
    return deliveries_of(_endpoint(request, webhook_id))


@router.post("/webhook-deliveries/{delivery_id}/resend", response={202: DeliveryOut})
def resend_delivery(request: HttpRequest, delivery_id: Id):
    try:
        delivery = access_delivery(request.auth, delivery_id)
    except Delivery.DoesNotExist:
        raise Http404 from None
    return Status(202, services.delivery_resend(delivery=delivery, actor=request.auth))
