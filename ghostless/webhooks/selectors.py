"""Reads of endpoints and their delivery log: admins only."""

from django.db.models import Count, Q, QuerySet

from ghostless.accounts.models import User
from ghostless.core.permissions import check_admin
from ghostless.webhooks.models import Delivery, DeliveryStatus, Endpoint


def endpoint_list(*, user: User) -> QuerySet[Endpoint]:
    check_admin(user)
    return Endpoint.objects.annotate(
        pending_count=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.PENDING)),
        failed_count=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)),
    ).order_by("url", "id")


def access_endpoint(user: User, pk: int) -> Endpoint:
    """Raises Endpoint.DoesNotExist for an unknown id, PermissionDenied for a non-admin."""
    check_admin(user)
    return Endpoint.objects.get(pk=pk)


def deliveries_of(endpoint: Endpoint) -> QuerySet[Delivery]:
    return endpoint.deliveries.select_related("event").order_by("-created_at", "-id")


def access_delivery(user: User, pk: int) -> Delivery:
    check_admin(user)
    return Delivery.objects.select_related("endpoint", "event").get(pk=pk)
